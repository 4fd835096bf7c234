// The named types (generated/schemas.ts) as users meet them: equal to what openapi-typescript says each schema is,
// shown by name in an editor's hover with each field's description from the spec, and a generator that fails,
// naming the construct, on a spec it cannot write.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
type Schema = { description?: string; properties?: Record<string, Schema>; $ref?: string; [key: string]: unknown };
type Spec = {
  paths: Record<string, Record<string, { operationId?: string; parameters?: { $ref?: string; in?: string }[] }>>;
  components: { schemas: Record<string, Schema>; parameters: Record<string, { in: string }> };
};
const spec = () => parse(readFileSync(join(ROOT, 'openapi/fine-tune.yaml'), 'utf8')) as Spec;
const pascal = (id: string) => `${id.charAt(0).toUpperCase()}${id.slice(1)}`;
/** The operations of the spec that take query parameters, by operationId. */
const queryOperations = Object.values(spec().paths).flatMap((item) =>
  Object.values(item).flatMap((op) =>
    op.operationId && (op.parameters ?? []).some((p) => (p.$ref ? spec().components.parameters[p.$ref.split('/').pop() ?? '']?.in : p.in) === 'query') ? [op.operationId] : [],
  ),
);

// A scratch folder inside the repository, so that a checked file resolves '../../src/index.js' and the packages.
const scratch = join(ROOT, 'build', `schema-types-${process.pid}`);
mkdirSync(scratch, { recursive: true });
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const compilerOptions: ts.CompilerOptions = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, strict: true, noEmit: true, skipLibCheck: true, types: [] };

