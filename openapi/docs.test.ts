// The published docs (make docs) opened in real headless Chromium, offline: every request that would leave
// the file is blocked and counted, every operation must be visible, and a screenshot is saved for people.
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const DOCS = fileURLToPath(new URL('../build/docs/index.html', import.meta.url));
const SCREENSHOT = fileURLToPath(new URL('../build/docs/screenshot.png', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Every operation of the spec, by its operationId (the docs' deep link) and summary (its heading).
const spec = parse(readFileSync(fileURLToPath(new URL('fine-tune.yaml', import.meta.url)), 'utf8')) as { paths: Record<string, Record<string, { operationId?: string; summary?: string }>> };
const OPERATIONS = Object.values(spec.paths).flatMap((methods) =>
  Object.values(methods).flatMap((op) => (op.operationId && op.summary ? [{ operationId: op.operationId, summary: op.summary }] : [])),
);

let browser: Browser | undefined;
beforeAll(async () => {
  rmSync(SCREENSHOT, { force: true });
  if (!existsSync(DOCS)) throw new Error(`${DOCS} is missing: run 'make docs' (make test does it first).`);
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium); .ci/run does.`);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    // Without the background-networking switches Chromium phones home at start; here it must not.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});
afterAll(() => browser?.close());

describe('make docs', () => {
  it('is one HTML file with Redoc inlined: no tag in it loads a script, style or image from a URL', () => {
    const html = readFileSync(DOCS, 'utf8');
    expect(html.length).toBeGreaterThan(100_000);
    // Every src= or href= that would fetch something: only in-page anchors and data: URLs may remain.
    const loads = [...html.matchAll(/<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*["']?([^"'\s>]+)/gi)].map((m) => m[1]);
    expect(loads.filter((url) => !url?.startsWith('#') && !url?.startsWith('data:'))).toEqual([]);
  });

  it('shows every operation of the spec and the Stop vs Cancel explanation with no request leaving the page', async () => {
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
    const open = async (hash = '') => {
      const page = await context.newPage();
      await page.goto(pathToFileURL(DOCS).href + hash, { waitUntil: 'load' });
      return page;
    };

    const intro = await open();
    await intro.getByText('the latest checkpoint is kept').first().waitFor();
    expect(await intro.locator('body').innerText()).toContain('nothing is finalized');

    // The content renders lazily as a reader scrolls; a deep link (#operation/<operationId>) renders the operation
    // it names. Playwright waits for each heading rather than for a fixed time, so layout speed cannot fail it.
    const missing: string[] = [];
    for (const { operationId, summary } of OPERATIONS) {
      const page = await open(`#operation/${operationId}`);
      const heading = page.locator('h2').filter({ hasText: new RegExp(`^${summary}$`) });
      if (!(await heading.first().waitFor({ state: 'visible' }).then(() => true, () => false))) missing.push(summary);
      if (operationId === 'stopJob') {
        await page.getByText('Stops a running fine-tune job gracefully').first().waitFor({ state: 'visible' });
        await page.getByText('Stopping a job that has already ended (COMPLETED, STOPPED, CANCELLED, FAILED) is a 409 conflict').first().waitFor();
        await page.screenshot({ path: SCREENSHOT });
      }
      await page.close();
    }
    await context.close();
    expect(missing).toEqual([]);
    // The list came from the spec: an empty one would prove nothing.
    expect(OPERATIONS.length).toBeGreaterThan(0);
    expect(outside).toEqual([]);
    expect(statSync(SCREENSHOT).size).toBeGreaterThan(10_000);
  });
});
