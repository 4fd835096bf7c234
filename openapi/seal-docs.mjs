// Seals the built docs page: a Content-Security-Policy that lets it load nothing from the network. Redoc's
// inlined bundle still points its "API docs by" logo at a CDN; under this policy the browser never asks for
// it (Redoc hides the logo when it fails), so reading the docs offline leaks no visit.
import { readFileSync, writeFileSync } from 'node:fs';

const file = process.argv[2];
const policy = "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval' blob:; style-src 'unsafe-inline'; img-src data: blob:; font-src data:; connect-src data: blob:; worker-src blob:";
const html = readFileSync(file, 'utf8');
if (!html.includes('<head>')) throw new Error(`${file}: no <head> to put the policy in`);
writeFileSync(file, html.replace('<head>', `<head><meta http-equiv="Content-Security-Policy" content="${policy}">`));
console.log(`${file}: sealed with a Content-Security-Policy (no network)`);
