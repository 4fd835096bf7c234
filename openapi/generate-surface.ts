// `make generate`, the SDK surface. From the spec it writes:
// - generated/surface.ts: each operation's SDK name, parameters and request rules (its schemas reduced to what
//   src/operations/request-rules.ts checks), as values the client and the mock run on;
// - generated/operation-docs.ts: each operation's summary, description and first examples, for the mock, the CLI
//   help and the docs, so that the client's bundle carries none of them;
// - generated/methods.ts: the typed facade methods, one per operation, with TSDoc from the spec (their types are
//   generated/schemas.ts's, written by generate-schemas.ts);
// - generated/cli-flags.ts: the CLI's flags for the query parameters.
// The spec names each operation once, with `x-sdk-method: <resource>.<method>` (e.g. `jobs.list`), and a query
// parameter's CLI flag with `x-cli-flag` when it is not the parameter's name.
// Usage: tsx openapi/generate-surface.ts SPEC SURFACE_OUT METHODS_OUT (the other two are written beside them).
// Fails, naming the problem, when the spec lacks what the surface needs.
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';
import { paramsTypeName } from './type-names.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Schema = { [key: string]: Json | undefined } & { $ref?: string; description?: string };
interface Parameter {
  $ref?: string;
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: Schema;
  example?: Json;
  'x-cli-flag'?: string;
}
interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  'x-sdk-method'?: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema; example?: Json; examples?: Record<string, { value?: Json }> }> };
  responses?: Record<string, { $ref?: string; content?: Record<string, { schema?: Schema; example?: Json; examples?: Record<string, { $ref?: string; value?: Json }> }> }>;
}
interface Spec {
  paths: Record<string, Record<string, Operation | Parameter[]> & { parameters?: Parameter[] }>;
  components: { schemas: Record<string, Schema>; parameters: Record<string, Parameter>; examples?: Record<string, { value?: Json }> };
}

const [specPath, surfaceOut, methodsOut] = process.argv.slice(2);
if (!specPath || !surfaceOut || !methodsOut) throw new Error('usage: tsx openapi/generate-surface.ts SPEC SURFACE_OUT METHODS_OUT');
const spec = parse(readFileSync(specPath, 'utf8')) as Spec;
const fail = (message: string): never => {
  throw new Error(`${specPath}: ${message}`);
};

