// The package's version for `atai-ft --version`, read from package.json at run time rather than copied into the
// code, so that a release only has to bump package.json.
import { readFileSync } from 'node:fs';

let version: string | undefined;

/**
 * The version in the nearest package.json of this package above this file; the same search works from src/
 * (tsx, tests) and from dist/ (the built binary). Returns 'unknown' when there is none. Never throws.
 */
export function packageVersion(): string {
  if (version) return version;
  let dir = new URL('.', import.meta.url);
  for (let i = 0; i < 5; i++) {
    try {
      const pkg = JSON.parse(readFileSync(new URL('package.json', dir), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'atai-finetune' && pkg.version) return (version = pkg.version);
    } catch {
      // not here: look one folder up
    }
    dir = new URL('..', dir);
  }
  return 'unknown';
}
