// Redaction lives apart from the error classes because the transport's log lines need it too.

/** Secrets shorter than this are never redacted: no real key is that short, and redacting one would mangle text. */
export const MIN_SECRET_LENGTH = 4;

/**
 * Replaces every occurrence of each secret in `text` with `[REDACTED]`. Secrets under
 * {@link MIN_SECRET_LENGTH} characters are left alone. Never throws.
 */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= MIN_SECRET_LENGTH && out.includes(secret)) out = out.split(secret).join('[REDACTED]');
  }
  return out;
}
