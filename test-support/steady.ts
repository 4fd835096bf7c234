// Starts a real Steady process (Stainless's OpenAPI mock) from the project's spec and stops it again: a second,
// independent reading of the spec next to Prism's, for the contract tests of what the client sends.
import { spawn } from 'node:child_process';
import { stopper } from './child-process.js';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SPEC_PATH } from './prism.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// @stdy/cli's `steady` is a Node wrapper that spawns the real binary as a child: killing the wrapper hard would
// leave the server behind. So the platform package's binary is started directly; the wrapper only where none is
// installed (it forwards SIGTERM to its child).
const WRAPPER_BIN = fileURLToPath(new URL('../node_modules/.bin/steady', import.meta.url));
// Steady prints this once it serves; `--log-format text` keeps the line the same under CI, where it would switch format.
const READY = /Ready to accept requests on (http:\/\/\S+)/;
const PORT_TAKEN = /Address already in use/i;

/** A running Steady process. */
export interface SteadyServer {
  /** Base URL to point a client at, e.g. `http://127.0.0.1:40555`. */
  readonly url: string;
  readonly pid: number;
  /** Everything Steady printed so far: one line per request with its diagnostics (for diagnosing a failed test). */
  output(): string;
  /** Stops the process and waits until it has exited. */
  stop(): Promise<void>;
}

/** How to start Steady. */
export interface SteadyOptions {
  /** A free port is picked when none is given. */
  port?: number;
  /** How long to wait for "Ready to accept requests" before giving up (default 30 s). */
  startTimeoutMs?: number;
}

/**
 * Starts Steady on 127.0.0.1 from the spec and resolves once it accepts requests. It answers from the spec's
 * examples and reports its verdict on each request in `x-steady-*` headers; a request with an SDK issue (E3xxx)
 * gets a 400. Steady cannot report the port it picks itself (with `-p 0` it says port 0), so a free one is picked
 * here, and another if that one is taken before Steady binds it.
 * @throws {Error} with Steady's output when it exits or is not ready in time, or when it cannot be started at all.
 */
export async function startSteady(options: SteadyOptions = {}): Promise<SteadyServer> {
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await freePort());
    try {
      return await startOn(port, options.startTimeoutMs ?? 30_000);
    } catch (error) {
      if (options.port !== undefined || attempt === 3 || !(error instanceof PortTakenError)) throw error;
    }
  }
}

class PortTakenError extends Error {}

function startOn(port: number, startTimeoutMs: number): Promise<SteadyServer> {
  const bin = steadyBinary();
  // Summary logging: one line per request with its diagnostics. The more detailed levels print request headers,
  // and with them the test's API key.
  const args = ['-p', String(port), '--host', '127.0.0.1', '--log-level', 'summary', '--log-format', 'text', '--no-color', SPEC_PATH];
  const child = spawn(bin, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let log = '';
  const stop = stopper(child);

  return new Promise<SteadyServer>((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`Steady did not get ready within ${startTimeoutMs} ms:\n${log}`));
    }, startTimeoutMs);
    let ready = false;
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      if (ready || !READY.test(log)) return;
      ready = true;
      clearTimeout(timer);
      resolve({ url: `http://127.0.0.1:${port}`, pid: child.pid as number, output: () => log, stop });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      const message = `Steady exited (code ${code}, signal ${signal}) before it was ready on port ${port}:\n${log}`;
      reject(PORT_TAKEN.test(log) ? new PortTakenError(message) : new Error(message));
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`Steady could not be started from ${bin} (run 'make install'): ${error.message}`));
    });
  });
}

/** The platform package's binary when it is installed, else @stdy/cli's wrapper. */
function steadyBinary(): string {
  const name = process.platform === 'win32' ? 'steady.exe' : 'steady';
  try {
    const manifest = createRequire(import.meta.url).resolve(`@stdy/cli-${process.platform}-${process.arch}/package.json`);
    const bin = join(dirname(manifest), 'bin', name);
    if (existsSync(bin)) return bin;
  } catch {
    // No binary package for this platform: the wrapper says so when started.
  }
  return WRAPPER_BIN;
}

/** A port nothing listens on right now: the one the system hands out for port 0. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
