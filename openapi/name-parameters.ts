// `make breaking`, after redocly diff: redocly names a parameter by its place (`parameters/3`); this adds its name
// and where it goes (`parameters/3 (query order)`), read from the spec the change is in (the base for a removal).
// Usage: redocly diff ... | tsx openapi/name-parameters.ts BASE REVISION. Lines it cannot place pass unchanged.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

interface Parameter {
  $ref?: string;
  name?: string;
  in?: string;
}
interface Spec {
  paths?: Record<string, Record<string, { parameters?: Parameter[] } | Parameter[]>>;
  components?: { parameters?: Record<string, Parameter> };
}

const [basePath, revisionPath] = process.argv.slice(2);
if (!basePath || !revisionPath) throw new Error('usage: tsx openapi/name-parameters.ts BASE REVISION < diff-output');
const specs = { base: parse(readFileSync(basePath, 'utf8')) as Spec, revision: parse(readFileSync(revisionPath, 'utf8')) as Spec };

/** `query order` for the index'th parameter of `method path` in `spec`, or undefined when there is none. */
function nameOf(spec: Spec, method: string, path: string, index: number): string | undefined {
  const item = spec.paths?.[path]?.[method.toLowerCase()];
  const raw = Array.isArray(item) ? undefined : item?.parameters?.[index];
  const param = raw?.$ref ? spec.components?.parameters?.[raw.$ref.replace('#/components/parameters/', '')] : raw;
  return param?.name ? `${param.in ?? 'parameter'} ${param.name}` : undefined;
}

let operation: [string, string] | undefined;
for (const line of readFileSync(0, 'utf8').split('\n')) {
  const header = /^([A-Z]+) (\/\S*)$/.exec(line);
  if (header) operation = [header[1] ?? '', header[2] ?? ''];
  else if (!/^\s/.test(line)) operation = undefined;
  const change = /\b(added|removed|changed)?\s+parameters\/(\d+)\b/.exec(line);
  const name = change && operation ? nameOf(change[1] === 'removed' ? specs.base : specs.revision, operation[0], operation[1], Number(change[2])) : undefined;
  process.stdout.write(`${name ? line.replace(/parameters\/\d+/, (at) => `${at} (${name})`) : line}\n`);
}
