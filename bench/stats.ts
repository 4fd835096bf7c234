// Rounds and summaries shared by every benchmark: warm up, repeat, report min/median/max.

/** min, median and max of a list of numbers. */
export interface Summary {
  min: number;
  median: number;
  max: number;
}

/** Summarizes samples; throws on an empty list. */
export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new Error('no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return { min: sorted[0] as number, median, max: sorted[sorted.length - 1] as number };
}

/**
 * Runs `round` once per contender per round, after `warmup` unmeasured rounds, alternating the order of the
 * contenders so that neither always runs on a warmer machine. Returns each contender's samples.
 */
export async function rounds<K extends string>(
  contenders: Record<K, () => Promise<number>>,
  options: { warmup: number; rounds: number },
): Promise<Record<K, number[]>> {
  const names = Object.keys(contenders) as K[];
  const samples = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<K, number[]>;
  for (let r = 0; r < options.warmup + options.rounds; r++) {
    const order = r % 2 ? [...names].reverse() : names;
    for (const name of order) {
      const value = await contenders[name]();
      if (r >= options.warmup) samples[name].push(value);
    }
  }
  return samples;
}

/** `x.xx` with a fixed number of decimals. */
export const fmt = (n: number, digits = 2): string => n.toFixed(digits);

/** A "min / median / max" cell. */
export const cell = (s: Summary, digits = 2): string => `${fmt(s.min, digits)} / ${fmt(s.median, digits)} / ${fmt(s.max, digits)}`;
