// What the CLI's subprocess tests share: the built binary, a stateful mock on a real clock with short phases, and
// ways to run the binary as a script would (pipes) or as a person would (a pseudo-terminal).
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { expect } from 'vitest';
import { startStatefulMock, type StatefulMock } from '../mock/index.js';
import type { Job } from '../src/index.js';
import { TEST_KEY } from './helpers.js';
import { CLI_BIN } from '../test-support/cli-bin.js';

/** What one run of the binary gave. */
export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The built binary and a mock for it to talk to. */
export interface CliStack {
  /** The binary package.json's `bin` names (test-support/cli-bin.ts). */
  path: string;
  mock: StatefulMock;
  /** Runs `atai-ft args` with pipes (ATAI_BASE_URL and ATAI_API_KEY set for the mock, overridable by `env`). */
  atai(args: string[], env?: Record<string, string | undefined>): Promise<Run>;
  /** Creates a job through the binary and returns its record. */
  createJob(extra?: string[]): Promise<Job>;
  /** A job the mock has put in RUNNING (which lasts a minute here), created through the binary. */
  running(): Promise<Job>;
  /**
   * Runs a shell command on a real pseudo-terminal (`script`), as a person at a terminal would, and resolves to its
   * exit code and everything the terminal showed (stdout and stderr together, with CR LF line ends). `respond` sees
   * the screen so far after each chunk and can type keys, once.
   */
  onTerminal(command: string, respond: (screen: string, keys: (text: string) => void) => void): Promise<Run>;
  stop(): Promise<void>;
}

let n = 0;

/**
 * Starts the mock for the binary's tests.
 * @throws {Error} when dist/ has not been built.
 */
export async function startCliStack(): Promise<CliStack> {
  const path = CLI_BIN;
  if (!existsSync(path)) throw new Error(`${path} is missing: run 'make build' (make test does it first).`);
  const mock = await startStatefulMock({
    apiKey: TEST_KEY,
    // STOPPING lasts long enough that `stop --wait` always sees it, however slowly the CLI process starts.
    phases: { REGISTERED: 50, STARTING: 50, RUNNING: 60_000, FINALIZING: 50, STOPPING: 1_500 },
  });
  const env = { PATH: process.env.PATH, ATAI_BASE_URL: mock.url, ATAI_API_KEY: TEST_KEY };

  const atai = (args: string[], extra: Record<string, string | undefined> = {}) =>
    new Promise<Run>((resolve) => {
      execFile(process.execPath, [path, ...args], { env: { ...env, ...extra }, timeout: 20_000 }, (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        for (const text of [stdout, stderr]) expect(text).not.toContain(TEST_KEY);
        resolve({ code, stdout, stderr });
      });
    });

  const createJob = async (extra: string[] = []) => {
    const run = await atai(['jobs', 'create', '--name', 'cli-run', '--model', 'Newton::m', '--train', 'file-abc123', '--id', `ftj-cli-${++n}`, '--json', ...extra]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    return JSON.parse(run.stdout) as Job;
  };

  const onTerminal = (command: string, respond: (screen: string, keys: (text: string) => void) => void) =>
    new Promise<Run>((resolve) => {
      const child = spawn('script', ['-qec', command, '/dev/null'], { env: { ...env, NO_COLOR: '1' } });
      let out = '';
      let typed = false;
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        // Keys are typed once: the screen keeps showing the prompt after the answer.
        if (!typed) respond(out, (text) => ((typed = true), child.stdin.write(text)));
      });
      child.on('close', (code) => {
        expect(out).not.toContain(TEST_KEY);
        resolve({ code: code ?? -1, stdout: out, stderr: '' });
      });
    });

  return {
    path,
    mock,
    atai,
    createJob,
    running: async () => {
      const job = await createJob();
      mock.setStatus(job.id, 'RUNNING');
      return job;
    },
    onTerminal,
    stop: () => mock.stop(),
  };
}
