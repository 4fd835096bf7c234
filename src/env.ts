// The one place the client reads environment variables. Browsers, Deno without --allow-env and some workers have
// no `process` global (or one without `env`), so every read goes through this guard instead of `process.env`.

/** The value of environment variable `name`, or undefined where there is none or no environment at all. Never throws. */
export function readEnv(name: string): string | undefined {
  try {
    const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
    const value = env?.[name];
    return typeof value === 'string' ? value : undefined;
  } catch {
    // Deno throws on env access without permission: treat it as unset.
    return undefined;
  }
}
