// 6. `make test` wall time after install, and the share of it spent starting Prism processes (each start is
// logged by mock/prism.ts when ATAI_PRISM_START_LOG names a file).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface TestTimeResult {
  wallSeconds: number;
  prismStarts: number;
  prismStartSeconds: number[];
}

/** Runs `make test` once in this checkout (already installed) and times it. */
export function benchTestTime(): TestTimeResult {
  const dir = mkdtempSync(join(tmpdir(), 'atai-bench-'));
  const log = join(dir, 'prism-starts.log');
  const t0 = performance.now();
  execFileSync('make', ['test'], { cwd: fileURLToPath(new URL('..', import.meta.url)), stdio: 'ignore', env: { ...process.env, ATAI_PRISM_START_LOG: log } });
  const wallSeconds = (performance.now() - t0) / 1000;
  const starts = readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((ms) => Number(ms) / 1000);
  rmSync(dir, { recursive: true, force: true });
  return { wallSeconds, prismStarts: starts.length, prismStartSeconds: starts };
}
