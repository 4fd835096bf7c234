// `make docs`, before Redocly and TypeDoc run: the spec bundled with each operation's code samples (curl, this
// package, the CLI, from docs/samples/, one file each) as `x-codeSamples`; the spec as it is, to download; the CLI
// reference, from the CLI's own help tables; and the landing page linking them and the Changes page (build-changes.ts). The hand-written spec is not
// touched; an operation without a hand-written sample gets one generated from the spec (openapi/samples.ts). Fails,
// in one line, on sample files of no operation, or when redocly.yaml does not list a sample language.
// The bundled spec is Redocly's input, not part of the site: it is written to BUNDLE, outside OUT_DIR.
// Usage: tsx openapi/build-docs.ts SPEC SAMPLES_DIR OUT_DIR BUNDLE
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';
import { SURFACE } from '../generated/surface.js';
import { COMMAND_HELP, MAIN_HELP } from '../src/cli/help.js';
import { BACK_LINK, escape, page } from './page.js';
import { SAMPLE_KINDS, sampleOf, straySamples } from './samples.js';

/** Ends the build with one line on stderr, not a stack trace: the message is all a maintainer needs. */
function die(message: string): never {
  process.stderr.write(`build-docs: error: ${message}\n`);
  process.exit(1);
}

const [specPath, samplesDir, outDir, bundlePath] = process.argv.slice(2);
if (!specPath || !samplesDir || !outDir || !bundlePath) die('usage: tsx openapi/build-docs.ts SPEC SAMPLES_DIR OUT_DIR BUNDLE');

interface Operation {
  operationId?: string;
  summary?: string;
  'x-codeSamples'?: unknown;
}
const listed = (parse(readFileSync('redocly.yaml', 'utf8')) as { openapi?: { codeSamples?: { languages?: { lang: string }[] } } }).openapi?.codeSamples?.languages?.map((l) => l.lang) ?? [];
if (listed.join() !== SAMPLE_KINDS.map((kind) => kind.lang).join()) {
  die(`redocly.yaml lists the code-sample languages ${JSON.stringify(listed)}; the samples are ${JSON.stringify(SAMPLE_KINDS.map((kind) => kind.lang))}: make them the same, or the page hides samples`);
}

const spec = parse(readFileSync(specPath, 'utf8')) as { info: { title: string; version: string; description?: string }; paths: Record<string, Record<string, Operation>> };
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const rows: string[] = [];
for (const [path, item] of Object.entries(spec.paths)) {
  for (const [method, operation] of Object.entries(item)) {
    if (!METHODS.includes(method)) continue;
    const id = operation.operationId;
    if (!id) die(`${specPath}: ${method.toUpperCase()} ${path} has no operationId to find its samples by`);
    rows.push(`| [${operation.summary ?? id}](#operation/${id}) | \`${method.toUpperCase()} ${path}\` |`);
    if (!Object.hasOwn(SURFACE, id)) die(`${id} is not in generated/surface.ts: run 'make generate'`);
    // A hand-written sample in samplesDir, else the one generated from the spec (openapi/samples.ts).
    operation['x-codeSamples'] = SAMPLE_KINDS.map(({ label, lang, suffix }) => ({ lang, label, source: sampleOf(samplesDir, id as keyof typeof SURFACE, suffix).source }));
  }
}
const stray = straySamples(samplesDir);
if (stray.length > 0) die(`${samplesDir} holds samples of no operation of the spec: ${stray.join(', ')} (rename them after the operationId, or delete them)`);

// The operations first, so that the page's first screen shows what the API does, not only the introduction.
spec.info.description = `| Operation | Request |\n|---|---|\n${rows.join('\n')}\n\n${spec.info.description ?? ''}`;

mkdirSync(outDir, { recursive: true });
mkdirSync(dirname(bundlePath), { recursive: true });
writeFileSync(bundlePath, stringify(spec, { lineWidth: 0 }));
copyFileSync(specPath, join(outDir, 'fine-tune.yaml'));

const commands = Object.entries(COMMAND_HELP)
  .map(([name, help]) => `<h2 id="${escape(name)}">${escape(name)}</h2>\n<pre>${escape(help)}</pre>`)
  .join('\n');
writeFileSync(
  join(outDir, 'cli.html'),
  page('atai-ft: the command line', `${BACK_LINK}\n<h1>atai-ft</h1>\n<pre>${escape(MAIN_HELP)}</pre>\n${commands}`),
);

writeFileSync(
  join(outDir, 'index.html'),
  page(
    `${spec.info.title} ${spec.info.version}`,
    `<h1>${escape(spec.info.title)} <small>${escape(spec.info.version)}</small></h1>
<ul>
<li><a href="sdk/documents/Getting_started.html">Getting started</a>: a job from creation to its end with the atai-finetune package, your tests with its mock, and atai-ft</li>
<li><a href="api.html">API reference</a>: every operation, with samples in curl, TypeScript and the atai-ft CLI</li>
<li><a href="sdk/index.html">SDK reference</a>: the atai-finetune package (client, validation, mock), from its TSDoc</li>
<li><a href="cli.html">CLI reference</a>: atai-ft, its commands, options and exit codes</li>
<li><a href="changes.html">Changes</a>: what changed in the API at each released version, breaking or not</li>
<li><a href="fine-tune.yaml" download>The OpenAPI 3.1 spec</a> (fine-tune.yaml)</li>
</ul>`,
  ),
);
console.log(`${bundlePath} (the spec with code samples, for Redocly); ${outDir}: fine-tune.yaml, cli.html, index.html`);
