// package.json and package-lock.json with a new version, as npm writes them (two-space JSON and a final newline):
// the release edits the text itself rather than run `npm version`, which reads and may rewrite node_modules.

/** package.json's text with `version` set. Throws when the text is not a JSON object. */
export function manifestWithVersion(text: string, version: string): string {
  const manifest = JSON.parse(text) as unknown;
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) throw new Error('package.json is not a JSON object');
  return `${JSON.stringify({ ...manifest, version }, null, 2)}\n`;
}

/** package-lock.json's text with the package's version set in both places npm keeps it (v2 and v3 lockfiles). */
export function lockfileWithVersion(text: string, version: string): string {
  const lock = JSON.parse(text) as { version?: string; packages?: Record<string, { version?: string }> };
  const root = lock.packages?.[''];
  const packages = lock.packages && root ? { ...lock.packages, '': { ...root, version } } : lock.packages;
  return `${JSON.stringify({ ...lock, version, ...(packages ? { packages } : {}) }, null, 2)}\n`;
}
