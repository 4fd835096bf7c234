// The next version from what changed since the last release: the release's one decision, a pure function.
// While 0.x (semver's "anything may change"), a breaking change bumps the minor and anything else the patch, as
// Cargo and npm's caret ranges read 0.x; from 1.0, semver.

/** How much a change means to users: `breaking` for users' code, an `addition`, or a `fix` (nothing they can see). */
export type Impact = 'breaking' | 'addition' | 'fix';

/** A released version, `X.Y.Z` with no pre-release or build part (this project publishes none). */
export interface Version {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
}

/** Reads `X.Y.Z` (a leading `v` allowed, as in tags). Throws a RangeError naming the text for anything else. */
export function parseVersion(text: string): Version {
  const match = /^v?(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})$/.exec(text);
  if (!match) throw new RangeError(`${JSON.stringify(text)} is not a version X.Y.Z (whole numbers, no leading zeros, no pre-release)`);
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]) };
}

/** `X.Y.Z`. */
export function formatVersion(version: Version): string {
  return `${version.major}.${version.minor}.${version.patch}`;
}

/** Negative when a is below b, zero when equal, positive when above. */
export function compareVersions(a: Version, b: Version): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

/** The version after `current` for a release whose biggest change is `impact`. */
export function nextVersion(current: Version, impact: Impact): Version {
  const { major, minor, patch } = current;
  if (major === 0) return impact === 'breaking' ? { major: 0, minor: minor + 1, patch: 0 } : { major: 0, minor, patch: patch + 1 };
  switch (impact) {
    case 'breaking':
      return { major: major + 1, minor: 0, patch: 0 };
    case 'addition':
      return { major, minor: minor + 1, patch: 0 };
    case 'fix':
      return { major, minor, patch: patch + 1 };
  }
}

/** The biggest of some impacts; `fix` for none (a release with no spec or API change still fixes something). */
export function biggestImpact(impacts: Iterable<Impact>): Impact {
  let biggest: Impact = 'fix';
  for (const impact of impacts) {
    if (impact === 'breaking') return impact;
    if (impact === 'addition') biggest = impact;
  }
  return biggest;
}
