// What changed in a public API report (api/*.api.md, API Extractor) between two versions, rated on the safe side for a
// version number: a declaration line gone or changed breaks users' code; new lines are an addition only when they
// are a whole new top-level declaration or optional members (`notes?: string;`): a required member added to an
// existing type breaks code that builds or implements it (a ClientOptions users write, a Logger they implement).
// Documentation changes nothing. A pure line diff (longest common subsequence): a line that moved is removed and added.
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

/** a turned into b: the removed lines, and the added ones in runs (hunks) between lines both have. */
function lineDiff(a: readonly string[], b: readonly string[]): { removed: string[]; hunks: string[][] } {
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
  const hunks: string[][] = [];
  let hunk: string[] = [];
  const add = (line: string) => hunk.push(line);
  const close = () => {
    if (hunk.length > 0) hunks.push(hunk);
    hunk = [];
  };
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      close();
      i++;
      j++;
    } else if (j >= b.length || (i < a.length && common(i + 1, j) >= common(i, j + 1))) removed.push(a[i++] ?? '');
    else add(b[j++] ?? '');
  }
  close();
  return { removed, hunks };
}

const NEW_DECLARATION = /^(export|declare)\s/;
const OPTIONAL_MEMBER = /^(readonly\s+)?(?:[\w$]+|"[^"]*"|'[^']*')\?:/;

/** Whether new lines only add: a whole new declaration, or optional members of an existing one. */
function onlyAdds(hunk: readonly string[]): boolean {
  return NEW_DECLARATION.test(hunk[0] ?? '') || hunk.every((line) => OPTIONAL_MEMBER.test(line));
}

/**
 * How a report changed from `before` (undefined: the entry point is new) to `after`; undefined when its declarations
 * are the same.
 */
export function apiReportChange(report: string, before: string | undefined, after: string): ApiReportChange | undefined {
  const { removed, hunks } = lineDiff(before === undefined ? [] : declarations(before), declarations(after));
  const added = hunks.flat();
  if (removed.length === 0 && added.length === 0) return undefined;
  return { report, removed, added, impact: removed.length > 0 || !hunks.every(onlyAdds) ? 'breaking' : 'addition' };
}
