// `make package-check`: what npm would publish must be exactly the files meant (pack-files.ts), after `make build`.
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
const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { exports?: unknown; bin?: unknown };
// `npm pack --dry-run` lists what `npm publish` would upload (publish packs the same way) without asking the
// registry: `npm publish --dry-run` fails once this version is on npm, and says nothing new. --ignore-scripts: make
// build ran already (prepack would build again). npm 10 prints an array, some versions an object keyed by name.
const json = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 * 1024 * 1024 });
type Packed = { name?: string; files?: { path: string }[] };
const report = JSON.parse(json) as Packed[] | Packed | Record<string, Packed>;
const candidates: Packed[] = Array.isArray(report) ? report : 'files' in report ? [report] : Object.values(report as Record<string, Packed>);
const files = candidates.find((entry) => Array.isArray(entry.files))?.files;
if (!files) {
  process.stderr.write(`error: npm pack --dry-run --json printed no file list (npm ${execFileSync('npm', ['--version'], { encoding: 'utf8' }).trim()}): ${json.slice(0, 200)}\n`);
  process.exit(1);
}
const packed = files.map((file) => file.path);
const problems = packProblems(packed, meantFiles(sources, manifest));
if (problems.length > 0) {
  process.stderr.write(`error: npm would not publish exactly the files meant:\n${problems.map((line) => `  ${line}\n`).join('')}`);
  process.exit(1);
}
console.log(`npm pack --dry-run (what npm publish uploads) lists exactly the ${packed.length} files meant (${sources.length} sources compiled, package.json, README.md, LICENSE and what its exports name)`);
