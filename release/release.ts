// `make release [DRY_RUN=1]`: the next version from what changed since the latest `v*` tag, by the spec's
// breaking-change rules (spec-changes.ts) and the public API reports (api-changes.ts); then CHANGELOG.md's
// "Unreleased" moved under it, package.json and the lockfile bumped, a commit and a `vX.Y.Z` tag. Never publishes:
// pushing the tag does (.github/workflows/release.yml). Refuses, naming why, on a dirty tree, an empty "Unreleased",
// a stale generated/ or API report, or a version that would not go up. The effects live here; the decisions in the
// pure modules beside it.
// Usage: tsx release/release.ts SPEC [--dry-run]
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { apiReportChange, type ApiReportChange } from './api-changes.js';
import { releaseChangelog, unreleasedNotes } from './changelog.js';
import { fileAt, git, releases } from './git.js';
import { lockfileWithVersion, manifestWithVersion } from './manifest.js';
import { specChanges, type SpecChange } from './spec-changes.js';
import { biggestImpact, compareVersions, formatVersion, nextVersion, parseVersion } from './version.js';

const ROOT = process.cwd();
const [spec, ...flags] = process.argv.slice(2);
if (!spec || flags.some((flag) => flag !== '--dry-run')) {
  process.stderr.write('usage: tsx release/release.ts SPEC [--dry-run]\n');
  process.exit(2);
}
const dryRun = flags.includes('--dry-run');
const out = (line = '') => process.stdout.write(`${line}\n`);

// What would stop a release, each naming its fix; all of them are gathered, so one run names every one.
const refusals: string[] = [];
const dirty = git(ROOT, ['status', '--porcelain', '--untracked-files=normal']).split('\n').filter(Boolean);
if (dirty.length > 0) {
  const files = dirty.map((line) => line.slice(3));
  refusals.push(`the working tree is not clean (${files.slice(0, 5).join(', ')}${files.length > 5 ? `, and ${files.length - 5} more` : ''}): commit or stash first, so that the tag names what was tested`);
}
// The two make checks (~20 s in all) run side by side. The outer make installed the packages already
// (`release: install`); -o keeps these from reinstalling them.
const checks = await Promise.all(
  (['check-generated', 'check-api'] as const).map(
    (target) =>
      new Promise<[string, number | null]>((resolve) => {
        const child = spawn('make', ['--no-print-directory', '-o', 'node_modules/.install-stamp', target], { cwd: ROOT, stdio: 'ignore' });
        child.on('error', () => resolve([target, null]));
        child.on('close', (status) => resolve([target, status]));
      }),
  ),
);
const CHECK_FIXES = {
  'check-generated': `generated/ is stale: it does not match ${spec}; run 'make generate' and commit the result`,
  'check-api': "an API report in api/ is stale: run 'make api-report', review, and commit it",
};
for (const [target, status] of checks) if (status !== 0) refusals.push(CHECK_FIXES[target as keyof typeof CHECK_FIXES]);

// The version: from the latest release and what changed since, or package.json's for the first release.
const current = parseVersion((JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version);
const latest = releases(ROOT)[0];
let changes: SpecChange[] = [];
const apiChanges: ApiReportChange[] = [];
let version = current;
if (latest) {
  const before = fileAt(ROOT, latest.tag, spec);
  const now = readFileSync(spec, 'utf8');
  changes = before === undefined ? [] : specChanges(before, now);
  const reports = new Set([...git(ROOT, ['ls-tree', '--name-only', latest.tag, 'api/']).split('\n'), ...readdirSync('api').map((name) => `api/${name}`)]);
  for (const report of [...reports].filter((name) => name.endsWith('.api.md')).sort()) {
    let after = '';
    try {
      after = readFileSync(report, 'utf8');
    } catch {
      // The entry point is gone: every declaration of it removed.
    }
    const change = apiReportChange(report, fileAt(ROOT, latest.tag, report), after);
    if (change) apiChanges.push(change);
  }
  version = nextVersion(latest.version, biggestImpact([...changes.map((c) => c.impact), ...apiChanges.map((c) => c.impact)]));
  if (compareVersions(version, current) < 0) {
    refusals.push(`package.json says ${formatVersion(current)}, above the ${formatVersion(version)} the changes since ${latest.tag} call for: the version would not increase; set package.json back to ${latest.version.major}.${latest.version.minor}.${latest.version.patch} (the release bumps it)`);
  }
}
const next = formatVersion(version);
if (fileAt(ROOT, `v${next}`, 'package.json') !== undefined) refusals.push(`the tag v${next} exists already: the version would not increase`);
const date = new Date().toISOString().slice(0, 10);
const changelog = readFileSync('CHANGELOG.md', 'utf8');
let released: string | undefined;
try {
  released = releaseChangelog(changelog, next, date);
} catch (error) {
  // No "Unreleased" heading, nothing under it, or a section for this version already.
  refusals.push((error as Error).message);
}

out(`version: ${next}`);
if (!latest) out(`No v* tag yet: this is the first release, package.json's version.`);
else {
  out(`Changes since ${latest.tag} (${formatVersion(latest.version)}), rated for users of the client:`);
  if (changes.length === 0 && apiChanges.length === 0) out('  none to the spec or the public API (a fix release)');
  for (const change of changes) out(`  ${change.impact.padEnd(8)}  ${change.operation ?? spec}${change.operationId ? ` (${change.operationId})` : ''}: ${change.message}`);
  for (const change of apiChanges) {
    out(`  ${change.impact.padEnd(8)}  ${change.report}:`);
    for (const line of change.removed.slice(0, 10)) out(`              - ${line}`);
    for (const line of change.added.slice(0, 10)) out(`              + ${line}`);
    const more = Math.max(0, change.removed.length - 10) + Math.max(0, change.added.length - 10);
    if (more > 0) out(`              (${more} more lines: git diff ${latest.tag} -- ${change.report})`);
  }
}
if (released) out(`CHANGELOG.md: its Unreleased notes (${unreleasedNotes(changelog).split('\n').length} lines) move under "${next} (${date})".`);

if (refusals.length > 0) {
  process.stderr.write(`make release${dryRun ? ' (dry run)' : ''}: refused:\n${refusals.map((reason) => `  - ${reason}\n`).join('')}`);
  process.exit(1);
}
if (dryRun) {
  out(`Dry run: nothing changed. 'make release' would commit "Release ${next}" and tag v${next}.`);
  process.exit(0);
}

writeFileSync('CHANGELOG.md', released ?? changelog);
writeFileSync('package.json', manifestWithVersion(readFileSync('package.json', 'utf8'), next));
writeFileSync('package-lock.json', lockfileWithVersion(readFileSync('package-lock.json', 'utf8'), next));
git(ROOT, ['add', 'CHANGELOG.md', 'package.json', 'package-lock.json']);
git(ROOT, ['commit', '--quiet', '-m', `Release ${next}`]);
git(ROOT, ['tag', '-a', `v${next}`, '-m', `atai-finetune ${next}`]);
out(`Committed "Release ${next}" and tagged v${next}. To publish: git push origin HEAD v${next} (release.yml tests, publishes to npm and deploys the docs).`);
