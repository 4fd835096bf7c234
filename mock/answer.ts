// What the mock writes back, in one place for the store's errors, the HTTP layer and the faults: JSON bodies, and
// errors in the service's current envelope `{errors: [{code, message, suggestion?, error_uid}]}`.
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';

/** A refusal the mock answers with: an HTTP status and one entry of the error envelope. */
export class MockApiError extends Error {
  /**
   * @param status The HTTP status of the answer, e.g. 404 or 409.
   * @param code The machine-readable `code` of the envelope entry, e.g. `job_not_found`.
   * @param message The human-readable `message` of the entry.
   * @param suggestion What the caller could do instead; left out of the entry when undefined.
   * @param headers Extra response headers, e.g. `retry-after` on a 429.
   */
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly suggestion?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'MockApiError';
  }
}

/** The body the service sends for an error: one envelope entry with a fresh `error_uid`. Never throws. */
export function errorEnvelope(error: MockApiError) {
  return {
    errors: [
      { code: error.code, message: error.message, ...(error.suggestion ? { suggestion: error.suggestion } : {}), error_uid: `err-${randomUUID()}` },
    ],
  };
}

/**
 * Writes `body` as a JSON answer with its content-length, and returns the text sent. Does nothing (and returns
 * undefined) when the answer was already sent or the connection is gone (a fault may have reset it), so it never
 * throws for those.
 */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): string | undefined {
  if (res.writableEnded || res.destroyed) return undefined;
  const text = JSON.stringify(body) as string | undefined ?? '';
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers }).end(text);
  return text;
}
