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
import { fileAt, git, releases, tagExists } from './git.js';
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
const RELEASE_FILES = ['CHANGELOG.md', 'package.json', 'package-lock.json'];

/** The working tree's changes (`git status`), as file names; none when it is clean. */
const dirtyFiles = () =>
  git(ROOT, ['status', '--porcelain', '--untracked-files=normal'])
    .split('\n')
    .filter(Boolean)
    .map((line) => line.slice(3));

// What would stop a release, each naming its fix; all of them are gathered, so one run names every one.
const refusals: string[] = [];
const dirty = dirtyFiles();
if (dirty.length > 0) {
  refusals.push(`the working tree is not clean (${dirty.slice(0, 5).join(', ')}${dirty.length > 5 ? `, and ${dirty.length - 5} more` : ''}): commit or stash first, so that the tag names what was tested`);
}

// The two make checks (~20 s in all) run side by side. The outer make installed the packages already
// (`release: install`); -o keeps these from reinstalling them. A check that fails for another reason than
// staleness (the code does not build) is named with its last lines.
const CHECKS = [
  { target: 'check-generated', stale: 'is stale', fix: `generated/ is stale: it does not match ${spec}; run 'make generate' and commit the result` },
  { target: 'check-api', stale: 'the public API changed', fix: "an API report in api/ is stale: run 'make api-report', review, and commit it" },
];
const checked = await Promise.all(
  CHECKS.map(
    ({ target }) =>
      new Promise<{ status: number | null; output: string }>((resolve) => {
        const child = spawn('make', ['--no-print-directory', '-o', 'node_modules/.install-stamp', target], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
        child.stdout.on('data', keep);
        child.stderr.on('data', keep);
        child.on('error', (error) => resolve({ status: null, output: error.message }));
        child.on('close', (status) => resolve({ status, output }));
      }),
  ),
);
for (const [index, { status, output }] of checked.entries()) {
  const { target, stale, fix } = CHECKS[index] ?? { target: '', stale: '', fix: '' };
  if (status === 0) continue;
  if (output.includes(stale)) refusals.push(fix);
  else refusals.push(`make ${target} failed (not for staleness):\n      ${output.trim().split('\n').slice(-8).join('\n      ')}`);
}

// The version: from the latest release reachable from HEAD and what changed since, or package.json's for the first.
const current = parseVersion((JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version);
const latest = releases(ROOT)[0];
let changes: SpecChange[] = [];
const apiChanges: ApiReportChange[] = [];
let version = current;
if (latest) {
  const before = fileAt(ROOT, latest.tag, spec);
  if (before === undefined) refusals.push(`${spec} did not exist at ${latest.tag}, so nothing can be compared with it: give the release's spec its usual path`);
  else changes = specChanges(before, readFileSync(spec, 'utf8'));
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
    refusals.push(`package.json says ${formatVersion(current)}, above the ${formatVersion(version)} the changes since ${latest.tag} call for: the version would not increase; set package.json back to ${formatVersion(latest.version)} (the release bumps it)`);
  }
}
const next = formatVersion(version);
if (tagExists(ROOT, `v${next}`)) refusals.push(`the tag v${next} exists already: the version would not increase`);
// The date the notes are released on, in UTC (as the tag's own timestamp is read on GitHub).
const date = new Date().toISOString().slice(0, 10);
const changelog = readFileSync('CHANGELOG.md', 'utf8');
let released: string | undefined;
try {
  released = releaseChangelog(changelog, next, date);
} catch (error) {
  // No "Unreleased" heading, nothing under it, or a section for this version already.
  const message = (error as Error).message;
  refusals.push(
    !latest && message.startsWith('CHANGELOG.md already has a section')
      ? `no v* tag yet, and CHANGELOG.md already has a section for ${next}, package.json's version: tag the commit that released it (git tag v${next} COMMIT), then run make release again`
      : message,
  );
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
  out(`Dry run: nothing changed in git. 'make release' would commit "Release ${next}" and tag v${next}.`);
  process.exit(0);
}

// All or nothing. The checks took a while: a file edited meanwhile is the maintainer's, never overwritten. A commit
// or tag git refuses (no identity, a hook, signing) puts HEAD and the three files back as they were, so that a
// second run starts from the same place.
const edited = dirtyFiles();
if (edited.length > 0) {
  process.stderr.write(`make release: refused: ${edited.join(', ')} changed while the checks ran: run it again\n`);
  process.exit(1);
}
const before = git(ROOT, ['rev-parse', 'HEAD']).trim();
try {
  writeFileSync('CHANGELOG.md', released ?? changelog);
  writeFileSync('package.json', manifestWithVersion(readFileSync('package.json', 'utf8'), next));
  writeFileSync('package-lock.json', lockfileWithVersion(readFileSync('package-lock.json', 'utf8'), next));
  git(ROOT, ['add', ...RELEASE_FILES]);
  git(ROOT, ['commit', '--quiet', '-m', `Release ${next}`]);
  git(ROOT, ['tag', '-a', `v${next}`, '-m', `atai-finetune ${next}`]);
} catch (error) {
  if (git(ROOT, ['rev-parse', 'HEAD']).trim() !== before) git(ROOT, ['reset', '--quiet', '--soft', before]);
  git(ROOT, ['checkout', before, '--', ...RELEASE_FILES]);
  const said = error instanceof Error ? ('stderr' in error && String(error.stderr).trim()) || error.message : String(error);
  process.stderr.write(`make release: git failed, nothing was released (HEAD and ${RELEASE_FILES.join(', ')} are back at ${before.slice(0, 12)}):\n${said}\n`);
  process.exit(1);
}
out(`Committed "Release ${next}" and tagged v${next}. To publish, push both at once: git push --atomic origin HEAD v${next} (release.yml tests, publishes to npm and deploys the docs).`);
