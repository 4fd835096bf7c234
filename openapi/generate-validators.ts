// `make generate`, third part: writes generated/validators.ts, the spec's response schemas compiled by Ajv (JSON
// Schema 2020-12, the dialect of OpenAPI 3.1) into standalone code, with a table of which schema answers which
// operation and status. The output imports nothing: the package gains no runtime dependency, and only code that
// imports `atai-finetune/validation` carries it.
// Usage: tsx openapi/generate-validators.ts SPEC OUT. Fails, naming the problem, when a schema does not compile.
import { readFileSync, writeFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import standalone from 'ajv/dist/standalone/index.js';
import { parse } from 'yaml';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface Response {
  $ref?: string;
  content?: Record<string, { schema?: Json }>;
}
interface Spec {
  paths: Record<string, Record<string, { operationId: string; responses: Record<string, Response> }>>;
  components: { schemas: Record<string, Json>; responses: Record<string, Response> };
}

const [specPath, outPath] = process.argv.slice(2);
if (!specPath || !outPath) throw new Error('usage: tsx openapi/generate-validators.ts SPEC OUT');
const spec = parse(readFileSync(specPath, 'utf8')) as Spec;

// Words that say what a schema means to people, not what it allows: left out of the code, which they would only
// make larger (`example` is OpenAPI's, not JSON Schema's; `x-*` are our extensions).
const ANNOTATIONS = new Set(['description', 'example', 'examples', 'title']);

/** The schema as Ajv takes it: annotations dropped, `#/components/schemas/X` refs pointing into the `spec` schema. */
function forAjv(value: Json): Json {
  if (Array.isArray(value)) return value.map(forAjv);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, Json> = {};
  for (const [key, item] of Object.entries(value)) {
    if (ANNOTATIONS.has(key) || key.startsWith('x-')) continue;
    out[key] = key === '$ref' && typeof item === 'string' ? item.replace('#/components/schemas/', 'spec#/$defs/') : forAjv(item);
  }
  return out;
}

// RFC 3339 `date-time` (what JSON Schema's format means): a full date, `T`, a time with optional fraction, and a
// zone. A regular expression, so Ajv writes it into the code instead of importing a format library.
const DATE_TIME = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])[Tt](?:[01]\d|2[0-3]):[0-5]\d:(?:[0-5]\d|60)(?:\.\d+)?(?:[Zz]|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

const ajv = new Ajv2020({
  strict: true,
  // `type: [string, integer]` is how OpenAPI 3.1 writes a union; strict mode would refuse it otherwise.
  allowUnionTypes: true,
  // Every problem of an answer, not just the first: a drift report should list them all.
  allErrors: true,
  // Each schema once as a function that the others call, instead of copied into every place that refers to it.
  inlineRefs: false,
  formats: { 'date-time': DATE_TIME },
  code: { source: true, esm: true, lines: true },
});
ajv.addSchema({ $id: 'spec', $defs: forAjv(spec.components.schemas) });

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
/** Per operation and status: the content type and the schema's name (one validator per distinct schema). */
const responses: Record<string, Record<string, { contentType: string; schema: string } | null>> = {};
const exportsByShape = new Map<string, string>();
for (const [path, item] of Object.entries(spec.paths)) {
  for (const [method, op] of Object.entries(item)) {
    if (!METHODS.includes(method)) continue;
    const table: (typeof responses)[string] = (responses[op.operationId] = {});
    for (const [status, declared] of Object.entries(op.responses)) {
      const response = declared.$ref ? spec.components.responses[declared.$ref.split('/').pop() as string] : declared;
      if (!response) throw new Error(`${specPath}: ${op.operationId} ${status} refers to ${declared.$ref}, which is not there`);
      const content = Object.entries(response.content ?? {});
      if (content.length > 1) throw new Error(`${specPath}: ${method.toUpperCase()} ${path} ${status} has several content types; the validators know one`);
      const [contentType, media] = content[0] ?? [];
      if (!contentType || media?.schema === undefined) {
        table[status] = null;
        continue;
      }
      const shape = JSON.stringify(media.schema);
      let name = exportsByShape.get(shape);
      if (!name) {
        const ref = (media.schema as { $ref?: string }).$ref;
        name = ref ? ref.slice(ref.lastIndexOf('/') + 1) : `${op.operationId}${status}`;
        ajv.addSchema({ $id: name, ...(forAjv(media.schema) as Record<string, Json>) });
        exportsByShape.set(shape, name);
      }
      table[status] = { contentType, schema: name };
    }
  }
}

const names = [...exportsByShape.values()];
const code = standalone.default(ajv, Object.fromEntries(names.map((name) => [name, name])));
// Ajv counts string lengths in code points through a helper it would import; the same helper, written here.
const UCS2 = 'require("ajv/dist/runtime/ucs2length").default';
const selfContained = code.split(UCS2).join('ucs2length');
if (/\brequire\(|^import /m.test(selfContained)) throw new Error('Ajv\'s standalone code imports something; generated/validators.ts must import nothing');

writeFileSync(
  outPath,
  `// Generated by openapi/generate-validators.ts from ${specPath} (Ajv 2020, standalone). Do not edit by hand: run 'make generate'.
// @ts-nocheck -- Ajv writes plain JavaScript; the typed tables at the end are what the package imports.

/** One thing an answer breaks, as Ajv reports it. */
export interface SchemaError {
  /** JSON pointer into the body, '' for the body itself. */
  instancePath: string;
  /** Where in the schema the rule is, e.g. \`spec#/$defs/Job/required\`. */
  schemaPath: string;
  /** The JSON Schema keyword that failed, e.g. \`required\`, \`enum\`, \`type\`. */
  keyword: string;
  /** The keyword's details, e.g. \`{ missingProperty: 'id' }\` or \`{ allowedValues: [...] }\`. */
  params: Record<string, unknown>;
  message?: string;
}

/** A compiled schema: true when \`data\` is valid, else false with the problems in \`errors\`. */
export type SchemaValidator = ((data: unknown) => boolean) & { errors?: SchemaError[] | null };

function ucs2length(text) {
  let length = 0;
  for (const _ of text) length++;
  return length;
}

${selfContained.replace(/^"use strict";\n?/, '')}

/** Per operationId and documented status: the content type and the schema of the body, or null for no body. */
export const RESPONSES: Readonly<Record<string, Readonly<Record<string, { readonly contentType: string; readonly schema: string } | null>>>> = ${JSON.stringify(responses, null, 2)};

/** The validator of each response schema named in {@link RESPONSES}. */
export const VALIDATORS: Readonly<Record<string, SchemaValidator>> = { ${names.join(', ')} };
`,
);
