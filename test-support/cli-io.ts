// `atai-ft` run in-process, as the unit tests of the CLI run it: no terminal, stdout and stderr captured, and
// both checked for the key.
import { PassThrough } from 'node:stream';
import { expect } from 'vitest';
import { run } from '../src/cli/run.js';

/** What one in-process run gave. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `atai-ft argv` with `env` and no terminal; fails the test when `secret` appears in what it printed. */
export async function runCli(argv: string[], env: NodeJS.ProcessEnv, secret: string): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    env,
    stdout: { write: (text: string) => (stdout += text), isTTY: false },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    stdin: new PassThrough(),
  });
  expect(stdout + stderr).not.toContain(secret);
  return { code, stdout, stderr };
}
