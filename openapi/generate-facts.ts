// `make generate`, second half: writes generated/facts.ts, the facts of the spec that code and tests need as
// values (openapi-typescript writes the types): every operation with its method, path and documented statuses, the
// terminal statuses (the `x-terminal` extension of JobStatus), the job-id length limits and the ids it excludes, the
// error codes its examples show, and the page defaults.
// Usage: tsx openapi/generate-facts.ts SPEC OUT. Fails, naming the problem, when the spec lacks one of them.
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';

interface Schema {
  enum?: string[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  default?: number;
  'x-terminal'?: string[];
  not?: Schema;
  $ref?: string;
  type?: string;
  required?: string[];
  properties?: Record<string, Schema>;
  items?: Schema;
}
interface Spec {
  info: { version?: string };
  paths: Record<string, Record<string, { operationId?: string; responses?: Record<string, unknown> }>>;
  components: { schemas: Record<string, Schema>; parameters: Record<string, { schema?: Schema }>; responses?: Record<string, Response> };
}
interface Response {
  content?: Record<string, { example?: unknown; examples?: Record<string, { value?: unknown }> }>;
}

const [specPath, outPath] = process.argv.slice(2);
if (!specPath || !outPath) throw new Error('usage: tsx openapi/generate-facts.ts SPEC OUT');
const spec = parse(readFileSync(specPath, 'utf8')) as Spec;

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${specPath}: ${what} is missing; generated/facts.ts needs it.`);
  return value;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
  Object.entries(item)
    .filter(([method]) => METHODS.includes(method))
    .map(([method, op]) => ({
      operationId: need(op.operationId, `operationId of ${method.toUpperCase()} ${path}`),
      method: method.toUpperCase(),
      path,
      statuses: Object.keys(need(op.responses, `responses of ${method.toUpperCase()} ${path}`)),
    })),
);

const jobStatus = need(spec.components.schemas.JobStatus, 'components.schemas.JobStatus');
const statuses = need(jobStatus.enum, 'JobStatus.enum');
const terminal = need(jobStatus['x-terminal'], 'JobStatus.x-terminal (the statuses a job never leaves)');
if (!Array.isArray(terminal) || terminal.length === 0) throw new Error(`${specPath}: JobStatus.x-terminal must be a non-empty list of statuses.`);
const unknown = terminal.filter((s) => !statuses.includes(s));
if (unknown.length > 0) throw new Error(`${specPath}: JobStatus.x-terminal names ${unknown.join(', ')}, which JobStatus.enum does not list.`);
const jobId = need(spec.components.schemas.JobId, 'components.schemas.JobId');
// The ids JobId excludes by name (`not: { enum: [...] }`): '.' and '..', which no URL path can carry.
const excludedIds = need(jobId.not?.enum, 'JobId.not.enum (the ids no URL can carry)');
if (!Array.isArray(excludedIds) || excludedIds.some((id) => typeof id !== 'string')) throw new Error(`${specPath}: JobId.not.enum must be a list of strings.`);
// What a job record is sure to echo of the config a create sent: the fields Job.config's schema requires, down
// through arrays and references. A retried create that meets its own job compares these and only these.
type Shape = true | Shape[] | { [key: string]: Shape };
function requiredShape(schema: Schema, depth = 0): Shape {
  if (depth > 16) throw new Error(`${specPath}: Job.config's schema nests too deep (a cycle of references?).`);
  const resolved = schema.$ref ? need(spec.components.schemas[schema.$ref.replace('#/components/schemas/', '')], schema.$ref) : schema;
  if (resolved.type === 'array' && resolved.items) return [requiredShape(resolved.items, depth + 1)];
  if (resolved.type === 'object' && resolved.required) {
    return Object.fromEntries(resolved.required.map((key) => [key, requiredShape(need(resolved.properties?.[key], `the schema of required ${key}`), depth + 1)]));
  }
  return true;
}
const jobSchema = need(spec.components.schemas.Job, 'components.schemas.Job');
const echoedConfig = requiredShape(need(jobSchema.properties?.config, 'Job.properties.config'));
const limit = need(spec.components.parameters.Limit?.schema, 'components.parameters.Limit.schema');
const offset = need(spec.components.parameters.Offset?.schema, 'components.parameters.Offset.schema');

