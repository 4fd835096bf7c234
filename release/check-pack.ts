// `make package-check`: `npm publish --dry-run` must list exactly the files meant (pack-files.ts), after `make build`.
// Usage: tsx release/check-pack.ts
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { meantFiles, packProblems } from './pack-files.js';

const build = JSON.parse(readFileSync('tsconfig.build.json', 'utf8')) as { include: string[] };
const sources = build.include.flatMap((dir) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !/\.test(-d)?\.ts$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name)),
);
const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { name: string; exports?: unknown; bin?: unknown };
// --ignore-scripts: make build ran already (prepack would build again); --json: the file list, as npm would publish.
const json = execFileSync('npm', ['publish', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 16 * 1024 * 1024 });
const report = JSON.parse(json) as Record<string, { files: { path: string }[] }>;
const packed = (report[manifest.name]?.files ?? []).map((file) => file.path);
const problems = packProblems(packed, meantFiles(sources, manifest));
if (problems.length > 0) {
  process.stderr.write(`error: npm publish --dry-run does not list exactly the files meant:\n${problems.map((line) => `  ${line}\n`).join('')}`);
  process.exit(1);
}
console.log(`npm publish --dry-run lists exactly the ${packed.length} files meant (${sources.length} sources compiled, package.json, README.md, LICENSE and what its exports name)`);