/** The keywords of a schema the request rules carry (src/operations/request-rules.ts reads them); the rest is documentation. */
const RULE_KEYWORDS = ['type', 'enum', 'minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'maxItems', 'required', 'description', 'example'];

/** What a request schema may hold besides the rule keywords: annotations, which check nothing. */
const ANNOTATIONS = ['examples', 'default', 'format', 'title', 'deprecated', 'readOnly', 'writeOnly', 'properties', 'items', 'not', '$ref'];

/**
 * A schema reduced to its rule keywords, `$ref` kept as the referenced schema's name. A validation keyword the rules
 * do not carry fails generation, naming it: the client and the mock would otherwise accept what the spec refuses.
 */
function rule(schema: Schema, where: string): Json {
  const unsupported = Object.keys(schema).filter(
    (key) => !RULE_KEYWORDS.includes(key) && !ANNOTATIONS.includes(key) && !key.startsWith('x-') && !(key === 'additionalProperties' && schema[key] === true),
  );
  const not = schema.not as Schema | undefined;
  if (not && Object.keys(not).some((key) => key !== 'enum' && key !== 'description')) unsupported.push('not (other than not.enum)');
  if (unsupported.length > 0) {
    fail(`${where} uses ${unsupported.join(', ')}, which the request rules (src/operations/request-rules.ts) do not check yet: teach ruleProblem and RULE_KEYWORDS in openapi/generate-surface.ts, or the client and the mock would accept what the spec refuses`);
  }
  if (schema.$ref) return { $ref: schema.$ref.replace('#/components/schemas/', '') };
  const out: Record<string, Json> = {};
  for (const key of RULE_KEYWORDS) if (schema[key] !== undefined) out[key] = schema[key];
  if (not?.enum) out.notEnum = not.enum;
  if (not?.enum && typeof not.description === 'string') out.notReason = firstSentence(not.description);
  if (schema.items) out.items = rule(schema.items as Schema, `${where}.items`);
  if (schema.properties) {
    out.properties = Object.fromEntries(Object.entries(schema.properties as Record<string, Schema>).map(([key, value]) => [key, rule(value, `${where}.${key}`)]));
  }
  if (typeof out.description === 'string') out.description = firstSentence(out.description);
  if (schema.examples && out.example === undefined) out.example = (schema.examples as Json[])[0] ?? null;
  return out;
}

function firstSentence(text: string): string {
  // A sentence ends at a full stop before a capital, so that "e.g. `file-abc123`" stays inside it.
  return (text.trim().split(/(?<=\.)\s+(?=[A-Z])/)[0] ?? '').replace(/\s+/g, ' ').replace(/\.$/, '');
}

const deref = (param: Parameter): Parameter =>
  param.$ref ? (spec.components.parameters[param.$ref.replace('#/components/parameters/', '')] ?? fail(`${param.$ref} is not defined`)) : param;
const exampleValue = (example: { $ref?: string; value?: Json } | undefined): Json | undefined =>
  example?.$ref ? spec.components.examples?.[example.$ref.replace('#/components/examples/', '')]?.value : example?.value;
/** Rules of the spec's shared parameters (components/parameters), by `parameters/<name>`, kept once. */
const paramRules: Record<string, Json> = {};
/**
 * A query parameter's rule: its schema's, with the parameter's own description and example, which tell what its
 * value means where its schema does not. A shared parameter's is kept once and referred to.
 */
function paramRule(raw: Parameter): Json {
  const p = deref(raw);
  const own: Json = { description: firstSentence(p.description ?? ''), ...(p.example === undefined ? {} : { example: p.example }), ...(rule(p.schema ?? {}, p.name) as Record<string, Json>) };
  if (!raw.$ref) return own;
  const key = raw.$ref.replace('#/components/', '');
  paramRules[key] = own;
  return { $ref: key };
}
const camel = (name: string) => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const referenced = new Set<string>();
const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
  Object.entries(item)
    .filter(([method]) => METHODS.includes(method))
    .map(([method, raw]) => {
      const op = raw as Operation;
      const where = `${method.toUpperCase()} ${path}`;
      const operationId = op.operationId ?? fail(`${where} has no operationId`);
      const sdk = op['x-sdk-method'] ?? fail(`${operationId} has no x-sdk-method: name its facade method, e.g. 'x-sdk-method: jobs.checkpoints'`);
      const [resource, name, ...rest] = sdk.split('.');
      if (!resource || !name || rest.length > 0 || !/^[a-z][A-Za-z]*$/.test(resource) || !/^[a-z][A-Za-z]*$/.test(name)) {
        fail(`${operationId}'s x-sdk-method '${sdk}' is not <resource>.<method> in camelCase, e.g. jobs.checkpoints`);
      }
      const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map(deref);
      const pathParams = params
        .filter((p) => p.in === 'path')
        .map((p) => {
          if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(p.name)) fail(`${operationId}'s path parameter {${p.name}} is not a name the generated method can take (letters, digits and _): rename it`);
          return { name: p.name, arg: camel(p.name), rule: rule(p.schema ?? {}, p.name) };
        });
      const query = [...(item.parameters ?? []), ...(op.parameters ?? [])]
        .filter((raw) => deref(raw).in === 'query')
        .map((raw) => {
          const p = deref(raw);
          return {
            name: p.name,
            flag: p['x-cli-flag'] ?? p.name.replace(/_/g, '-'),
            required: p.required === true,
            description: firstSentence(p.description ?? ''),
            rule: paramRule(raw),
          };
        });
      const json = op.requestBody?.content?.['application/json'];
      const body = json?.schema ? { required: op.requestBody?.required === true, rule: rule(json.schema, 'body') } : null;
      const success = Object.entries(op.responses ?? fail(`${operationId} has no responses`)).find(([status]) => /^2\d\d$/.test(status));
      const content = success?.[1].content?.['application/json'];
      const schema = content?.schema;
      const resolved = schema?.$ref ? spec.components.schemas[schema.$ref.replace('#/components/schemas/', '')] : schema;
      const type = typeof resolved?.type === 'string' ? resolved.type : null;
      const response = schema?.$ref
        ? { schema: schema.$ref.replace('#/components/schemas/', ''), array: false }
        : schema?.type === 'array' && (schema.items as Schema | undefined)?.$ref
          ? { schema: ((schema.items as Schema).$ref ?? '').replace('#/components/schemas/', ''), array: true }
          : { schema: null, array: schema?.type === 'array' };
      if (response.schema) referenced.add(response.schema);
      if (json?.schema?.$ref) referenced.add(json.schema.$ref.replace('#/components/schemas/', ''));
      return {
        operationId,
        resource: resource ?? '',
        name: name ?? '',
        method: method.toUpperCase(),
        path,
        summary: op.summary ?? operationId,
        description: (op.description ?? '').trim(),
        pathParams,
        query,
        body,
        // json: false when the success answer has no JSON body (a 204): the method then resolves to nothing.
        response: { status: Number(success?.[0] ?? 200), json: content !== undefined, type, ...response },
        // A media type's `example`, or the first of its `examples` (OpenAPI allows either).
        example: content?.example ?? exampleValue(Object.values(content?.examples ?? {})[0]) ?? null,
        requestExample: json?.example ?? (json?.examples ? (Object.values(json.examples)[0]?.value ?? null) : null),
      };
    }),
);
const seen = new Map<string, string>();
for (const op of operations) {
  const key = `${op.resource}.${op.name}`;
  if (seen.has(key)) fail(`${op.operationId} and ${seen.get(key)} both name themselves ${key} (x-sdk-method)`);
  seen.set(key, op.operationId);
}

