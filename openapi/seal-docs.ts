// Seals every page of the built site (make docs): a Content-Security-Policy that lets a page load nothing but the
// site's own files ('self': TypeDoc's scripts, styles and icons) and inline or data: content (Redoc's inlined bundle),
// and a link back to the landing page on every page but the landing page itself. Redoc's inlined bundle also shows
// an "API docs by" badge whose logo comes from a CDN: the logo's URL becomes an empty data: URL (so the page never
// tries the network, and the policy reports nothing), and the badge and the pill around it are hidden. Usage: tsx openapi/seal-docs.ts SITE_DIR
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const policy =
  "default-src 'none'; base-uri 'none'; form-action 'none'; script-src 'self' 'unsafe-inline' 'unsafe-eval' blob:; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src data:; connect-src data: blob:; worker-src blob:";
const hideBadge = '<style>a[href*="redocly.com"],:has(> a[href*="redocly.com"]){display:none!important}</style>';
const LANDING = 'index.html';

const site = process.argv[2];
if (!site || process.argv.length > 3) throw new Error('usage: tsx openapi/seal-docs.ts SITE_DIR');

/** The page with a link to the landing page, `up` being the path from the page's folder to the site's root. */
function withBackLink(html: string, file: string, up: string): string {
  const href = `${up}${LANDING}`;
  if (html.includes(`href="${href}">All docs</a>`)) return html;
  // TypeDoc: its toolbar has a place for links (data-base is the way to TypeDoc's own root, sdk/).
  const typedoc = /<html[^>]*\bdata-base="([^"]*)"/.exec(html);
  if (typedoc && html.includes('<div id="tsd-toolbar-links">')) {
    return html.replace('<div id="tsd-toolbar-links">', `<div id="tsd-toolbar-links"><a href="${typedoc[1]}../${LANDING}">All docs</a>`);
  }
  // Redoc fills the whole window below whatever precedes its root: a thin bar above it.
  if (html.includes('<redoc') || html.includes('id="redoc"')) {
    return html.replace(/<body([^>]*)>/, `<body$1><nav style="font:14px/1.5 system-ui,sans-serif;padding:.4rem 1rem;border-bottom:1px solid #e1e4e8"><a href="${href}">All docs</a></nav>`);
  }
  throw new Error(`${file}: no link back to ${LANDING}, and no place known to put one`);
}

let sealed = 0;
for (const entry of readdirSync(site, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith('.html')) continue;
  const file = join(entry.parentPath, entry.name);
  const path = relative(site, file);
  let html = readFileSync(file, 'utf8');
  // Sealed already (a second run over the same site): once is enough.
  if (html.includes('<meta http-equiv="Content-Security-Policy"')) continue;
  if (!html.includes('<head>')) throw new Error(`${file}: no <head> to put the policy in`);
  if (path !== LANDING) html = withBackLink(html, file, '../'.repeat(path.split('/').length - 1));
  if (path === 'api.html') html = html.replace(/https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(?:-full)?\.svg/g, 'data:,');
  writeFileSync(file, html.replace('<head>', `<head><meta http-equiv="Content-Security-Policy" content="${policy}">${path === 'api.html' ? hideBadge : ''}`));
  sealed++;
}
console.log(`${site}: ${sealed} pages sealed with a Content-Security-Policy (nothing from the network), each linking back to ${LANDING}`);
