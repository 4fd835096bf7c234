// 3. Size: the client as an app bundles it (esbuild, ESM, minified, tree-shaken) and gzipped, against
// openapi-fetch alone bundled the same way.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface SizeResult {
  name: string;
  minified: number;
  gzip: number;
}

async function bundle(name: string, entry: string): Promise<SizeResult> {
  const result = await build({
    stdin: { contents: entry, resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    minify: true,
    treeShaking: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return { name, minified: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength };
}

/**
 * What an app pays for the client (createClient and the error classes it catches), for openapi-fetch, and for the
 * client with `validateResponses` (the generated validators).
 */
export async function benchSize(): Promise<SizeResult[]> {
  return [
    await bundle('openapi-fetch alone', `import createClient from 'openapi-fetch'; export const c = createClient({ baseUrl: 'x' });`),
    await bundle(
      'atai-finetune client',
      `import { createClient, ConflictError, NotFoundError } from './src/index.ts';
       export const c = createClient({ apiKey: 'k' }); export { ConflictError, NotFoundError };`,
    ),
    await bundle(
      'atai-finetune client, validating answers',
      `import { createClient, ConflictError, NotFoundError } from './src/index.ts';
       import { specValidation } from './src/validation/index.ts';
       export const c = createClient({ apiKey: 'k', validateResponses: specValidation('throw') }); export { ConflictError, NotFoundError };`,
    ),
  ];
}
