import { describe, expect, it } from 'vitest';
import { meantFiles, packProblems } from './pack-files.js';

const MANIFEST = { exports: { '.': { types: './dist/src/index.d.ts', import: './dist/src/index.js' }, './spec.yaml': './openapi/spec.yaml', './package.json': './package.json' }, bin: { tool: 'dist/src/cli.js' } };

describe('the files meant to be published', () => {
  it("are npm's own three, each source's compiled trio and what exports and bin name", () => {
    expect([...meantFiles(['src/index.ts', 'src/cli.ts'], MANIFEST)].sort()).toEqual([
      'LICENSE',
      'README.md',
      'dist/src/cli.d.ts',
      'dist/src/cli.js',
      'dist/src/cli.js.map',
      'dist/src/index.d.ts',
      'dist/src/index.js',
      'dist/src/index.js.map',
      'openapi/spec.yaml',
      'package.json',
    ]);
  });

  it('a packed list equal to them has no problem; a stray or a missing file is named', () => {
    const meant = meantFiles(['src/index.ts'], { exports: './dist/src/index.js' });
    expect(packProblems([...meant], meant)).toEqual([]);
    const packed = [...meant].filter((file) => file !== 'dist/src/index.d.ts').concat('dist/src/index.test.js', '.env');
    expect(packProblems(packed, meant)).toEqual([
      `missing: dist/src/index.d.ts (meant, not packed: check package.json's "files" and the build)`,
      'extra: .env (packed, not meant: add it to what is meant, or exclude it in "files")',
      'extra: dist/src/index.test.js (packed, not meant: add it to what is meant, or exclude it in "files")',
    ]);
  });
});
