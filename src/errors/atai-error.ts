// The root of the package's error tree: everything the client throws is an AtaiError, so callers can catch the
// package's errors apart from their own bugs.

/** Base class of every error this package throws. */
export class AtaiError extends Error {
  override name = 'AtaiError';

  /**
   * What `JSON.stringify(err)` gives: the name, the message and the error's own fields, never the request's
   * headers (they carry the API key). A `cause` is reduced to its message for the same reason.
   */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this)) {
      if (key === 'cause') continue;
      out[key] = value;
    }
    if (this.cause !== undefined) out.cause = this.cause instanceof Error ? this.cause.message : describe(this.cause);
    return out;
  }
}

// Never the cause's own fields or JSON: a non-Error cause (a custom fetch may throw a plain object) can hold the
// request's headers, and with them the key.
function describe(cause: unknown): string {
  if (typeof cause === 'string') return cause;
  if (typeof cause === 'object' && cause !== null && 'message' in cause && typeof cause.message === 'string') return cause.message;
  return typeof cause === 'number' || typeof cause === 'boolean' ? String(cause) : typeof cause;
}
