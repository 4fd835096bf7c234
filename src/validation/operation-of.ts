// Which operation of the spec a request was: for checking answers seen from the outside (the mock's answers in
// tests, a proxy), where only the method and the path are known.
import { OPERATIONS, type OperationId } from '../../generated/facts.js';

const MATCHERS = OPERATIONS.map((op) => ({
  operationId: op.operationId,
  method: op.method,
  // A path parameter is one non-empty segment (percent-encoded, so never a `/`); before the operation's path may
  // come the base URL's own (`/v0.5`).
  path: new RegExp(`^(?:/.*)?${op.path.replace(/[.*+?^${}()|[\]\\]/g, (c) => (c === '{' || c === '}' ? c : `\\${c}`)).replace(/\{[^}]+\}/g, '[^/]+')}$`),
}));

/**
 * The operationId of the spec's operation with this method and path, e.g. `('PUT', '/fine-tune/jobs/x/stop')` ->
 * `stopJob`; undefined for a request that is none. `path` is the request path without the query; a base URL's
 * path before it (`/v0.5/fine-tune/jobs`) is allowed. Never throws.
 */
export function operationOf(method: string, path: string): OperationId | undefined {
  const upper = method.toUpperCase();
  return MATCHERS.find((m) => m.method === upper && m.path.test(path))?.operationId;
}
