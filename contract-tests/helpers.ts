// What the contract tests share: the Prism URL, a client pointed at it that records what it sends, and the
// spec's own examples to compare answers with.
import { readFileSync } from 'node:fs';
import { expect, inject } from 'vitest';
import { parse } from 'yaml';
import { createClient, type ClientOptions, type FineTuneClient } from '../src/index.js';
import { SPEC_PATH } from '../test-support/prism.js';

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

/** Every debug line any client of these tests logged; each is checked for the key as it arrives. */
export const logLines: string[] = [];
export const checkingLogger = {
  debug(line: string) {
    expect(line).not.toContain(TEST_KEY);
    logLines.push(line);
  },
};

export interface Recorded {
  client: FineTuneClient;
  /** Every request the client actually sent, in order. */
  sent: { method: string; url: string; headers: Headers }[];
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

/** A client pointed at Prism whose `fetch` records each request before sending it for real. */
export function recordingClient(options: ClientOptions = {}): Recorded {
  const sent: Recorded['sent'] = [];
  const client = scanned(createClient({
    baseUrl: inject('prismUrl'),
    apiKey: TEST_KEY,
    maxRetries: 0,
    logger: checkingLogger,
    ...options,
    fetch: async (input, init) => {
      const request = new Request(input, init);
      sent.push({ method: request.method, url: request.url, headers: request.headers });
      return (options.fetch ?? fetch)(request);
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