/** tsc's errors for one file, as text; an empty list when it type-checks. */
function typeErrors(name: string, source: string): string[] {
  const file = join(scratch, name);
  writeFileSync(file, source);
  const program = ts.createProgram([file], compilerOptions);
  // Each error with the text of its line: which name's check failed.
  return ts.getPreEmitDiagnostics(program).map((d) => `${d.file && d.start !== undefined ? `${d.file.text.slice(d.file.text.lastIndexOf('\n', d.start) + 1, d.file.text.indexOf('\n', d.start))}: ` : ''}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

/**
 * A file that type-checks only when each named type of DIR/schemas.ts is the one of DIR/fine-tune.ts: identical at
 * every level (readonly and optional included) once every object, interface or intersection, is written as one
 * mapped object; each params type is
 * the query's, its lists readonly. With `exported`, also each schema as src/index.ts exports it.
 */
function sameSource(dir: string, names: string[], operations: string[], exported = true): string {
  return `import type * as Named from '${dir}/schemas.js';
import type { components, operations } from '${dir}/fine-tune.js';
${exported ? "import type * as Public from '../../src/index.js';" : ''}
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
type Deep<T> = T extends object ? { [K in keyof T]: Deep<T[K]> } : T;
type Same<A, B> = Equal<Deep<A>, Deep<B>>;
type Lists<T> = { [K in keyof T]: T[K] extends (infer U)[] | undefined ? readonly U[] | Extract<T[K], undefined> : T[K] };
${names.map((name) => `export const ${name}: Same<Named.${name}, components['schemas']['${name}']> = true;`).join('\n')}
${exported ? names.map((name) => `export const public${name}: Equal<Public.${name}, Named.${name}> = true;`).join('\n') : ''}
${operations.map((id) => `export const ${id}: Same<Named.${pascal(id)}Params, Lists<NonNullable<operations['${id}']['parameters']['query']>>> = true;`).join('\n')}
`;
}

/** Runs a Node script; resolves to its exit code and stderr. */
function run(file: string, args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [file, ...args], { cwd: ROOT }, (error, _stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stderr }));
  });
}

describe('generated/schemas.ts', () => {
  it("each of the spec's schemas, and each operation's query parameters, is the type openapi-typescript writes for it, exported by its name", () => {
    const names = Object.keys(spec().components.schemas);
    expect(names).toContain('Job');
    expect(queryOperations).toContain('listJobs');
    expect(typeErrors('same.ts', sameSource('../../generated', names, queryOperations))).toEqual([]);
    // The check itself fails on a type that differs in one nested optional field, or in one readonly.
    for (const other of ['{ error: { code: string; message: string; details?: {} } }', '{ readonly error: components["schemas"]["OlderErrorObject"]["error"] }']) {
      const broken = sameSource('../../generated', names, queryOperations).replace("Same<Named.OlderErrorObject, components['schemas']['OlderErrorObject']>", `Same<${other}, components['schemas']['OlderErrorObject']>`);
      expect(typeErrors('broken.ts', broken).join('\n')).toMatch(/Type 'true' is not assignable to type 'false'/);
    }
  });

  it('keeps what a spec may say that this one does not: readonly fields, typed additionalProperties beside fields', async () => {
    const edited = spec();
    const schemas = edited.components.schemas;
    schemas.Dataset = { ...schemas.Dataset, properties: { ...schemas.Dataset?.properties, size: { type: 'integer', readOnly: true, description: 'Bytes.' }, labels: { $ref: '#/components/schemas/Labels' } } };
    // additionalProperties of another type than the fields': one interface could not hold both.
    schemas.Labels = { type: 'object', properties: { name: { type: 'string' } }, additionalProperties: { type: 'number' } };
    const dir = join(scratch, 'edited');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'spec.yaml'), stringify(edited));
    const types = await run(join(ROOT, 'node_modules/openapi-typescript/bin/cli.js'), [join(dir, 'spec.yaml'), '-o', join(dir, 'fine-tune.ts')]);
    expect(types.code, types.stderr).toBe(0);
    const generated = await run(join(ROOT, 'node_modules/tsx/dist/cli.mjs'), [join(ROOT, 'openapi/generate-schemas.ts'), join(dir, 'fine-tune.ts'), join(dir, 'schemas.ts')]);
    expect(generated.code, generated.stderr).toBe(0);
    expect(readFileSync(join(dir, 'schemas.ts'), 'utf8')).toContain('readonly size?: number;');
    expect(typeErrors('edited/same.ts', sameSource('.', ['Dataset', 'Labels'], [], false))).toEqual([]);
  });

  it("a hover on a job shows Job, and on each field its type's name and the spec's description of the field", () => {
    const source = `import { createClient } from '../../src/index.js';
const client = createClient({ apiKey: 'k' });
const job = await client.jobs.get('ftj-1');
job.status; job.created_at; job.config;
const page = await client.jobs.list({ statuses: ['RUNNING'] });
export { page };
`;
    const file = join(scratch, 'hover.ts');
    writeFileSync(file, source);
    const host: ts.LanguageServiceHost = {
      getCompilationSettings: () => ({ ...compilerOptions, noEmit: false, declaration: true, emitDeclarationOnly: true }),
      getScriptFileNames: () => [file],
      getScriptVersion: () => '1',
      getScriptSnapshot: (name) => (ts.sys.fileExists(name) ? ts.ScriptSnapshot.fromString(ts.sys.readFile(name) ?? '') : undefined),
      getCurrentDirectory: () => ROOT,
      getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
      fileExists: ts.sys.fileExists,
      readFile: ts.sys.readFile,
    };
    const service = ts.createLanguageService(host);
    const hover = (text: string, nth = 0) => {
      let at = -1;
      for (let i = 0; i <= nth; i++) at = source.indexOf(text, at + 1);
      const info = service.getQuickInfoAtPosition(file, at);
      return { type: ts.displayPartsToString(info?.displayParts), doc: ts.displayPartsToString(info?.documentation) };
    };
    const flat = (text: string | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
    const { Job } = spec().components.schemas;
    expect(hover('job').type).toBe('const job: Job');
    expect(hover('status').type).toBe('(property) Job.status: JobStatus');
    // A field that only names a schema is described by that schema; one with its own words by those.
    expect(flat(hover('status').doc)).toContain(flat(spec().components.schemas.JobStatus?.description));
    expect(hover('created_at').type).toBe('(property) Job.created_at: string');
    expect(flat(hover('created_at').doc)).toContain(flat(Job?.properties?.created_at?.description));
    expect(hover('config').type).toBe('(property) Job.config: JobConfig');
    expect(hover('statuses').type).toBe('(property) ListJobsParams.statuses?: readonly JobStatus[] | undefined');
    // What a declaration file says of an awaited job (what the issue saw as components["schemas"]["JobId"] fields).
    const emitted = service.getEmitOutput(file, true).outputFiles.find((f) => f.name.endsWith('.d.ts'))?.text ?? '';
    expect(emitted).toMatch(/declare const page: import\("[./\w-]+"\)\.Job\[\];/);
    expect(emitted).not.toContain('components');
  });

  it("fails generation on a type it cannot write, naming it and the file to teach, instead of writing something else", async () => {
    const work = mkdtempSync(join(tmpdir(), 'atai-schemas-'));
    try {
      const edited = spec();
      // A tuple (prefixItems), which openapi-typescript writes as [string, number].
      edited.components.schemas.Dataset = { ...edited.components.schemas.Dataset, properties: { ...edited.components.schemas.Dataset?.properties, range: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'number' }], minItems: 2, maxItems: 2 } } };
      writeFileSync(join(work, 'spec.yaml'), stringify(edited));
      const types = await run(join(ROOT, 'node_modules/openapi-typescript/bin/cli.js'), [join(work, 'spec.yaml'), '-o', join(work, 'fine-tune.ts')]);
      expect(types.code, types.stderr).toBe(0);
      expect(readFileSync(join(work, 'fine-tune.ts'), 'utf8')).toContain('range?: [');
      const { code, stderr } = await run(join(ROOT, 'node_modules/tsx/dist/cli.mjs'), [join(ROOT, 'openapi/generate-schemas.ts'), join(work, 'fine-tune.ts'), join(work, 'schemas.ts')]);
      expect(code).not.toBe(0);
      expect(stderr).toMatch(/fine-tune\.ts:\d+: the type TupleType \(\[string, number\]\); teach openapi\/generate-schemas\.ts to write it/);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
