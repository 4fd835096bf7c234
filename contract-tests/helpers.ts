// What the contract tests share: the mocks' URLs, a client pointed at one that records what it sends (and, on
// Steady, fails the test when Steady calls a request invalid), and the spec's own examples to compare answers with.
import { readFileSync } from 'node:fs';
import { expect, inject } from 'vitest';
import { parse } from 'yaml';
import { createClient, type ClientOptions, type FineTuneClient } from '../src/index.js';
import { SPEC_PATH } from '../test-support/prism.js';
import { describeProblems, steadyProblems } from './steady-verdict.js';

export const TEST_KEY = 'sk-test-CONTRACT-7f3a9c1e5b';

/** The spec as data, to read named examples from. */
export const spec = parse(readFileSync(SPEC_PATH, 'utf8')) as {
  components: {
    examples: Record<string, { value: unknown }>;
    responses: Record<string, { content: { 'application/json': { examples: Record<string, { value: unknown }> } } }>;
  };
  paths: Record<string, Record<string, { responses: Record<string, { content?: { 'application/json': { examples: Record<string, { value?: unknown; $ref?: string }> } } }> }>>;
};

/** The value of a named example of a component response, e.g. `responseExample('NotFound', 'job_not_found')`. */
export function responseExample(response: string, name: string): unknown {
  const example = spec.components.responses[response]?.content['application/json'].examples[name];
  if (!example) throw new Error(`no example ${name} in response ${response}`);
  return example.value;
}

/** The value of a component example, e.g. `example('StoppingJob')`. */
export function example(name: string): unknown {
  const found = spec.components.examples[name];
  if (!found) throw new Error(`no example ${name}`);
  return found.value;
}

/**
 * What a mock answers an operation when nothing else is asked for: the first named example of its first 2xx
 * response (Prism and Steady both pick that one).
 */
export function defaultAnswer(path: string, method: string): unknown {
  const responses = spec.paths[path]?.[method.toLowerCase()]?.responses ?? {};
  const success = Object.keys(responses).filter((status) => status.startsWith('2')).sort()[0] ?? '';
  const first = Object.values(responses[success]?.content?.['application/json'].examples ?? {})[0];
  if (!first) throw new Error(`no example of a 2xx answer of ${method} ${path}`);
  return first.$ref ? example(first.$ref.split('/').pop() as string) : first.value;
}

/** Every debug line any client of these tests logged; each is checked for the key as it arrives. */
export const logLines: string[] = [];
export const checkingLogger = {
  debug(line: string) {
    expect(line).not.toContain(TEST_KEY);
    logLines.push(line);
  },
};

/** A mock started by global-setup.ts: its name, for test titles, and its base URL. */
export interface Mock {
  readonly name: 'Prism' | 'Steady';
  readonly url: string;
}

/** Both mocks, Prism first, for `describe.each(mocks())`. Reads `inject`, so call it in a test file. */
export function mocks(): Mock[] {
  return [
    { name: 'Prism', url: inject('prismUrl') },
    { name: 'Steady', url: inject('steadyUrl') },
  ];
}

export interface Recorded {
  client: FineTuneClient;
  /** Every request the client actually sent, in order, with its body text (undefined when it had none). */
  sent: { method: string; url: string; headers: Headers; body: string | undefined }[];
}

/**
 * Wraps a client so that every error any of its methods rejects with (and every failure a bulk call reports) is
 * scanned for the key before the test sees it: the whole suite's errors are checked, not just the ones a test
 * inspects.
 */
export function scanned(client: FineTuneClient): FineTuneClient {
  const jobs = new Proxy(client.jobs, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function' || prop === 'iterate') return value;
      return (...args: unknown[]) => {
        const result = (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        return result.then(
          (ok) => {
            for (const failure of (ok as { failed?: { error: unknown }[] } | undefined)?.failed ?? []) assertNoKey(failure.error);
            return ok;
          },
          (error: unknown) => {
            assertNoKey(error);
            throw error;
          },
        );
      };
    },
  });
  return { ...client, jobs, raw: client.raw, baseUrl: client.baseUrl };
}

/**
 * A client pointed at a mock (Prism unless another is given) whose `fetch` records each request before sending
 * it for real. On Steady each answer's verdict is checked as it arrives: a request Steady reports anything about
 * fails the test (softly, so the call itself goes on) with each diagnostic's code, path and message.
 */
export function recordingClient(options: ClientOptions = {}, mock?: Mock): Recorded {
  const sent: Recorded['sent'] = [];
  const client = scanned(createClient({
    baseUrl: mock?.url ?? inject('prismUrl'),
    apiKey: TEST_KEY,
    maxRetries: 0,
    logger: checkingLogger,
    ...options,
    fetch: async (input, init) => {
      const request = new Request(input, init);
      const body = request.body ? await request.clone().text() : undefined;
      sent.push({ method: request.method, url: request.url, headers: request.headers, body });
      const response = await (options.fetch ?? fetch)(request);
      if (mock?.name === 'Steady') {
        const problems = steadyProblems({ url: request.url, body }, response.headers);
        const { pathname, search } = new URL(request.url);
        expect.soft(describeProblems(problems), `Steady's diagnostics for ${request.method} ${pathname}${search}`).toBe('');
      }
      return response;
    },
  }));
  return { client, sent };
}

/**
 * Calls `fn` and returns what it threw; fails the test when it resolves. Every error a test looks at this way is
 * also checked for the key: it must not be in the message, `String(err)` or `JSON.stringify(err)`.
 */
export async function caught(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    assertNoKey(error);
    return error;
  }
  throw new Error('expected the call to throw, but it resolved');
}

/** Fails when the test key appears in any text form of `value`. */
export function assertNoKey(value: unknown): void {
  // JSON.stringify gives undefined for undefined and functions, whatever its type says.
  const forms = [String(value), (JSON.stringify(value) as string | undefined) ?? ''];
  if (value instanceof Error) forms.push(value.message, value.stack ?? '');
  for (const form of forms) expect(form).not.toContain(TEST_KEY);
}
