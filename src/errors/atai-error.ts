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

function describe(value: unknown): string {
  if (typeof value === 'string') return value;
  // JSON has no form for these; BigInt and cycles make JSON.stringify throw.
  if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'undefined') return typeof value;
  try {
    return JSON.stringify(value);
  } catch {
    return typeof value;
  }
}
