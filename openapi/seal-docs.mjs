// Seals the built docs pages: a Content-Security-Policy that lets them load nothing from the network. Redoc's
// inlined bundle also shows an "API docs by" badge whose logo comes from a CDN, which this policy blocks: the badge
// and the pill around it are hidden.
import { readFileSync, writeFileSync } from 'node:fs';

const policy = "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval' blob:; style-src 'unsafe-inline'; img-src data: blob:; font-src data:; connect-src data: blob:; worker-src blob:";
const hideBadge = '<style>a[href*="redocly.com"],:has(> a[href*="redocly.com"]){display:none!important}</style>';
for (const file of process.argv.slice(2)) {
  const html = readFileSync(file, 'utf8');
  if (!html.includes('<head>')) throw new Error(`${file}: no <head> to put the policy in`);
  writeFileSync(file, html.replace('<head>', `<head><meta http-equiv="Content-Security-Policy" content="${policy}">${hideBadge}`));
  console.log(`${file}: sealed with a Content-Security-Policy (no network)`);
}
