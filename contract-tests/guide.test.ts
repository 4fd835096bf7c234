// The getting-started guide (docs/guide/getting-started.md) run as a reader would follow it: its snippets in the
// guide's order against one fresh stateful mock, the mock `atai-ft mock` serves (real time, its default phases), with
// ATAI_BASE_URL and ATAI_API_KEY exported as that command says. A TypeScript snippet is type-checked with tsc (strict,
// as the project) and run with tsx; a shell snippet runs in bash with the built `atai-ft` on the PATH; a snippet
// named as a test file (```ts file=NAME.test.ts) runs with vitest. What each prints must be the output block the
// guide shows below it (`…` standing for what differs between runs): the expectation is the reader's, not the code's.
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStatefulMock, type StatefulMock } from '../mock/index.js';
import { CLI_BIN } from '../test-support/cli-bin.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const GUIDE = join(ROOT, 'docs/guide/getting-started.md');

interface Snippet {
  /** The guide's section heading above it. */
  section: string;
  lang: string;
  /** The name given with `file=`, for a snippet that is a file of its own kind (a test file). */
  file: string | undefined;
  code: string;
  /** The output block right after it, when there is one. */
  shows: string | undefined;
}

/** The fenced blocks of the guide, each runnable one with the output block that follows it. */
function snippets(markdown: string): Snippet[] {
  const found: Snippet[] = [];
  let section = '';
  const fence = /^## (.+)$|^```(\w+)([^\n]*)\n([\s\S]*?)^```$/gm;
  for (const match of markdown.matchAll(fence)) {
    if (match[1]) {
      section = match[1];
      continue;
    }
    const [, , lang = '', info = '', code = ''] = match;
    const last = found.at(-1);
    if (lang === 'text') {
      if (!last || last.shows !== undefined) throw new Error(`${GUIDE}: an output block in "${section}" follows no snippet`);
      last.shows = code;
    } else {
      found.push({ section, lang, file: /\bfile=(\S+)/.exec(info)?.[1], code, shows: undefined });
    }
  }
  return found;
}

/** Whether `actual` is `shown`, line by line, where `…` in a shown line stands for any text. */
function matches(shown: string, actual: string): boolean {
  const pattern = shown
    .trimEnd()
    .split('\n')
    .map((line) => line.split('…').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+'))
    .join('\n');
  return new RegExp(`^${pattern}$`).test(actual.trimEnd());
}

const all = snippets(readFileSync(GUIDE, 'utf8'));
// Inside the project, so that tsx and tsc resolve `atai-finetune` (and /mock) by tsconfig's `paths`, to the source.
const work = join(ROOT, 'build', `guide-${process.pid}`);
// Where a local `npm install atai-finetune` links the binary, so that `npx atai-ft` finds it (and never downloads).
const bin = join(work, 'node_modules', '.bin');
let mock: StatefulMock;
beforeAll(async () => {
  mkdirSync(bin, { recursive: true });
  // The built CLI, as the package's `bin` links it.
  writeFileSync(join(bin, 'atai-ft'), `#!/bin/sh\nexec "${process.execPath}" "${CLI_BIN}" "$@"\n`);
  chmodSync(join(bin, 'atai-ft'), 0o755);
  mock = await startStatefulMock();
});
afterAll(async () => {
  await mock.stop();
  rmSync(work, { recursive: true, force: true });
});

/** Runs a command as the reader would, with the two variables `atai-ft mock` prints; stdout and stderr as one stream. */
function run(command: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; output: string }> {
  const shell = `exec 2>&1; exec "$0" "$@"`;
  return new Promise((resolve) => {
    execFile('sh', ['-c', shell, command, ...args], { cwd: work, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ATAI_BASE_URL: mock.url, ATAI_API_KEY: mock.apiKey, npm_config_offline: 'true', ...env } }, (error, stdout) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, output: stdout }),
    );
  });
}

/** A snippet's file in the scratch folder: its own name, or its place in the guide. */
const fileOf = (snippet: Snippet) => join(work, snippet.file ?? `snippet-${all.indexOf(snippet) + 1}.${snippet.lang === 'sh' ? 'sh' : 'ts'}`);

