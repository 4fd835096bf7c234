// 4. CLI start: whole-process time of `atai-ft --version` (the built dist/) against `node -e 0`.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { rounds, summarize, type Summary } from './stats.js';

const CLI = fileURLToPath(new URL('../dist/src/cli/main.js', import.meta.url));

function timeProcess(args: string[], times: number): number {
  const t0 = performance.now();
  for (let i = 0; i < times; i++) execFileSync(process.execPath, args, { stdio: 'ignore' });
  return (performance.now() - t0) / times;
}

/** Milliseconds per process start, for each command. */
export async function benchCliStart(options: { perRound: number; rounds: number }): Promise<Record<string, Summary>> {
  const samples = await rounds(
    {
      'node -e 0': async () => timeProcess(['-e', '0'], options.perRound),
      'atai-ft --version': async () => timeProcess([CLI, '--version'], options.perRound),
      'atai-ft --help': async () => timeProcess([CLI, '--help'], options.perRound),
    },
    { warmup: 1, rounds: options.rounds },
  );
  return Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, summarize(v as number[])]));
}
