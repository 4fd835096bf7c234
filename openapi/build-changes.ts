// `make docs`: the Changes page (changes.html). For each released version (a `vX.Y.Z` tag), newest first, and for
// the working tree ("Unreleased"), every change of the spec since the version before, rated breaking or not by the
// rules of `make breaking` (release/spec-changes.ts), each linking its operation in the API reference; and each
// released version's spec to download (versions/vX.Y.Z/fine-tune.yaml). With no tag, the page says so.
// Usage: tsx openapi/build-changes.ts SPEC OUT_DIR
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { fileAt, releases } from '../release/git.js';
import { specChanges, type SpecChange } from '../release/spec-changes.js';
import { formatVersion } from '../release/version.js';
import { BACK_LINK, escape, page } from './page.js';

const [specPath, outDir] = process.argv.slice(2);
if (!specPath || !outDir) {
  process.stderr.write('usage: tsx openapi/build-changes.ts SPEC OUT_DIR\n');
  process.exit(2);
}
const ROOT = process.cwd();

// The operations the reference (api.html, built from the spec as it is now) has a section for: a change of an
// operation removed since is named, not linked to a section that is not there.
const linkable = new Set(
  Object.values((parse(readFileSync(specPath, 'utf8')) as { paths?: Record<string, Record<string, { operationId?: unknown }>> }).paths ?? {}).flatMap((item) =>
    Object.values(item).flatMap((operation) => (typeof operation.operationId === 'string' ? [operation.operationId] : [])),
  ),
);

/** One change as a list item: its rating, its operation linked to the reference, and what changed. */
function item(change: SpecChange): string {
  const rating = change.impact === 'breaking' ? '<span class="breaking">Breaking</span>' : `<span class="not-breaking">Not breaking</span> (${change.impact})`;
  const operation = change.operation ? `<code>${escape(change.operation)}</code>` : 'The spec';
  const where = change.operationId && linkable.has(change.operationId) ? `<a href="api.html#operation/${encodeURIComponent(change.operationId)}">${operation}</a>` : operation;
  // redocly quotes names in backticks, as Markdown code.
  return `<li>${rating}: ${where}: ${escape(change.message).replace(/`([^`]+)`/g, '<code>$1</code>')}</li>`;
}

/** A version's section: its heading, what it is compared with, its spec to download, and its changes. */
function section(id: string, heading: string, intro: string, changes: readonly SpecChange[] | undefined): string {
  const list = changes === undefined ? '' : changes.length === 0 ? '<p>No change to the spec.</p>' : `<ul>\n${changes.map(item).join('\n')}\n</ul>`;
  return `<section id="${escape(id)}">\n<h2>${escape(heading)}</h2>\n<p>${intro}</p>\n${list}\n</section>`;
}

const tagged = releases(ROOT);
// Each released spec read once: it is compared with the next version's and with the one before.
const specs = tagged.map((release) => fileAt(ROOT, release.tag, specPath));
const sections: string[] = [];
const current = readFileSync(specPath, 'utf8');
const latest = tagged[0];
if (!latest) {
  sections.push(
    '<p id="no-release">No version has been released yet: the repository has no <code>vX.Y.Z</code> tag, so there is nothing to compare the spec with. <code>make release</code> makes the first one.</p>',
  );
} else {
  const latestSpec = specs[0];
  sections.push(section('unreleased', 'Unreleased', `Since ${escape(latest.tag)}: the spec as it is now, not released yet.`, latestSpec === undefined ? undefined : specChanges(latestSpec, current)));
}
for (const [index, release] of tagged.entries()) {
  const spec = specs[index];
  const version = formatVersion(release.version);
  const download = spec === undefined ? `${escape(specPath)} did not exist at this version.` : `<a href="versions/${escape(release.tag)}/fine-tune.yaml" download>The spec of ${escape(version)}</a>.`;
  if (spec !== undefined) {
    mkdirSync(join(outDir, 'versions', release.tag), { recursive: true });
    writeFileSync(join(outDir, 'versions', release.tag, 'fine-tune.yaml'), spec);
  }
  const previous = tagged[index + 1];
  const previousSpec = specs[index + 1];
  const intro = previous ? `Since ${escape(previous.tag)}. ${download}` : `The first released version. ${download}`;
  sections.push(section(release.tag, version, intro, previous && spec !== undefined && previousSpec !== undefined ? specChanges(previousSpec, spec) : undefined));
}

mkdirSync(outDir, { recursive: true });
writeFileSync(
  join(outDir, 'changes.html'),
  page(
    'Changes to the API',
    `${BACK_LINK}
<h1>Changes to the API</h1>
<p>Every change of the spec at each released version, newest first, rated for users of the client by the rules of
<code>make breaking</code>: a <span class="breaking">breaking</span> change (a removed or retyped response field, a new
required request field, a removed operation or status, a new value of a response enum) can break code that uses the API;
the others (new operations, new optional fields and parameters) cannot. Each links its operation in the
<a href="api.html">API reference</a>.</p>
${sections.join('\n')}`,
  ),
);
console.log(`${join(outDir, 'changes.html')}: ${tagged.length} released version${tagged.length === 1 ? '' : 's'}${latest ? ` (latest ${latest.tag})` : ''}`);
