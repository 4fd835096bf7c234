// The published docs (make docs) opened in real headless Chromium, offline: every request that would leave
// the file is blocked and counted, every operation must be visible, and a screenshot is saved for people.
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const DOCS = fileURLToPath(new URL('../build/docs/index.html', import.meta.url));
const SCREENSHOT = fileURLToPath(new URL('../build/docs/screenshot.png', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OPERATIONS = ['Create Job', 'List Jobs', 'Get Job', 'Get Job Metrics', 'Stop Job', 'Cancel Job'];

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

  it('shows every operation and the Stop vs Cancel explanation with no request leaving the page', async () => {
    const page = await (browser as Browser).newPage({ viewport: { width: 1400, height: 1000 } });
    page.setDefaultTimeout(5_000);
    const outside: string[] = [];
    const headingsSeen = new Set<string>();
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:') || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
      outside.push(url);
      return route.abort('blockedbyclient');
    });
    page.on('websocket', (ws) => outside.push(ws.url()));
    await page.goto(pathToFileURL(DOCS).href, { waitUntil: 'load' });
    const intro = await page.locator('body').innerText();
    expect(intro).toContain('the latest checkpoint is kept');
    expect(intro).toContain('nothing is finalized');
    // Operations sit under their tag in the menu and render as the reader scrolls (the content is
    // virtualized): open the tag, then scroll down like a reader, noting every section heading and text shown.
    await page.getByRole('link', { name: 'Fine-tune jobs', exact: true }).first().click();
    await page.mouse.move(700, 500); // over the content pane, which is what scrolls
    let shown = '';
    for (let i = 0; i < 40 && !OPERATIONS.every((t) => headingsSeen.has(t)); i++) {
      await page.mouse.wheel(0, 1_000);
      await page.waitForTimeout(100);
      for (const h of await page.locator('h2').allInnerTexts()) headingsSeen.add(h.trim());
      shown += await page.locator('body').innerText();
      if (headingsSeen.has('Stop Job') && !existsSync(SCREENSHOT)) await page.screenshot({ path: SCREENSHOT });
    }
    expect(OPERATIONS.filter((t) => !headingsSeen.has(t))).toEqual([]);
    expect(shown).toContain('Stops a running fine-tune job gracefully');
    expect(shown).toContain('Stopping a job that has already ended (COMPLETED, STOPPED, CANCELLED, FAILED) is a 409 conflict');
    expect(outside).toEqual([]);
    expect(statSync(SCREENSHOT).size).toBeGreaterThan(10_000);
  });
});
