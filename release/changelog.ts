// CHANGELOG.md's "Unreleased" section, read and moved under a version: pure text in, text out.

const UNRELEASED = /^## Unreleased[ \t]*$/m;

/** The text of the "Unreleased" section (between its heading and the next `## `), trimmed; '' when empty. */
export function unreleasedNotes(changelog: string): string {
  const start = UNRELEASED.exec(changelog);
  if (!start) throw new Error('CHANGELOG.md has no "## Unreleased" heading: add one above the newest version');
  const rest = changelog.slice(start.index + start[0].length);
  const next = /^## /m.exec(rest);
  return (next ? rest.slice(0, next.index) : rest).trim();
}

/**
 * The changelog with the "Unreleased" notes moved under `## VERSION (DATE)`, and an empty "Unreleased" left above for
 * the next changes. Throws when there is nothing to release or the version is already there.
 */
export function releaseChangelog(changelog: string, version: string, date: string): string {
  const notes = unreleasedNotes(changelog);
  if (notes === '') throw new Error('the "Unreleased" section of CHANGELOG.md is empty: say what users will notice in this release first');
  if (new RegExp(`^## ${version.replace(/\./g, '\\.')}\\b`, 'm').test(changelog)) throw new Error(`CHANGELOG.md already has a section for ${version}`);
  const start = UNRELEASED.exec(changelog) as RegExpExecArray;
  const before = changelog.slice(0, start.index);
  const rest = changelog.slice(start.index + start[0].length);
  const next = /^## /m.exec(rest);
  const after = next ? rest.slice(next.index) : '';
  return `${before}## Unreleased\n\n## ${version} (${date})\n\n${notes}\n${after ? `\n${after}` : ''}`;
}