// Every schema a rule can reach by $ref, as rules.
const schemaRules: Record<string, Json> = { ...paramRules };
const collect = (value: Json | undefined): void => {
  if (Array.isArray(value)) value.forEach(collect);
  else if (value && typeof value === 'object') {
    const ref = value.$ref;
    if (typeof ref === 'string' && !(ref in schemaRules)) {
      schemaRules[ref] = rule(spec.components.schemas[ref] ?? fail(`#/components/schemas/${ref} is not defined`), ref);
      collect(schemaRules[ref]);
    }
    Object.values(value).forEach(collect);
  }
};
collect(operations.map((op) => [op.pathParams.map((p) => p.rule), op.query.map((q) => q.rule), op.body?.rule ?? null]));
collect(Object.values(paramRules));
/** A rule with its \`$ref\` followed. */
const resolved = (value: Json): Json => {
  const ref = value && typeof value === 'object' && !Array.isArray(value) ? value.$ref : undefined;
  return typeof ref === 'string' ? resolved(schemaRules[ref] ?? null) : value;
};

const banner = `// Generated by openapi/generate-surface.ts from ${specPath}. Do not edit by hand: run 'make generate'.`;
writeFileSync(
  surfaceOut,
  `${banner}
// Each operation as the SDK sees it: its name (x-sdk-method), parameters, the rules of its requests (the spec's
// schemas, reduced to what src/operations/request-rules.ts checks) and its answer's schema.

/** The rules of the spec's schemas that requests reach, by schema name, and of its shared parameters (\`parameters/<name>\`). */
export const SCHEMA_RULES = ${JSON.stringify(schemaRules, null, 2)} as const;

/** Every operation of the spec as the SDK and CLI expose it, by operationId. */
export const SURFACE = {
${operations.map(({ operationId, resource, name, method, path, pathParams, query, body, response }) => `  ${operationId}: ${JSON.stringify({ operationId, resource, name, method, path, pathParams, query: query.map((q) => ({ name: q.name, required: q.required, rule: q.rule })), body, response })},`).join('\n')}
} as const;
`,
);
// What people read rather than code runs on, kept apart so that the client's bundle carries none of it: the mock's
// default answers, the CLI's help, the docs' generated samples.
writeFileSync(
  surfaceOut.replace(/[^/]+$/, 'operation-docs.ts'),
  `${banner}
// Each operation's summary, description and first examples (request and answer), for the mock, the CLI help and the
// docs' generated samples. The client never imports this file.

/** Each operation's summary, description, first request example and first answer example, by operationId. */
export const OPERATION_DOCS = {
${operations.map(({ operationId, summary, description, example, requestExample }) => `  ${operationId}: ${JSON.stringify({ summary, description, example, requestExample })},`).join('\n')}
} as const;
`,
);

