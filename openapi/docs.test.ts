// The published docs site (make docs) opened in real headless Chromium, offline: every request that would leave
// the files is blocked and counted; every operation must be visible with its three code samples; the pages link
// up; every page is sealed and links back to the landing page; a screenshot of the Stop Job section is saved for
// people, outside the published folder (build/screenshots/stop-job.png).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const SITE = fileURLToPath(new URL('../build/docs/', import.meta.url));
const DOCS = `${SITE}api.html`;
const SCREENSHOT = fileURLToPath(new URL('../build/screenshots/stop-job.png', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SAMPLES = fileURLToPath(new URL('../docs/samples/', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Every operation of the spec, by its operationId (the docs' deep link) and summary (its heading).
const spec = parse(readFileSync(fileURLToPath(new URL('fine-tune.yaml', import.meta.url)), 'utf8')) as { paths: Record<string, Record<string, { operationId?: string; summary?: string }>> };
const OPERATIONS = Object.values(spec.paths).flatMap((methods) =>
  Object.values(methods).flatMap((op) => (op.operationId && op.summary ? [{ operationId: op.operationId, summary: op.summary }] : [])),
);

/** Every file of the published folder, as paths relative to it. */
const siteFiles = () =>
  readdirSync(SITE, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(SITE, join(entry.parentPath, entry.name)));

let browser: Browser | undefined;
beforeAll(async () => {
  rmSync(SCREENSHOT, { force: true });
  mkdirSync(dirname(SCREENSHOT), { recursive: true });
  if (!existsSync(DOCS)) throw new Error(`${DOCS} is missing: run 'make docs' (make test does it first).`);
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium); .ci/run does.`);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    // Without the background-networking switches Chromium phones home at start; here it must not.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});
afterAll(() => browser?.close());

/** A browser context where every request that would leave the files (and every websocket) is blocked and counted. */
async function offline(): Promise<{ context: BrowserContext; outside: string[] }> {
  const context = await (browser as Browser).newContext({ viewport: { width: 1400, height: 1000 } });
  context.setDefaultTimeout(10_000);
  const outside: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:') || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    outside.push(url);
    return route.abort('blockedbyclient');
  });
  context.on('page', (page) => page.on('websocket', (ws) => outside.push(ws.url())));
  return { context, outside };
}

/**
 * Saves what the page shows to SCREENSHOT. Text Playwright calls visible may not be painted yet on a loaded machine
 * (a blank 1400x1000 page is about 6 KB): wait for two frames, and take it again, up to three times, while blank.
 */
async function screenshot(page: Page): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    // A string: it runs in the page, whose requestAnimationFrame this file's (Node) types do not know.
    await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
    const image = await page.screenshot({ path: SCREENSHOT });
    if (image.byteLength > BLANK_BYTES) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

// Larger than a blank page's screenshot at the context's viewport; the test's bound below.
const BLANK_BYTES = 10_000;

describe('make docs', () => {
  it('the landing page links the API, SDK and CLI references, the Changes page and the spec, and each opens offline', async () => {
    const { context, outside } = await offline();
    const page = await context.newPage();
    await page.goto(pathToFileURL(`${SITE}index.html`).href);
    const links: (string | null)[] = [];
    for (const anchor of await page.locator('a').all()) links.push(await anchor.getAttribute('href'));
    expect(links).toEqual(['sdk/documents/Getting_started.html', 'api.html', 'sdk/index.html', 'cli.html', 'changes.html', 'fine-tune.yaml']);
    for (const link of links) expect(existsSync(`${SITE}${link ?? ''}`), link ?? '').toBe(true);
    // The SDK reference: every entry point of the package, named by the import path users type, each function with
    // its TSDoc; no module named after a source folder.
    await page.goto(pathToFileURL(`${SITE}sdk/index.html`).href);
    const exports = Object.keys((JSON.parse(readFileSync(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8')) as { exports: Record<string, unknown> }).exports);
    const entries = exports.filter((path) => !path.includes('.json') && !path.includes('.yaml')).map((path) => `atai-finetune${path.slice(1)}`);
    expect(entries).toEqual(['atai-finetune', 'atai-finetune/validation', 'atai-finetune/mock']);
    for (const entry of entries) await page.getByRole('link', { name: entry, exact: true }).first().waitFor();
    for (const folder of ['src', 'src/validation', 'mock']) expect(await page.getByRole('link', { name: folder, exact: true }).count()).toBe(0);
    await page.goto(pathToFileURL(`${SITE}sdk/functions/atai-finetune.createClient.html`).href);
    await page.getByText('Creates a client.').first().waitFor();
    await page.goto(pathToFileURL(`${SITE}cli.html`).href);
    // The CLI reference is the CLI's own help: every command of it, with the exit codes.
    const cli = await page.locator('body').innerText();
    for (const text of ['atai-ft jobs stop', 'atai-ft jobs cancel', 'atai-ft conformance', 'atai-ft mock', 'Exit codes:']) expect(cli).toContain(text);
    expect(readFileSync(`${SITE}fine-tune.yaml`, 'utf8')).toBe(readFileSync(fileURLToPath(new URL('fine-tune.yaml', import.meta.url)), 'utf8'));
    await context.close();
    expect(outside).toEqual([]);
  });

  it("the SDK reference's Job page lists each field of the spec's Job with the spec's description of it", async () => {
    type Schema = { description?: string; $ref?: string; properties?: Record<string, Schema> };
    const { schemas } = (parse(readFileSync(fileURLToPath(new URL('fine-tune.yaml', import.meta.url)), 'utf8')) as { components: { schemas: Record<string, Schema> } }).components;
    const fields = Object.entries(schemas.Job?.properties ?? {});
    expect(fields.length).toBeGreaterThan(5);
    const { context, outside } = await offline();
    const page = await context.newPage();
    await page.goto(pathToFileURL(`${SITE}sdk/interfaces/atai-finetune.Job.html`).href);
    const text = (await page.locator('body').innerText()).replace(/\s+/g, ' ');
    // A field that only names a schema ($ref) is described by that schema. Markdown's backticks render as code.
    const firstSentence = (field: Schema) => /^.*?\.(?=\s|$)/s.exec(((field.$ref ? schemas[field.$ref.split('/').pop() ?? ''] : field)?.description ?? '').replace(/`/g, ''))?.[0].replace(/\s+/g, ' ');
    const undocumented = fields.filter(([name, field]) => !text.includes(`${name}: `) || !firstSentence(field) || !text.includes(firstSentence(field) ?? ''));
    expect(undocumented.map(([name]) => name)).toEqual([]);
    await context.close();
    expect(outside).toEqual([]);
  });

  it('the getting-started guide is a page of the SDK reference showing each snippet of docs/guide/getting-started.md', async () => {
    const markdown = readFileSync(join(ROOT, 'docs/guide/getting-started.md'), 'utf8');
    // Each code block's first line of code (contract-tests/guide.test.ts runs the blocks themselves).
    const firstLines = [...markdown.matchAll(/^```\w+[^\n]*\n([^\n]+)\n/gm)].map((match) => (match[1] ?? '').trim());
    expect(firstLines.length).toBeGreaterThan(5);
    const { context, outside } = await offline();
    const page = await context.newPage();
    await page.goto(pathToFileURL(`${SITE}sdk/documents/Getting_started.html`).href);
    await page.getByText('This guide takes a fine-tune job from creation to its end', { exact: false }).first().waitFor();
    const text = await page.locator('body').innerText();
    expect(firstLines.filter((line) => !text.includes(line))).toEqual([]);
    // Its links into the reference resolve (TypeDoc fails make docs on one that does not): one of them, followed.
    await page.getByRole('link', { name: 'until', exact: true }).first().click();
    await page.getByText('Also stop waiting at these statuses', { exact: false }).first().waitFor();
    await context.close();
    expect(outside).toEqual([]);
  });

  it('is one HTML file with Redoc inlined: no tag in it loads a script, style or image from a URL', () => {
    const html = readFileSync(DOCS, 'utf8');
    expect(html.length).toBeGreaterThan(100_000);
    // Every src= or href= that would fetch something: only in-page anchors and data: URLs may remain.
    const loads = [...html.matchAll(/<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*["']?([^"'\s>]+)/gi)].map((m) => m[1]);
    expect(loads.filter((url) => !url?.startsWith('#') && !url?.startsWith('data:'))).toEqual([]);
  });

  it('publishes only the site: its pages, their assets and the specs, no build input and no screenshot', () => {
    const stray = siteFiles().filter(
      (path) =>
        !['index.html', 'api.html', 'cli.html', 'changes.html', 'fine-tune.yaml', 'sdk/.nojekyll'].includes(path) &&
        !/^sdk\/([a-z]+\/)?[\w.-]+\.html$/.test(path) &&
        !/^sdk\/assets\/\w+\.(js|css|svg)$/.test(path) &&
        !/^versions\/v\d+\.\d+\.\d+\/fine-tune\.yaml$/.test(path),
    );
    expect(stray).toEqual([]);
  });

  it('seals every page with one Content-Security-Policy that allows nothing from the network, and links each back to the landing page', () => {
    const pages = siteFiles().filter((path) => path.endsWith('.html'));
    // The SDK reference's pages are most of them: without them this would check four pages.
    expect(pages.filter((path) => path.startsWith('sdk/')).length).toBeGreaterThan(50);
    const policies = new Set(pages.map((path) => /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(readFileSync(join(SITE, path), 'utf8'))?.[1]));
    expect(policies.size).toBe(1);
    const [policy] = policies;
    expect(policy).toMatch(/^default-src 'none'; base-uri 'none'; form-action 'none';/);
    expect(policy).not.toMatch(/https?:|wss?:|\*/);
    const landing = resolve(SITE, 'index.html');
    const unlinked = pages.filter((path) => {
      if (path === 'index.html') return false;
      const hrefs = [...readFileSync(join(SITE, path), 'utf8').matchAll(/<a\b[^>]*\bhref="([^"#]+)"/g)].map((match) => match[1] ?? '');
      return !hrefs.some((href) => resolve(SITE, dirname(path), href) === landing);
    });
    expect(unlinked).toEqual([]);
  });

  it('each kind of page opens offline with no policy violation and leads back to the landing page', async () => {
    const { context, outside } = await offline();
    const refused: string[] = [];
    for (const path of ['cli.html', 'changes.html', 'sdk/index.html', 'sdk/documents/Getting_started.html', 'sdk/functions/atai-finetune.createClient.html', 'sdk/modules/atai-finetune_mock.html', 'api.html']) {
      const page = await context.newPage();
      page.on('console', (message) => {
        if (/Content.Security.Policy/i.test(message.text())) refused.push(`${path}: ${message.text()}`);
      });
      await page.goto(pathToFileURL(`${SITE}${path}`).href);
      await page.getByRole('link', { name: 'All docs', exact: true }).first().click();
      await page.waitForURL(pathToFileURL(`${SITE}index.html`).href);
      await page.getByRole('link', { name: 'Changes', exact: true }).waitFor();
      await page.close();
    }
    await context.close();
    expect(refused).toEqual([]);
    expect(outside).toEqual([]);
  });

  it('has a Changes page listing each released version (v* tag), newest first, each with its spec; or saying none is', async () => {
    const tags = execFileSync('git', ['tag', '--list', 'v*'], { cwd: ROOT, encoding: 'utf8' })
      .split('\n')
      .filter((tag) => /^v\d+\.\d+\.\d+$/.test(tag))
      .sort((a, b) => b.slice(1).localeCompare(a.slice(1), 'en', { numeric: true }));
    const { context, outside } = await offline();
    const page = await context.newPage();
    await page.goto(pathToFileURL(`${SITE}changes.html`).href);
    const headings = await page.locator('h2').allInnerTexts();
    if (tags.length === 0) {
      expect(await page.locator('body').innerText()).toContain('No version has been released yet');
      expect(headings).toEqual([]);
    } else {
      expect(headings).toEqual(['Unreleased', ...tags.map((tag) => tag.slice(1))]);
      for (const tag of tags) {
        expect(readFileSync(`${SITE}versions/${tag}/fine-tune.yaml`, 'utf8')).toBe(execFileSync('git', ['show', `${tag}:openapi/fine-tune.yaml`], { cwd: ROOT, encoding: 'utf8' }));
      }
    }
    await context.close();
    expect(outside).toEqual([]);
  });

  it('shows every operation of the spec and the Stop vs Cancel explanation with no request leaving the page', async () => {
    const { context, outside } = await offline();
    const open = async (hash = '') => {
      const page = await context.newPage();
      await page.goto(pathToFileURL(DOCS).href + hash, { waitUntil: 'load' });
      return page;
    };

    const intro = await open();
    await intro.getByText('the latest checkpoint is kept').first().waitFor();
    const firstScreen = await intro.locator('body').innerText();
    expect(firstScreen).toContain('nothing is finalized');
    // The first screen lists the operations, not only the introduction.
    for (const { summary } of OPERATIONS) expect(await intro.getByRole('link', { name: summary, exact: true }).filter({ visible: true }).count(), summary).toBeGreaterThan(0);
    // Redoc's "API docs by" badge points at a logo the page may not load: it is hidden, never a broken image.
    expect(await intro.locator('a[href*="redocly.com"]').filter({ visible: true }).count()).toBe(0);
    expect(await intro.locator(':has(> a[href*="redocly.com"])').filter({ visible: true }).count()).toBe(0);

    // The content renders lazily as a reader scrolls; a deep link (#operation/<operationId>) renders the operation
    // it names. Playwright waits for each heading rather than for a fixed time, so layout speed cannot fail it.
    const missing: string[] = [];
    const samplesShown: string[] = [];
    for (const { operationId, summary } of OPERATIONS) {
      const page = await open(`#operation/${operationId}`);
      const heading = page.locator('h2').filter({ hasText: new RegExp(`^${summary}$`) });
      if (!(await heading.first().waitFor({ state: 'visible' }).then(() => true, () => false))) missing.push(summary);
      if (operationId === 'stopJob') {
        await page.getByText('Stops a running fine-tune job gracefully').first().waitFor({ state: 'visible' });
        await page.getByText('Stopping a job that has already ended (COMPLETED, STOPPED, CANCELLED, FAILED) is a 409 conflict').first().waitFor();
        await screenshot(page);
      }
      // Each sample, chosen in the right panel's language menu, shows its file's first line.
      for (const [label, suffix] of [['TypeScript', '.ts'], ['atai-ft', '.atai-ft.sh'], ['curl', '.curl.sh']]) {
        // A line only this operation's sample has: the client call of the TypeScript one, the first of the others.
        const lines = readFileSync(`${SAMPLES}${operationId}${suffix}`, 'utf8').split('\n');
        const firstLine = (suffix === '.ts' ? lines.find((line) => line.includes('client.jobs.')) : lines[0]) ?? '';
        // The language is one choice for the whole page; a click event, since a menu near the bottom of the window can
        // open below it, where a pointer could not reach.
        await page.getByRole('button').filter({ hasText: /^(curl|TypeScript|atai-ft)$/ }).filter({ visible: true }).first().dispatchEvent('click');
        await page.getByRole('menuitem', { name: label, exact: true }).filter({ visible: true }).first().dispatchEvent('click');
        if (await page.getByText(firstLine.trim(), { exact: false }).filter({ visible: true }).first().waitFor().then(() => true, () => false)) samplesShown.push(`${operationId} ${label}`);
      }
      await page.close();
    }
    await context.close();
    expect(missing).toEqual([]);
    expect(samplesShown).toEqual(OPERATIONS.flatMap(({ operationId }) => ['TypeScript', 'atai-ft', 'curl'].map((label) => `${operationId} ${label}`)));
    // The list came from the spec: an empty one would prove nothing.
    expect(OPERATIONS.length).toBeGreaterThan(0);
    expect(outside).toEqual([]);
    expect(statSync(SCREENSHOT).size).toBeGreaterThan(BLANK_BYTES);
    // Six page loads of a 2.5 MB page and eighteen menu picks: a bound for a machine under load, not a goal.
  }, 120_000);
});
