// The `atai-ft` binary as users run it: the file package.json's `bin` names (the bundle release/bundle-cli.ts makes
// in make build). Read from package.json, so that the tests run what is published, wherever it moves.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const manifest = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { bin: Record<string, string> };

/** The absolute path of the built `atai-ft` binary (it exists once `make build` has run). */
export const CLI_BIN = `${ROOT}${manifest.bin['atai-ft'] ?? 'package.json names no atai-ft bin'}`;
