#!/usr/bin/env node
// Entry point of the `atai-ft` binary: runs the command on the real process and exits with its code. Ctrl-C
// (SIGINT) aborts io.signal, so the command ends what it is doing, reports it and exits 3 (see exit-codes.ts); a
// second Ctrl-C ends the process at once, with the same documented 3, should anything not honour the first.
import { run } from './run.js';

/**
 * HTTP answers are parsed by llhttp, compiled to WebAssembly. V8 also compiles it a second time, optimized, on
 * background threads, and a process that exits waits for that compilation to end: about 0.1 s after the answer has
 * been printed, on every command that sends a request, longer than one command gains from the faster parser. Set
 * before the first request compiles it, in the binary only (never in a process that runs `run` in-process); the
 * flag is V8's own (`node --liftoff-only`). node:v8 is imported here, not at the top: `--version` does not need it.
 */
async function liftoffOnly(): Promise<void> {
  const { setFlagsFromString } = await import('node:v8');
  setFlagsFromString('--liftoff-only');
}

const interrupt = new AbortController();
process.on('SIGINT', () => {
  if (interrupt.signal.aborted) process.exit(3);
  interrupt.abort(new Error('interrupted (SIGINT)'));
});

// A write that fails would end the process with a stack trace. A reader that has gone (EPIPE: `atai-ft jobs list
// | head -1`; later writes then fail as ERR_STREAM_DESTROYED) is what Unix tools meet quietly: the output nobody
// reads is dropped. Any other failure (a full disk) is reported once on stderr and makes the exit code a failure.
// Either way the command is not cut short: a cancel of several jobs still reaches every one of them.
let outputError: string | undefined;
for (const [name, stream] of [['stdout', process.stdout], ['stderr', process.stderr]] as const) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return;
    outputError ??= `${name}: ${error.code ?? error.message}`;
  });
}

// A function, not top-level await: the published binary is one CommonJS file (release/bundle-cli.ts).
async function main(): Promise<void> {
  const code = await run(process.argv.slice(2), {
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    // A getter: process.stdin makes its stream (and loads what a tty or pipe needs) when first read, and only a
    // confirmation prompt reads it.
    get stdin() {
      return process.stdin;
    },
    signal: interrupt.signal,
    // A runtime without V8's flags only ends later.
    beforeRequests: () => void liftoffOnly().catch(() => undefined),
  });
  // Exit once the output is out (and any failure to write it has been reported: that comes a tick later), not when
  // nothing is left running: a connection still opening when a request was given up (a firewall that drops it, a TLS
  // handshake that never ends) would otherwise keep the process alive for the network library's own connect timeout,
  // after the command has reported and ended.
  await new Promise((resolve) => process.stdout.write('', () => process.stderr.write('', resolve)));
  await new Promise((resolve) => setImmediate(resolve));
  if (outputError !== undefined && !outputError.startsWith('stderr')) process.stderr.write(`atai-ft: error: the output could not be written (${outputError})\n`);
  const exitCode = outputError !== undefined && code === 0 ? (await import('./exit-codes.js')).OUTPUT_FAILED : code;
  process.stderr.write('', () => process.exit(exitCode));
}

// run() never rejects; should loading a command's code fail (a broken install), one line and the generic failure
// instead of an unhandled rejection's stack trace.
main().catch((error: unknown) => {
  process.stderr.write(`atai-ft: error: ${error instanceof Error ? error.message.split('\n')[0] : String(error)} (reinstall atai-finetune)\n`);
  process.exit(1);
});