// The facade methods: one interface per resource, and a factory that hands each call to the runtime's `operate`.
const resources = [...new Set(operations.map((op) => op.resource))];
const pathOf = (op: (typeof operations)[number]) => `paths[${JSON.stringify(op.path)}][${JSON.stringify(op.method.toLowerCase())}]`;
const paramsType = (op: (typeof operations)[number]) => paramsTypeName(op.operationId);
const responseType = (op: (typeof operations)[number]) =>
  !op.response.json
    ? 'void'
    : op.response.schema
      ? `${op.response.schema}${op.response.array ? '[]' : ''}`
      : `${pathOf(op)}['responses'][${op.response.status}]['content']['application/json']`;
/** The body's type: its schema's name when it has one (readable in tooltips), else taken from \`paths\`. */
const bodyType = (op: (typeof operations)[number]) => {
  const ref = (op.body?.rule as { $ref?: string } | undefined)?.$ref;
  return ref ?? `${pathOf(op)}['requestBody'] extends { content: { 'application/json': infer B } } | undefined ? B : never`;
};
const hasParams = (op: (typeof operations)[number]) => op.query.length > 0 || op.body !== null;
const paramsRequired = (op: (typeof operations)[number]) => op.query.some((q) => q.required) || op.body?.required === true;
const doc = (op: (typeof operations)[number]) => {
  const lines = [
    `${op.summary} (\`${op.method} ${op.path}\`).`,
    '',
    ...op.description.split('\n'),
    '',
    ...op.pathParams.map((p) => `@param ${p.arg} - ${describedBy(p.rule) ?? p.name}.`),
    ...(hasParams(op) ? [`@param params - ${op.body ? 'The request body' : 'The query parameters'}, typed from the spec.`] : []),
    '@param options - Per-call options: signal, timeoutMs, maxRetries, headers, onRetry.',
    '@throws {ValidationError} when a parameter breaks the spec\'s rules, before anything is sent.',
    '@throws {ApiError} (the subclass for the status) for an error answer; {@link ConnectionError} when no answer came.',
  ];
  return `  /**\n${lines.map((line) => `   *${line ? ` ${line}` : ''}`).join('\n')}\n   */`;
};
/** The description of a rule, or of the schema it refers to. */
function describedBy(value: Json): string | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  if (typeof value.description === 'string') return value.description;
  return typeof value.$ref === 'string' ? describedBy(schemaRules[value.$ref] ?? null) : undefined;
}
const typeImports = [...referenced, ...operations.filter((op) => op.query.length > 0).map(paramsType)].sort();
const methodsText = `${banner}
// The facade's methods, one per operation: path parameters positional, query and body as one typed params object,
// each handed with its operation's surface (generated/surface.ts) to \`operate\`, the runtime (src/operations/operate.ts).
import type { Operate } from '../src/operations/operate.js';
import type { RequestOptions } from '../src/http/request-options.js';
PATHS_IMPORTimport type { ${typeImports.join(', ')} } from './schemas.js';
import { SURFACE } from './surface.js';

// A query's params are its interface in schemas.ts, written from openapi-typescript's types with their TSDoc.
export type { ${operations.filter((op) => op.query.length > 0).map(paramsType).join(', ')} } from './schemas.js';

${operations
  .filter((op) => op.body)
  .map((op) => `/** The params of {@link ${pascal(op.resource)}Methods.${op.name}}: its request body. */\nexport type ${paramsType(op)} = ${bodyType(op)};`)
  .join('\n')}

${resources
  .map(
    (resource) => `/** The generated methods of \`client.${resource}\`, one per operation of the spec. */
