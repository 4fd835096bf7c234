// A base URL is a URL up to its path: paths are appended to it as text. One with a query or a fragment sent every
// request to the wrong path (`/v0.5?tenant=a/fine-tune/jobs/x/stop`, or everything to `/v0.5` after a `#`), key
// attached; one with credentials put the password in error messages, and the two transports treated it
// differently. All are refused before anything is sent, the password never shown.
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../test-support/cli-io.js';
import { startRawServer, type RawServer } from '../test-support/raw-server.js';
import { baseUrlProblem, shownUrl } from './base-url.js';
import { createClient, ValidationError } from './index.js';

const KEY = 'sk-base-url-test-2f0c4e';
const PASSWORD = 'hunter2pw';
let server: RawServer;
beforeAll(async () => {
  server = await startRawServer();
});
afterAll(() => server.close());

describe('baseUrlProblem', () => {
  it.each([
    ['https://api.u1.archetypeai.app/v0.5', undefined],
    ['http://127.0.0.1:4010', undefined],
    ['http://[::1]:4010/v0.5', undefined],
    ['https://host/v0.5/', undefined],
    ['https://host/a@b', undefined],
    ['ftp://host/v0.5', 'must be an http(s) URL'],
    ['localhost:4010', 'must be an http(s) URL'],
    ['', 'must be an http(s) URL'],
    ['https://host/v0.5?tenant=a', 'must not have a query or fragment'],
    ['https://host/v0.5?', 'must not have a query or fragment'],
    ['https://host/v0.5#prod', 'must not have a query or fragment'],
    ['https://host#', 'must not have a query or fragment'],
    ['https://host?x', 'must not have a query or fragment'],
    [`http://admin:${PASSWORD}@host`, 'must not hold a user name or password'],
    ['http://admin@host/v0.5', 'must not hold a user name or password'],
    ['http://:pw@host', 'must not hold a user name or password'],
    [`http://a:${PASSWORD}@host?q#f`, 'must not hold a user name or password'],
    // A password with `/`, `?` or `#` makes the URL unparseable; a leading blank is stripped by the parser.
    [`http://admin:hunt/${PASSWORD}@host`, 'must be an http(s) URL'],
    [`http://admin:hunt#${PASSWORD}@host`, 'must be an http(s) URL'],
    [`http://admin:${PASSWORD}?@host/v0.5`, 'must'],
    [` http://admin:${PASSWORD}@host/v0.5`, 'must not hold a user name or password'],
    [`\thttp://admin:${PASSWORD}@host/v0.5`, 'must not hold a user name or password'],
    [`ht\ttp://admin:${PASSWORD}@host/v0.5`, 'must not hold a user name or password'],
  ])('%j: %s', (url, problem) => {
    const found = baseUrlProblem(url);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toContain(problem);
    expect(found ?? '').not.toContain(PASSWORD);
  });

  it.each([
    [`http://admin:${PASSWORD}@host/v0.5`, 'http://***@host/v0.5'],
    [`https://a%40b:${PASSWORD}@host`, 'https://***@host/'],
    ['https://host/v0.5?user=a@b', 'https://host/v0.5?user=a@b'],
    ['https://host/a@b', 'https://host/a@b'],
    [`http://admin:hunt/${PASSWORD}@host/v0.5`, 'http://***@host/v0.5'],
    [`http://admin:hunt#${PASSWORD}@host`, 'http://***@host'],
    [` http://admin:${PASSWORD}@host/v0.5`, 'http://***@host/v0.5'],
  ])('shownUrl(%j) is %j', (url, shown) => {
    expect(shownUrl(url)).toBe(shown);
  });
});

describe('createClient', () => {
  it.each(['http://h/v0.5?tenant=a', 'http://h/v0.5#prod', `http://admin:${PASSWORD}@h/v0.5`])('refuses %j with a ValidationError on baseUrl', (baseUrl) => {
    expect(() => createClient({ baseUrl, apiKey: KEY })).toThrow(ValidationError);
    const error = (() => {
      try {
        createClient({ baseUrl, apiKey: KEY });
      } catch (e) {
        return e as ValidationError;
      }
      return undefined;
    })();
    expect(error?.param).toBe('baseUrl');
    for (const shown of [error?.message, String(error), JSON.stringify(error), inspect(error), error?.stack]) expect(shown).not.toContain(PASSWORD);
  });

  it('refuses them from ATAI_BASE_URL too', () => {
    const previous = process.env.ATAI_BASE_URL;
    process.env.ATAI_BASE_URL = `${server.url}/v0.5?tenant=a`;
    try {
      expect(() => createClient({ apiKey: KEY })).toThrow('baseUrl must not have a query or fragment');
    } finally {
      if (previous === undefined) delete process.env.ATAI_BASE_URL;
      else process.env.ATAI_BASE_URL = previous;
    }
  });
});

describe('the CLI', () => {
  const env = (base: string) => ({ ATAI_BASE_URL: base, ATAI_API_KEY: KEY });

  it.each([
    ['--base-url', ['jobs', 'stop', 'ftj-1', '--base-url', 'BASE?tenant=a']],
    ['--base-url', ['jobs', 'list', '--base-url', 'BASE#prod']],
    ['--base-url', ['jobs', 'create', '--name', 'n', '--model', 'm', '--train', 'f', '--base-url', `http://admin:${PASSWORD}@HOST`]],
    ['--base-url', ['conformance', '--base-url', `http://admin:${PASSWORD}@HOST`, '--json']],
    ['--base-url', ['jobs', 'list', '--base-url', `http://admin:hunt/${PASSWORD}@HOST`]],
    ['ATAI_BASE_URL', ['jobs', 'cancel', 'ftj-1', '--yes']],
  ])('%s: exit 2 naming the flag, nothing sent, no password printed (%j)', async (named, argv) => {
    const host = server.url.replace('http://', '');
    const args = argv.map((a) => a.replace('BASE', server.url).replace('HOST', host));
    const before = server.seen.length;
    const run = await runCli(args, named === 'ATAI_BASE_URL' ? env(`http://admin:${PASSWORD}@${host}/v0.5`) : env(server.url), PASSWORD);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^atai-ft: error: ${named} must (not have a query or fragment|not hold a user name or password|be an http\\(s\\) URL)`));
    expect(run.stdout).toBe('');
    expect(server.seen.length).toBe(before);
  });
});
