// The repository as a release sees it: released versions are the `vX.Y.Z` tags reachable from HEAD, and a file at
// any of them. `make release`, `make breaking` (latest-tag.ts) and the Changes page all read them here.
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

/**
 * The `vX.Y.Z` tags reachable from HEAD (the releases this history contains), newest version first (by version,
 * not date). Other `v*` tags (`v2-beta`, `vendor`) are not releases of this project.
 */
export function releases(cwd: string): Release[] {
  const found: Release[] = [];
  for (const tag of git(cwd, ['tag', '--merged', 'HEAD', '--list', 'v*']).split('\n')) {
    try {
      found.push({ tag, version: parseVersion(tag) });
    } catch {
      // Not a version tag.
    }
  }
  return found.sort((a, b) => compareVersions(b.version, a.version));
}

/** Whether the tag exists (a branch of the same name does not count). */
export function tagExists(cwd: string, tag: string): boolean {
  try {
    git(cwd, ['rev-parse', '--quiet', '--verify', `refs/tags/${tag}`]);
    return true;
  } catch {
    return false;
  }
}

/** The text of `path` at `ref`, or undefined when it did not exist there. */
export function fileAt(cwd: string, ref: string, path: string): string | undefined {
  try {
    return git(cwd, ['show', `${ref}:${path}`]);
  } catch {
    return undefined;
  }
}
