// Every change between two versions of the spec, rated for users of the client by the rules of `make breaking`
// (redocly diff with openapi/redocly-diff.yaml), each placed on its operation so that a page can link to it.
// Used by `make release` (the version) and `make docs` (the Changes page).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { Impact } from './version.js';

/** One change of the spec, as a reader of the API reference would want it. */
export interface SpecChange {
  readonly impact: Impact;
  /** `GET /fine-tune/jobs`, or undefined for a change outside the paths (servers, info). */
  readonly operation: string | undefined;
  /** The operation's operationId, for its section in the reference (`api.html#operation/<id>`). */
  readonly operationId: string | undefined;
  /** What changed, in redocly's words: `Property \`notes\` of \`Job\` was removed.`, or `added: responses/200/...`. */
  readonly message: string;
}

export interface DiffReport {
  changes: {
    path: string;
    kind: string;
    impact: 'major' | 'minor' | 'patch' | 'none';
    verdicts?: { message: string }[];
  }[];
}
type Spec = { paths?: Record<string, Record<string, { operationId?: string } | undefined> | undefined> } | null;

const IMPACT = { major: 'breaking', minor: 'addition', patch: 'fix', none: 'fix' } as const satisfies Record<string, Impact>;
const KIND: Record<string, string> = { added: 'Added', removed: 'Removed', modified: 'Changed' };
const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** `#/paths/~1fine-tune~1jobs/get/x` as its segments, unescaped: ['paths', '/fine-tune/jobs', 'get', 'x']. */
function segments(pointer: string): string[] {
  return pointer
    .replace(/^#\//, '')
    .split('/')
    .map((part) => {
      let decoded = part;
      try {
        decoded = decodeURIComponent(part);
      } catch {
        // A `%` that is not an escape: the segment as written.
      }
      return decoded.replace(/~1/g, '/').replace(/~0/g, '~');
    });
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/** redocly diff's JSON report as SpecChanges; the operationId from the spec the operation is in (the base's if removed). */
export function readDiffReport(report: DiffReport, base: Spec, revision: Spec): SpecChange[] {
  return report.changes.map((change) => {
    const [root, path, second, ...others] = segments(change.path);
    // A path's own fields (parameters, summary) are not an operation: the path is named, and they are where.
    const method = second && METHODS.has(second) ? second : undefined;
    const rest = method ? others : [second, ...others].filter((part): part is string => part !== undefined);
    const operation = root === 'paths' && path && method ? `${method.toUpperCase()} ${path}` : root === 'paths' && path ? path : undefined;
    const inSpec = (spec: Spec) => (path && method ? spec?.paths?.[path]?.[method]?.operationId : undefined);
    const operationId = change.kind === 'removed' ? (inSpec(base) ?? inSpec(revision)) : (inSpec(revision) ?? inSpec(base));
    const said = (change.verdicts ?? []).map((verdict) => verdict.message).join(' ');
    const where = root === 'paths' ? rest.join('/') : [root, path, second, ...others].filter(Boolean).join('/');
    return { impact: IMPACT[change.impact], operation, operationId, message: said || `${KIND[change.kind] ?? change.kind}${where ? ` \`${where}\`` : ''}.` };
  });
}

/**
 * The changes from the spec text `base` to the spec text `revision`, breaking first. Runs redocly diff (a few
 * seconds); throws its stderr when it cannot read either spec.
 */
export function specChanges(base: string, revision: string): SpecChange[] {
  const dir = mkdtempSync(join(tmpdir(), 'atai-spec-changes-'));
  try {
    writeFileSync(join(dir, 'base.yaml'), base);
    writeFileSync(join(dir, 'revision.yaml'), revision);
    const json = execFileSync(
      join(ROOT, 'node_modules/.bin/redocly'),
      ['diff', join(dir, 'base.yaml'), join(dir, 'revision.yaml'), '--config', join(ROOT, 'openapi/redocly-diff.yaml'), '--format', 'json', '--fail-on', 'none'],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, REDOCLY_TELEMETRY: 'off', NO_UPDATE_NOTIFIER: '1' }, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 },
    );
    const order: Impact[] = ['breaking', 'addition', 'fix'];
    return readDiffReport(JSON.parse(json) as DiffReport, parse(base) as Spec, parse(revision) as Spec).sort((a, b) => order.indexOf(a.impact) - order.indexOf(b.impact));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
