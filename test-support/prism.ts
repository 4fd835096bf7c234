// Starts a real Prism process from the project's spec and stops it again. Used by the contract tests, the demo
// and anything else that needs the mock, so there is one way to start it and one pid to stop.
import { spawn } from 'node:child_process';
import { stopper } from './child-process.js';
import { appendFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The spec every mock is started from. */
export const SPEC_PATH = fileURLToPath(new URL('../openapi/fine-tune.yaml', import.meta.url));
// The package's own entry, not `npx`: npx leaves an orphan child behind when it is killed.
const PRISM_BIN = fileURLToPath(new URL('../node_modules/.bin/prism', import.meta.url));

/** A running Prism process. */
export interface PrismServer {
  /** Base URL to point a client at, e.g. `http://127.0.0.1:40555`. */
  readonly url: string;
  readonly pid: number;
  /** Everything Prism printed so far (for diagnosing a failed test). */
  output(): string;
  /** Stops the process and waits until it has exited. */
  stop(): Promise<void>;
}

/** How to start Prism: a mock answering from the spec's examples, or a validating proxy in front of a server. */
export interface PrismOptions {
  /** `mock` (default) or `proxy`; a proxy needs `upstream`. */
  mode?: 'mock' | 'proxy';
  upstream?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** How long to wait for "listening" before giving up (default 30 s). */
  startTimeoutMs?: number;
}

/**
 * Starts Prism with `--errors` (so a response or request that breaks the spec becomes an error, not a pass)
 * and resolves once it is listening.
 * @throws {Error} with Prism's output when it exits or does not listen in time.
 */
export function startPrism(options: PrismOptions = {}): Promise<PrismServer> {
  const mode = options.mode ?? 'mock';
  if (mode === 'proxy' && !options.upstream) throw new Error('startPrism: proxy mode needs an upstream URL');
  const args = mode === 'mock' ? ['mock', SPEC_PATH] : ['proxy', SPEC_PATH, options.upstream as string];
  args.push('--host', '127.0.0.1', '--port', String(options.port ?? 0), '--errors');
  const started = performance.now();
  const child = spawn(PRISM_BIN, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } });
  let log = '';
  const stop = stopper(child);

  return new Promise<PrismServer>((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`Prism did not start listening within ${options.startTimeoutMs ?? 30_000} ms:\n${log}`));
    }, options.startTimeoutMs ?? 30_000);
    let listening = false;
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      if (listening) return;
      // eslint-disable-next-line no-control-regex
      const match = /listening on (http:\/\/[^\s]+)/.exec(log.replace(/\x1b\[[0-9;]*m/g, ''));
      if (match?.[1]) {
        listening = true;
        clearTimeout(timer);
        // For the benchmark of `make test`: how long each Prism took to start listening.
        if (process.env.ATAI_PRISM_START_LOG) appendFileSync(process.env.ATAI_PRISM_START_LOG, `${Math.round(performance.now() - started)}\n`);
        resolve({ url: match[1], pid: child.pid as number, output: () => log, stop });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`Prism exited (code ${code}, signal ${signal}) before listening:\n${log}`));
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`Prism could not be started from ${PRISM_BIN} (run 'make install'): ${error.message}`));
    });
  });
}
