#!/usr/bin/env node
// Entry point of the `atai-ft` binary: runs the command on the real process and exits with its code. Ctrl-C
// (SIGINT) aborts io.signal, so the command ends what it is doing, reports it and exits 3 (see exit-codes.ts); a
// second Ctrl-C ends the process at once, with the same documented 3, should anything not honour the first.
import { run } from './run.js';

const interrupt = new AbortController();
process.on('SIGINT', () => {
  if (interrupt.signal.aborted) process.exit(3);
  interrupt.abort(new Error('interrupted (SIGINT)'));
});

// A reader that has gone (`atai-ft jobs list | head -1`) makes the next write fail with EPIPE, which unhandled
// would end the process with a stack trace. Output nobody reads is dropped quietly, as Unix tools do, but the
// command is not cut short: a cancel of several jobs still reaches every one of them and exits with its code.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    // Writes after the first failure fail as ERR_STREAM_DESTROYED: the same closed reader.
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
  });
}

process.exitCode = await run(process.argv.slice(2), {
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  signal: interrupt.signal,
});
