// The code samples of each operation: the hand-written file in docs/samples/ when there is one, else a sample
// generated from the spec (the operation's method, path, first example values and SDK name). `make docs` puts them
// into the API reference and contract-tests/samples.test.ts runs every one, hand-written or generated.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OPERATION_DOCS } from '../generated/operation-docs.js';
import { SCHEMA_RULES, SURFACE } from '../generated/surface.js';

/** The kinds of sample, in the order the page shows them: label, the page's language tab, the file suffix. */
export const SAMPLE_KINDS = [
  { label: 'curl', lang: 'curl', suffix: '.curl.sh' },
  { label: 'TypeScript', lang: 'TypeScript', suffix: '.ts' },
  { label: 'atai-ft', lang: 'atai-ft', suffix: '.atai-ft.sh' },
] as const;

/** A file suffix of a sample. */
export type SampleSuffix = (typeof SAMPLE_KINDS)[number]['suffix'];

/** One sample of one operation: its source, and whether it was written by hand (else generated). */
export interface Sample {
  readonly source: string;
  readonly handWritten: boolean;
}

type Operation = (typeof SURFACE)[keyof typeof SURFACE];

/** The sample of `operationId` in `suffix`'s language: the file in `dir` when there is one, else generated. */
export function sampleOf(dir: string, operationId: keyof typeof SURFACE, suffix: SampleSuffix): Sample {
  const file = join(dir, `${operationId}${suffix}`);
  if (existsSync(file)) return { source: readFileSync(file, 'utf8').trimEnd(), handWritten: true };
  return { source: generated(SURFACE[operationId], suffix), handWritten: false };
}

/** The files of `dir` that are no sample of an operation of the spec (a renamed or removed operation's). */
export function straySamples(dir: string): string[] {
  const expected = new Set(Object.keys(SURFACE).flatMap((id) => SAMPLE_KINDS.map((kind) => `${id}${kind.suffix}`)));
  return readdirSync(dir).filter((file) => file !== 'README.md' && !expected.has(file));
}

/** The example value of each path parameter (its schema's example). */
function pathExample(operation: Operation): { path: string; args: string[] } {
  const args: string[] = [];
  let path: string = operation.path;
  for (const param of operation.pathParams) {
    const rule = param.rule as { $ref?: string; example?: unknown };
    const schema = rule.$ref ? (SCHEMA_RULES as Record<string, { example?: unknown }>)[rule.$ref] : rule;
    const value = typeof schema?.example === 'string' ? schema.example : param.name;
    args.push(value);
    path = path.replace(`{${param.name}}`, encodeURIComponent(value));
  }
  return { path, args };
}

function generated(operation: Operation, suffix: SampleSuffix): string {
  const { path, args } = pathExample(operation);
  const body = operation.body ? OPERATION_DOCS[operation.operationId].requestExample : undefined;
  if (suffix === '.curl.sh') {
    return [
      `curl -sS --fail-with-body${operation.method === 'GET' ? '' : ` -X ${operation.method}`} "\${ATAI_BASE_URL:-https://api.u1.archetypeai.app/v0.5}${path}" \\`,
      `  -H "Authorization: Bearer $ATAI_API_KEY"${body === undefined ? '' : ' \\'}`,
      ...(body === undefined ? [] : ['  -H "Content-Type: application/json" \\', `  -d '${JSON.stringify(body)}'`]),
    ].join('\n');
  }
  if (suffix === '.ts') {
    const callArgs = [...args.map((arg) => JSON.stringify(arg)), ...(body === undefined ? [] : [JSON.stringify(body)])].join(', ');
    return [
      "import { createClient } from 'atai-finetune';",
      '',
      'const client = createClient();',
      `const answer = await client.${operation.resource}.${operation.name}(${callArgs});`,
      'console.log(JSON.stringify(answer));',
    ].join('\n');
  }
  return `atai-ft ${operation.resource} ${operation.name} ${args.join(' ')} --json`.replace(/ +--json$/, ' --json');
}