describe('docs/guide/getting-started.md', () => {
  it('has snippets in TypeScript and shell, each program with the output it prints, and a test file', () => {
    expect(all.filter((s) => s.lang === 'ts' && !s.file).length).toBeGreaterThan(3);
    expect(all.filter((s) => s.lang === 'sh').length).toBeGreaterThan(0);
    expect(all.filter((s) => s.file?.endsWith('.test.ts')).length).toBeGreaterThan(0);
    // A program without its output would be run and checked for nothing.
    expect(all.filter((s) => !s.file && s.shows === undefined).map((s) => s.section)).toEqual([]);
    expect(all.filter((s) => !['ts', 'sh'].includes(s.lang)).map((s) => `${s.section}: ${s.lang}`)).toEqual([]);
    // Every fence of the guide is one of those (an untagged block would be neither run nor reported).
    const fences = readFileSync(GUIDE, 'utf8').match(/^\s*(```|~~~)/gm) ?? [];
    expect(fences.length).toBe(2 * (all.length + all.filter((s) => s.shows !== undefined).length));
    // The comparison: '…' is any text within a line, and nothing else is loose.
    expect([matches('ftj-1 is RUNNING since …', 'ftj-1 is RUNNING since 2026-12-03T21:21:15Z\n'), matches('STOPPING\nSTOPPED', 'STOPPING\nSTOPPING\nSTOPPED'), matches('a.b', 'axb'), matches('… x', '\nx')]).toEqual([true, false, false, false]);
  });

  it('every TypeScript snippet type-checks as the project is checked (strict)', () => {
    const files = all.filter((s) => s.lang === 'ts').map((s) => {
      writeFileSync(fileOf(s), s.code);
      return fileOf(s);
    });
    const config: unknown = ts.readConfigFile(join(ROOT, 'tsconfig.json'), (path) => ts.sys.readFile(path)).config;
    const { options } = ts.parseJsonConfigFileContent(config, ts.sys, ROOT);
    const program = ts.createProgram(files, { ...options, noEmit: true });
    const errors = ts.getPreEmitDiagnostics(program).map((d) => `${d.file ? `${d.file.fileName}: ` : ''}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(errors).toEqual([]);
  }, 60_000);

  // In the guide's order: each snippet finds the jobs the ones before it made, as the reader's mock would.
  for (const snippet of all) {
    it(`snippet ${all.indexOf(snippet) + 1} (${snippet.section}): the ${snippet.file ?? (snippet.lang === 'sh' ? 'shell' : 'TypeScript')} snippet runs and prints what the guide shows`, async () => {
      writeFileSync(fileOf(snippet), snippet.code);
      if (snippet.file?.endsWith('.test.ts')) {
        // vitest as a reader runs it, with `atai-finetune` (and /mock) resolved to the source, as tsconfig's paths do.
        const config = join(work, 'vitest.config.mjs');
        writeFileSync(
          config,
          `export default { resolve: { alias: [{ find: /^atai-finetune\\/mock$/, replacement: ${JSON.stringify(join(ROOT, 'mock/index.ts'))} }, { find: /^atai-finetune$/, replacement: ${JSON.stringify(join(ROOT, 'src/index.ts'))} }] }, test: { include: [${JSON.stringify(snippet.file)}] } };\n`,
        );
        const { code, output } = await run(process.execPath, [join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', '--root', work, '--config', config], { CI: 'true', NO_COLOR: '1' });
        expect({ code, output }).toMatchObject({ code: 0 });
        expect(output).toMatch(/Tests\s+1 passed/);
        return;
      }
      const { code, output } = snippet.lang === 'sh' ? await run('bash', [fileOf(snippet)]) : await run(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), fileOf(snippet)]);
      expect(code, output).toBe(0);
      expect(matches(snippet.shows ?? '', output), `shown:\n${snippet.shows ?? ''}\nprinted:\n${output}`).toBe(true);
    }, 60_000);
  }
});

/** Every option a public call takes, as `Interface.option` (where it is declared), read from the package's types. */
function publicOptions(): string[] {
  const program = ts.createProgram([join(ROOT, 'src/index.ts')], { strict: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, noEmit: true, skipLibCheck: true });
  const checker = program.getTypeChecker();
  const index = checker.getSymbolAtLocation(program.getSourceFile(join(ROOT, 'src/index.ts')) as ts.SourceFile);
  const exported = (name: string) => checker.getExportsOfModule(index as ts.Symbol).find((s) => s.name === name) as ts.Symbol;
  const calls = [
    ...checker.getSignaturesOfType(checker.getTypeOfSymbol(exported('createClient')), ts.SignatureKind.Call),
    ...checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(exported('JobsResource'))).flatMap((method) => checker.getSignaturesOfType(checker.getTypeOfSymbol(method), ts.SignatureKind.Call)),
  ];
  const options = new Set<string>();
  for (const parameter of calls.flatMap((call) => call.parameters)) {
    const type = checker.getNonNullableType(checker.getTypeOfSymbol(parameter));
    // Settings and params objects (ClientOptions, WaitForJobOptions, ListJobsParams...), not the create body (a job).
    if (!/(Options|Params)$/.test(type.aliasSymbol?.name ?? type.getSymbol()?.name ?? '')) continue;
    for (const property of checker.getPropertiesOfType(type)) {
      const owner = property.declarations?.[0]?.parent;
      if (owner && ts.isInterfaceDeclaration(owner)) options.add(`${owner.name.text}.${property.name}`);
    }
  }
  return [...options].sort();
}

describe("the README's method list", () => {
  it('links each option of each call to the section of the guide that links it to the reference', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const guide = readFileSync(GUIDE, 'utf8');
    // The guide's sections by their anchor (GitHub's and TypeDoc's: lower case, punctuation dropped, spaces as -).
    const sections = new Map(guide.split(/^## /m).slice(1).map((text) => [(text.split('\n')[0] ?? '').toLowerCase().replace(/[^\w\s-]/g, '').replace(/\s/g, '-'), text]));
    const links = [...readme.matchAll(/\[(\w+)\]\(docs\/guide\/getting-started\.md#([\w-]+)\)/g)].map(([, name = '', anchor = '']) => ({ name, anchor }));
    const options = publicOptions();
    expect(options).toContain('WaitOptions.until');
    expect(options).toContain('ClientOptions.apiKey');
    const unlinked = options.filter((option) => {
      const name = option.split('.')[1];
      return !links.some((link) => link.name === name && sections.get(link.anchor)?.includes(`{@link "atai-finetune"!${option} |`));
    });
    expect(unlinked).toEqual([]);
    // And no link leads nowhere.
    expect(links.filter((link) => !sections.has(link.anchor))).toEqual([]);
  });
});
