// How the mock launchers (Prism, Steady) stop the server they started: politely, then for sure, and only once
// it has really exited, so no test leaves a process behind.
import type { ChildProcess } from 'node:child_process';

/** A function that stops `child` (SIGTERM, SIGKILL after 3 s) and resolves once it has exited. Never rejects. */
export function stopper(child: ChildProcess): () => Promise<void> {
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(killer);
  };
}
