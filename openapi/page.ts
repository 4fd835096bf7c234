// The look of the site's own pages (landing, CLI reference, Changes): one template, so that they match.

/** `text` safe inside HTML text and attribute values. */
export const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A whole page: `title` and `body` (HTML, already escaped where needed). */
export const page = (title: string, body: string): string => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
pre{background:#f6f8fa;padding:1rem;overflow:auto}a{color:#0b5cad}li{margin:.4rem 0}
.breaking{color:#b00020;font-weight:600}.not-breaking{color:#1b6e2e}</style>
</head><body>
${body}
</body></html>
`;

/** The link every page but the landing page starts with. */
export const BACK_LINK = '<p><a href="index.html">All docs</a></p>';
