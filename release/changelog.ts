// CHANGELOG.md's "Unreleased" section, read and moved under a version: pure text in, text out. Headings are found
// outside fenced code blocks only; `## Unreleased` and Keep a Changelog's `## [Unreleased]` are both read.

/** Each line of `text` with whether it is inside a ``` fence. */
function lines(text: string): { line: string; fenced: boolean }[] {
  let fenced = false;
  return text.split('\n').map((line) => {
    const fence = /^\s*```/.test(line);
    const entry = { line, fenced: fenced || fence };
    if (fence) fenced = !fenced;
    return entry;
  });
}

/** The line indexes of the "Unreleased" heading and of the next `## ` heading (or the end); undefined without one. */
function unreleasedRange(changelog: string): { start: number; end: number; all: string[] } | undefined {
  const all = lines(changelog);
  const start = all.findIndex(({ line, fenced }) => !fenced && /^## \[?Unreleased\]?\s*$/i.test(line));
  if (start < 0) return undefined;
  const next = all.findIndex(({ line, fenced }, index) => index > start && !fenced && /^## /.test(line));
  return { start, end: next < 0 ? all.length : next, all: all.map(({ line }) => line) };
}

/** The text of the "Unreleased" section (between its heading and the next `## `), trimmed; '' when empty. */
export function unreleasedNotes(changelog: string): string {
  const range = unreleasedRange(changelog);
  if (!range) throw new Error('CHANGELOG.md has no "## Unreleased" heading: add one above the newest version');
  return range.all.slice(range.start + 1, range.end).join('\n').trim();
}

/** Whether notes say anything: sub-headings, HTML comments and blank lines alone say nothing. */
function saysSomething(notes: string): boolean {
  return notes
    .replace(/<!--[\s\S]*?-->/g, '')
    .split('\n')
    .some((line) => line.trim() !== '' && !/^#{1,6}\s/.test(line.trim()));
}

/**
 * The changelog with the "Unreleased" notes moved under `## VERSION (DATE)`, and an empty "Unreleased" left above for
 * the next changes. Throws when there is nothing to release or the version is already there.
 */
export function releaseChangelog(changelog: string, version: string, date: string): string {
  const notes = unreleasedNotes(changelog);
  if (!saysSomething(notes)) throw new Error('the "Unreleased" section of CHANGELOG.md is empty: say what users will notice in this release first');
  const range = unreleasedRange(changelog) as NonNullable<ReturnType<typeof unreleasedRange>>;
  const heading = new RegExp(`^## \\[?${version.replace(/\./g, '\\.')}\\]?(?:\\s|$)`);
  if (lines(changelog).some(({ line, fenced }) => !fenced && heading.test(line))) throw new Error(`CHANGELOG.md already has a section for ${version}`);
  const before = range.all.slice(0, range.start);
  const after = range.all.slice(range.end);
  const eol = changelog.includes('\r\n') ? '\r\n' : '\n';
  const released = [...before, range.all[range.start] ?? '## Unreleased', '', `## ${version} (${date})`, '', notes, ...(after.length > 0 ? ['', ...after] : [''])].join('\n');
  return eol === '\n' ? released : released.replace(/\r?\n/g, '\r\n');
}
