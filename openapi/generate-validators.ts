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

// Keywords whose value maps names to schemas: there a key is a property's (or definition's) name, which may well be
// `description` or `title`, and is kept.
const NAME_MAPS = new Set(['properties', 'patternProperties', '$defs', 'dependentSchemas']);

/**
 * The schema as Ajv takes it: annotations dropped where they are keywords, `#/components/schemas/X` refs pointing
 * into the `spec` schema. `names`: `value` maps names to schemas.
 */
function forAjv(value: Json, names = false): Json {
  if (Array.isArray(value)) return value.map((item) => forAjv(item));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, Json> = {};
  for (const [key, item] of Object.entries(value)) {
    if (names) {
      out[key] = forAjv(item);
      continue;
    }
    if (ANNOTATIONS.has(key) || key.startsWith('x-')) continue;
    out[key] = key === '$ref' && typeof item === 'string' ? item.replace('#/components/schemas/', 'spec#/$defs/') : forAjv(item, NAME_MAPS.has(key));
  }
  return out;
}

// RFC 3339 `date-time` (what JSON Schema's format means), by its grammar: a full date, `T`, a time with optional
// fraction, and a zone. The calendar is not checked (February 30th passes). A regular expression, so Ajv writes it
// into the code instead of importing a format library.
const DATE_TIME = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])[Tt](?:[01]\d|2[0-3]):[0-5]\d:(?:[0-5]\d|60)(?:\.\d+)?(?:[Zz]|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

const ajv = new Ajv2020({
  strict: true,
  // `type: [string, integer]` is how OpenAPI 3.1 writes a union; strict mode would refuse it otherwise.
  allowUnionTypes: true,
  // Every problem of an answer, not just the first: a drift report should list them all.
  allErrors: true,
  // Referred schemas are written in place: a function per schema would gather its errors by concatenating arrays,
  // which takes quadratic time on a long list of bad items.
  inlineRefs: true,
  formats: { 'date-time': DATE_TIME },
  code: { source: true, esm: true, lines: true },
});
ajv.addSchema({ $id: 'spec', $defs: forAjv(spec.components.schemas, true) });

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
// Ajv counts each error it records (`errors++;`) and each batch a referred schema's function returns
// (`errors = vErrors.length;`): stop there past MAX_ERRORS, so that an answer with a million bad items costs a
// bounded time and memory. A later choice of an `anyOf` is then not tried, which for this spec's only `anyOf`
// (ErrorBody, whose choices exclude each other by key) changes no verdict.
const COUNTED = /errors\+\+;|errors = vErrors\.length;/g;
for (const form of ['errors++;', 'errors = vErrors.length;']) {
  if (!selfContained.includes(form)) throw new Error(`Ajv's standalone code no longer counts errors with \`${form}\`: update the cap in openapi/generate-validators.ts`);
}
const cappedCode = selfContained.replace(COUNTED, (counted) => `${counted}if(errors > MAX_ERRORS){throw new TooManyErrors(vErrors);}`);

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

/**
 * A compiled schema: true when \`data\` is valid, else false with the problems in \`errors\` (the first
 * {@link MAX_ERRORS} of them, \`truncated\` set when there were more).
 */
export type SchemaValidator = ((data: unknown) => boolean) & { errors?: SchemaError[] | null; truncated?: boolean };

function ucs2length(text) {
  let length = 0;
  for (const _ of text) length++;
  return length;
}

/** Most errors recorded for one answer; a validator stops there and reports \`truncated\`. */
export const MAX_ERRORS = 100;

class TooManyErrors {
  constructor(errors) {
    this.errors = errors;
  }
}

${cappedCode.replace(/^"use strict";\n?/, '')}

/** A validator that stops after MAX_ERRORS, with \`truncated\` set, instead of listing every error. */
function capped(validate) {
  const run = (data) => {
    run.truncated = false;
    try {
      const valid = validate(data);
      run.errors = validate.errors;
      return valid;
    } catch (error) {
      if (!(error instanceof TooManyErrors)) throw error;
      run.errors = error.errors.slice(0, MAX_ERRORS);
      run.truncated = true;
      return false;
    }
  };
  return run;
}

/** Per operationId and documented status: the content type and the schema of the body, or null for no body. */
export const RESPONSES: Readonly<Record<string, Readonly<Record<string, { readonly contentType: string; readonly schema: string } | null>>>> = ${JSON.stringify(responses, null, 2)};

/** The validator of each response schema named in {@link RESPONSES}. */
export const VALIDATORS: Readonly<Record<string, SchemaValidator>> = { ${names.map((name) => `${name}: capped(${name})`).join(', ')} };
`,
);