export interface ${pascal(resource)}Methods {
${operations
  .filter((op) => op.resource === resource)
  .map(
    (op) =>
      `${doc(op)}\n  ${op.name}(${[...op.pathParams.map((p) => `${p.arg}: string`), ...(hasParams(op) ? [`params${paramsRequired(op) ? '' : '?'}: ${paramsType(op)}`] : []), 'options?: RequestOptions'].join(', ')}): Promise<${responseType(op)}>;`,
  )
  .join('\n')}
}

/** Makes the generated methods of \`client.${resource}\`, each sending through \`operate\`. Never throws. */
export function ${resource}Methods(operate: Operate): ${pascal(resource)}Methods {
  return {
${operations
  .filter((op) => op.resource === resource)
  .map((op) => {
    const args = [...op.pathParams.map((p) => p.arg), ...(hasParams(op) ? ['params'] : []), 'options'];
    const path = `{ ${op.pathParams.map((p) => `${p.name}: ${p.arg}`).join(', ')} }`;
    return `    ${op.name}: (${args.join(', ')}) => operate<${responseType(op)}>(SURFACE.${op.operationId}, ${op.pathParams.length > 0 ? path : '{}'}, ${hasParams(op) ? 'params' : 'undefined'}, options),`;
  })
  .join('\n')}
  };
}`,
  )
  .join('\n\n')}
`;
// `paths` only when a type is taken from it (a body or an answer with no schema of its own).
writeFileSync(methodsOut, methodsText.replace('PATHS_IMPORT', methodsText.includes('paths[') ? "import type { paths } from './fine-tune.js';\n" : ''));

// The CLI's flags for the query parameters: one per flag name, shared by the operations that take it.
const flags = new Map<string, { name: string; rule: Json; description: string; commands: string[] }>();
for (const op of operations) {
  for (const q of op.query) {
    const flag = flags.get(q.flag) ?? { name: q.name, rule: resolved(q.rule), description: q.description, commands: [] as string[] };
    if (flag.name !== q.name) fail(`the CLI flag --${q.flag} stands for both ${flag.name} and ${q.name}: give one of them its own x-cli-flag`);
    flag.commands.push(op.name);
    flags.set(q.flag, flag);
  }
}
const valueName = (flag: string, value: Json) => {
  const item = value && typeof value === 'object' && !Array.isArray(value) ? (value.items ?? value) : value;
  return item && typeof item === 'object' && !Array.isArray(item) && item.type === 'integer' ? 'N' : flag.toUpperCase().replace(/-/g, '_');
};
const isArray = (value: Json) => Boolean(value && typeof value === 'object' && !Array.isArray(value) && value.type === 'array');
writeFileSync(
  surfaceOut.replace(/[^/]+$/, 'cli-flags.ts'),
  `${banner}
// atai-ft's flags for the spec's query parameters (x-cli-flag names one when it is not the parameter's name), in the
// shape of node:util parseArgs options, with the value's name and the help line.

/** Each query parameter's flag: the parameter it sets, how parseArgs reads it, its value's name and its help. */
export const QUERY_FLAGS = {
${[...flags]
  .map(
    ([flag, { name, rule: r, description, commands }]) =>
      `  ${JSON.stringify(flag)}: { param: ${JSON.stringify(name)}, type: 'string', ${isArray(r) ? 'multiple: true, ' : ''}value: ${JSON.stringify(valueName(flag, r))}, help: ${JSON.stringify(`${description.charAt(0).toLowerCase()}${description.slice(1)}${isArray(r) ? '; repeat or comma-separate for several' : ''} (${commands.join(', ')})`)} },`,
  )
  .join('\n')}
} as const;
`,
);
