// What changed in a public API report (api/*.api.md, API Extractor) between two versions, rated: a declaration line
// gone or changed breaks users' code; only new lines are an addition; documentation changes nothing. A pure line diff (longest common subsequence),
// so a line that moved is seen as removed and added again: rated breaking, the safe side for a version number.
import type { Impact } from './version.js';

/** The lines of one report that differ: `-` removed or changed before, `+` the new text. */
export interface ApiReportChange {
  readonly report: string;
  readonly removed: readonly string[];
  readonly added: readonly string[];
  readonly impact: Impact;
}

/** The declaration lines of a report: its ts block without blank lines, API Extractor's `//` remarks and TSDoc. */
function declarations(report: string): string[] {
  const start = report.indexOf('```ts');
  const end = report.lastIndexOf('```');
  return (start >= 0 && end > start ? report.slice(start + 5, end) : report)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('//') && !line.startsWith('```') && !line.startsWith('/*') && !line.startsWith('*'));
}

/** Lines of a not in b and of b not in a, in order, keeping the longest run common to both. */
function lineDiff(a: readonly string[], b: readonly string[]): { removed: string[]; added: string[] } {
  // common(i, j): the length of the longest common subsequence of a[i..] and b[j..], in one flat table.
  const width = b.length + 1;
  const table = new Uint32Array((a.length + 1) * width);
  const common = (i: number, j: number) => table[i * width + j] ?? 0;
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i * width + j] = a[i] === b[j] ? common(i + 1, j + 1) + 1 : Math.max(common(i + 1, j), common(i, j + 1));
    }
  }
  const removed: string[] = [];
  const added: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
    } else if (common(i + 1, j) >= common(i, j + 1)) removed.push(a[i++] ?? '');
    else added.push(b[j++] ?? '');
  }
  return { removed: [...removed, ...a.slice(i)], added: [...added, ...b.slice(j)] };
}

/**
 * How a report changed from `before` (undefined: the entry point is new) to `after`; undefined when its declarations
 * are the same.
 */
export function apiReportChange(report: string, before: string | undefined, after: string): ApiReportChange | undefined {
  const { removed, added } = lineDiff(before === undefined ? [] : declarations(before), declarations(after));
  if (removed.length === 0 && added.length === 0) return undefined;
  return { report, removed, added, impact: removed.length > 0 ? 'breaking' : 'addition' };
}
