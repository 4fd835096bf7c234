// The repository as a release sees it: released versions are the `v*` tags, and a file at any of them.
import { execFileSync } from 'node:child_process';
import { compareVersions, parseVersion, type Version } from './version.js';

/** One released version: its tag (`v0.2.0`) and its version. */
export interface Release {
  readonly tag: string;
  readonly version: Version;
}

/** Runs git in `cwd` and returns its stdout; throws with git's stderr on failure. */
export function git(cwd: string, args: readonly string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
}

/** The `vX.Y.Z` tags of the repository, newest version first (by version, not date); other `v*` tags are ignored. */
export function releases(cwd: string): Release[] {
  const found: Release[] = [];
  for (const tag of git(cwd, ['tag', '--list', 'v*']).split('\n')) {
    try {
      found.push({ tag, version: parseVersion(tag) });
    } catch {
      // `v2-beta`, `vendor`: not a release of this project.
    }
  }
  return found.sort((a, b) => compareVersions(b.version, a.version));
}

/** The text of `path` at `ref`, or undefined when it did not exist there. */
export function fileAt(cwd: string, ref: string, path: string): string | undefined {
  try {
    return git(cwd, ['show', `${ref}:${path}`]);
  } catch {
    return undefined;
  }
}
