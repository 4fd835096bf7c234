// Checking answers against the spec while the client runs (`createClient({ validateResponses })`). The checks,
// and what is done with what they find, live in `atai-finetune/validation`: the client only hands each answer to
// the plug-in it was given, so a client that does not validate carries none of that code.

/** One answer of a facade call as it came: the request's method and URL, and the answer. */
export interface CallAnswer {
  /** The request's method, e.g. `PUT`. */
  method: string;
  /** The request's URL, base URL included. */
  url: string;
  /** The HTTP status. */
  status: number;
  /** The Content-Type header, or null when there was none. */
  contentType: string | null;
  /** The body as text, exactly as received. */
  text: string;
  /** Where a redirect led, when the answer came from another URL than the one asked. */
  redirectedTo?: string;
}

/** One answer to an operation of the spec, for checking against it. */
export interface ResponseAnswer {
  /** The operation that was called, e.g. `getJob`. */
  operationId: string;
  /** The HTTP status. */
  status: number;
  /** The Content-Type header, or null when there was none. */
  contentType: string | null;
  /** The body as text, exactly as received. */
  text: string;
  /** Where a redirect led, when the answer came from another URL than the one asked (the spec documents none). */
  redirectedTo?: string;
}

/** One way an answer differs from what the spec says. */
export interface SpecDrift {
  /** The operation that was called, e.g. `getJob`. */
  operationId: string;
  /** The HTTP status of the answer. */
  status: number;
  /** JSON pointer (RFC 6901) into the body, e.g. `/status` or `/config/datasets/0/name`; '' for the body or answer as a whole. */
  pointer: string;
  /** What the spec says should be there, e.g. `one of "UNKNOWN", "REGISTERED", ...`. */
  expected: string;
  /** What came instead, as JSON (shortened), or `nothing` for a missing field. */
  got: string;
}

/**
 * How a client checks its answers: made by `specValidation('warn' | 'throw')` of `atai-finetune/validation`.
 * Off (the default) when not given.
 */
export interface ResponseValidation {
  /**
   * Checks one answer of a facade call, before the client reads it. `secrets` (the key) must not appear in what
   * it reports.
   * @throws `ResponseValidationError` in throw mode when the answer breaks the spec.
   */
  verify(answer: CallAnswer, secrets: readonly string[]): void;
}
