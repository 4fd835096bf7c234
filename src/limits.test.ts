// Issue 10, point 11: answers are bounded. A body over maxResponseBytes, whether it says so up front, streams on
// without end or unpacks from a small compressed one, is a ResponseTooLargeError, read no further and not retried.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fakeFetch, instantClock } from '../test-support/fake-fetch.js';
import { SEED_STOP_RESPONSE } from '../test-support/fixtures.js';
import { createClient } from './client.js';
import { ResponseTooLargeError, ValidationError } from './errors/index.js';

const client = (fetch: typeof globalThis.fetch, maxResponseBytes?: number) =>
  createClient({ baseUrl: 'http://api.test', apiKey: 'sk-limits-1234', fetch, clock: instantClock(), maxResponseBytes });

describe('maxResponseBytes', () => {
  it('a body whose Content-Length is over the limit fails at once, naming the option, with no retry', async () => {
    const fake = fakeFetch(() => new Response('x'.repeat(2_000), { status: 200, headers: { 'content-length': '2000' } }));
    const error = await client(fake.fetch, 1_000).jobs.get('ftj-x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toMatchObject({ limitBytes: 1_000 });
    expect((error as Error).message).toContain('maxResponseBytes (1000 bytes)');
    expect(fake.calls).toHaveLength(1);
  });

  it('an endless body of unknown length is dropped once it passes the limit', async () => {
    let pulled = 0;
    const endless = () =>
      new Response(
        new ReadableStream<Uint8Array>({
          pull: (controller) => {
            pulled += 1024;
            controller.enqueue(new Uint8Array(1024).fill(32));
          },
        }),
        { status: 503 },
      );
    const fake = fakeFetch(endless);
    await expect(client(fake.fetch, 64 * 1024).jobs.get('ftj-x')).rejects.toBeInstanceOf(ResponseTooLargeError);
    // Read no further than the limit and what the stream had queued ahead: not the endless rest.
    expect(pulled).toBeLessThan(256 * 1024);
    expect(fake.calls).toHaveLength(1);
  });

  it('a small gzip body that unpacks past the limit is dropped (a real server, real fetch)', async () => {
    const bomb = gzipSync(Buffer.alloc(4 * 1024 * 1024, ' '));
    const server = createServer((_req, res) => res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': bomb.length }).end(bomb));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const c = createClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, apiKey: 'sk-limits-1234', maxResponseBytes: 1024 * 1024 });
      expect(bomb.length).toBeLessThan(1024 * 1024);
      await expect(c.jobs.get('ftj-x')).rejects.toBeInstanceOf(ResponseTooLargeError);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('an answer within the limit is read whole, with or without a Content-Length', async () => {
    const body = JSON.stringify(SEED_STOP_RESPONSE);
    const stream = () => new Response(new Blob([body]).stream(), { status: 200 });
    await expect(client(fakeFetch(stream).fetch, body.length).jobs.get('ftj-x')).resolves.toEqual(SEED_STOP_RESPONSE);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses maxResponseBytes %s when the client is made', (value) => {
    expect(() => client(fakeFetch(() => new Response('')).fetch, value)).toThrow(ValidationError);
  });
});