/**
 * The error codes the spec's error answers show in their examples: each `errors[].code` of the current envelope and
 * the older envelope's `error.code`, sorted. Fails when there is none, which would type every code as any string.
 */
function errorCodes(): string[] {
  const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
  const answers = [
    ...Object.values(spec.components.responses ?? {}),
    ...Object.values(spec.paths).flatMap((item) => Object.values(item).flatMap((operation) => Object.entries(operation.responses ?? {}).filter(([status]) => /^[45]/.test(status)).map(([, answer]) => answer as Response))),
  ];
  const bodies = answers.flatMap((answer) => Object.values(answer.content ?? {}).flatMap((media) => [media.example, ...Object.values(media.examples ?? {}).map((example) => example.value)]));
  const codes = new Set<string>();
  for (const body of bodies) {
    if (typeof body !== 'object' || body === null) continue;
    const { errors, error } = body as { errors?: unknown; error?: unknown };
    if (Array.isArray(errors)) for (const entry of errors as unknown[]) if (isRecord(entry) && typeof entry.code === 'string') codes.add(entry.code);
    if (isRecord(error) && typeof error.code === 'string') codes.add(error.code);
  }
  return need(codes.size > 0 ? [...codes].sort() : undefined, 'an error code in the examples of error answers');
}

// One line per item, so that a change to the spec is a one-line diff here.
const json = (value: unknown[]) => `[\n${value.map((item) => `  ${JSON.stringify(item)},`).join('\n')}\n]`;
writeFileSync(
  outPath,
  `// Generated by openapi/generate-facts.ts from ${specPath}. Do not edit by hand: run 'make generate'.

/** The spec's own version (\`info.version\`), which reports and help name. */
export const SPEC_VERSION = ${JSON.stringify(need(spec.info.version, 'info.version'))};

/** Every operation of the spec: its operationId, method, path and the response statuses it documents. */
export const OPERATIONS = ${json(operations)} as const;

/** The operationId of one operation of the spec. */
export type OperationId = (typeof OPERATIONS)[number]['operationId'];

/** A method the spec's operations use, written out so that documentation shows the methods themselves. */
export type ApiMethod = ${[...new Set(operations.map((o) => o.method))].sort().map((m) => JSON.stringify(m)).join(' | ')};

/** The statuses a job never leaves (JobStatus's \`x-terminal\`), in the spec's order. */
export const TERMINAL_JOB_STATUSES = ${json(terminal)} as const;

/** Fewest characters (code points) in a job id (JobId's \`minLength\`). */
export const JOB_ID_MIN_LENGTH = ${need(jobId.minLength, 'JobId.minLength')};
/** Most characters (code points) in a job id (JobId's \`maxLength\`). */
export const JOB_ID_MAX_LENGTH = ${need(jobId.maxLength, 'JobId.maxLength')};

/** Ids that are never job ids (JobId's \`not.enum\`): a URL path cannot carry them, its parser collapses them. */
export const EXCLUDED_JOB_IDS = ${json(excludedIds)} as const;

/**
 * What a job record is sure to echo of a create's config: the fields Job.config's schema requires, an array's
 * items as a one-element list, \`true\` for a value compared as a whole.
 */
export const ECHOED_CONFIG = ${JSON.stringify(echoedConfig)} as const;

/**
 * The error codes the spec documents, from the examples of its error answers (the current envelope's
 * \`errors[].code\`, the older one's \`error.code\`), sorted. The service may send others.
 */
export const ERROR_CODES = ${json(errorCodes())} as const;

/** \`limit\` when none is sent (-1: all), and the smallest allowed. */
export const LIMIT = { default: ${need(limit.default, 'Limit default')}, minimum: ${need(limit.minimum, 'Limit minimum')} } as const;
/** \`offset\` when none is sent, and the smallest allowed. */
export const OFFSET = { default: ${need(offset.default, 'Offset default')}, minimum: ${need(offset.minimum, 'Offset minimum')} } as const;
`,
);
