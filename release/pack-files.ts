// What `npm publish` should put in the tarball, derived from the project rather than listed: the files npm always
// adds (package.json, README.md, LICENSE), what tsc compiles each source of tsconfig.build.json into (.js, .js.map,
// .d.ts), and every file package.json's exports and bin name. Compared with what `npm publish --dry-run` lists.

/** The files meant to be published, from the compiled sources (paths like `src/index.ts`) and package.json. */
export function meantFiles(sources: readonly string[], manifest: { exports?: unknown; bin?: unknown }): Set<string> {
  const meant = new Set(['package.json', 'README.md', 'LICENSE']);
  for (const source of sources) {
    const base = `dist/${source.replace(/\.ts$/, '')}`;
    for (const suffix of ['.js', '.js.map', '.d.ts']) meant.add(`${base}${suffix}`);
  }
  const named = (value: unknown): string[] =>
    typeof value === 'string' ? [value] : value && typeof value === 'object' ? Object.values(value).flatMap(named) : [];
  for (const target of [...named(manifest.exports), ...named(manifest.bin)]) meant.add(target.replace(/^\.\//, ''));
  return meant;
}

/** Each difference between the packed and the meant files, as a line naming the file; none when they are the same. */
export function packProblems(packed: readonly string[], meant: ReadonlySet<string>): string[] {
  const have = new Set(packed);
  return [
    ...[...meant].filter((file) => !have.has(file)).sort().map((file) => `missing: ${file} (meant, not packed: check package.json's "files" and the build)`),
    ...packed.filter((file) => !meant.has(file)).sort().map((file) => `extra: ${file} (packed, not meant: add it to what is meant, or exclude it in "files")`),
  ];
}
