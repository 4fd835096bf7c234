// ApiError.from on bodies Prism cannot produce: HTML from a gateway, truncated JSON, nothing at all.
import { describe, expect, it } from 'vitest';
import { ApiError, ConnectionError, InternalServerError, InvalidResponseError, NotFoundError, RateLimitError } from './index.js';

const base = { method: 'PUT', path: '/v0.5/fine-tune/jobs/x/stop', headers: new Headers() };

describe('ApiError.from', () => {
  it('keeps an HTML gateway page as rawBody and says the shape is unknown', () => {
    const html = '<html><body><h1>502 Bad Gateway</h1></body></html>';
    const error = ApiError.from({ ...base, status: 502, statusText: 'Bad Gateway', rawBody: html, headers: new Headers({ 'content-type': 'text/html' }) });
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ status: 502, envelope: 'unknown', errors: [], rawBody: html, body: html });
    expect(error.message).toBe(
      `502 Bad Gateway: the response body is not a known error shape (text/html, ${html.length} characters; PUT /v0.5/fine-tune/jobs/x/stop); the raw body is in err.rawBody`,
    );
  });

  it('says so when the body is empty', () => {
    const error = ApiError.from({ ...base, status: 503, statusText: 'Service Unavailable', rawBody: '' });
    expect(error).toMatchObject({ envelope: 'empty', body: undefined, rawBody: '' });
    expect(error.message).toBe('503 Service Unavailable: empty response body (PUT /v0.5/fine-tune/jobs/x/stop)');
  });

  it('keeps truncated JSON as text', () => {
    const error = ApiError.from({ ...base, status: 404, rawBody: '{"errors": [{"code": "job_not' });
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ envelope: 'unknown', body: '{"errors": [{"code": "job_not' });
  });

  it('tolerates entries of the wrong types without throwing', () => {
    const error = ApiError.from({ ...base, status: 400, rawBody: JSON.stringify({ errors: ['plain', { code: 7, message: null }] }) });
    expect(error.errors).toEqual([{ message: 'plain' }, { code: '7', message: '' }]);
  });

  it('reads Retry-After in seconds and as an HTTP date', () => {
    const seconds = ApiError.from({ ...base, status: 429, rawBody: '', headers: new Headers({ 'retry-after': '7' }) });
    expect(seconds).toBeInstanceOf(RateLimitError);
    expect(seconds.retryAfterMs).toBe(7000);
    const now = Date.parse('2026-11-23T10:00:00Z');
    const date = ApiError.from({ ...base, status: 429, rawBody: '', headers: new Headers({ 'retry-after': 'Mon, 23 Nov 2026 10:00:30 GMT' }), now: () => now });
    expect(date.retryAfterMs).toBe(30_000);
  });

  it('redacts the key from the body, the message, the headers and the JSON form', () => {
    const key = 'sk-live-0123456789abcdef';
    const error = ApiError.from({
      ...base,
      status: 401,
      rawBody: JSON.stringify({ detail: `Key ${key} is revoked` }),
      headers: new Headers({ 'x-echo': key }),
      secrets: [key],
    });
    expect(error.message).toBe('401: Key [REDACTED] is revoked');
    for (const text of [error.message, String(error), JSON.stringify(error), error.rawBody, JSON.stringify(error.headers)]) {
      expect(text).not.toContain(key);
    }
  });

  it('serializes to JSON with name, message and fields', () => {
    const error = ApiError.from({ ...base, status: 404, rawBody: '{"detail":"Not Found"}' });
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ name: 'NotFoundError', message: '404: Not Found', status: 404, errors: [{ message: 'Not Found' }] });
  });
});

describe('other errors', () => {
  it('ConnectionError names the socket error from undici\'s cause', () => {
    const cause = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }) });
    const error = new ConnectionError('GET', 'http://127.0.0.1:9/fine-tune/jobs', cause);
    expect(error.message).toBe('Connection failed: GET http://127.0.0.1:9/fine-tune/jobs: ECONNREFUSED (connect ECONNREFUSED 127.0.0.1:9)');
    expect(error.cause).toBe(cause);
    expect((JSON.parse(JSON.stringify(error)) as { cause: unknown }).cause).toBe('fetch failed');
  });

  it('InvalidResponseError keeps a 200 body that is not JSON', () => {
    const error = new InvalidResponseError(200, 'GET', '/fine-tune/jobs', '<html>maintenance</html>');
    expect(error.rawBody).toBe('<html>maintenance</html>');
    expect(error.message).toContain('is not valid JSON');
  });
});
