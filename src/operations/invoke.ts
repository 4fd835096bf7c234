// Reaching a facade method from the spec alone: how the CLI, the conformance check and the tests call an operation
// they know only by its entry in generated/surface.ts. Apart from operate.ts, so that what only lists the commands
// (the CLI's help) does not load the client's request path.
import type { RequestOptions } from '../http/request-options.js';
import type { OperationSurface } from './operate.js';

/**
 * Calls the facade method of `operation` on `resource` (e.g. `client.jobs`) by name, with its path arguments in
 * order, then `params` when the operation takes any: how the CLI, the conformance check and the tests reach a method
 * they know from the spec alone.
 * @throws {TypeError} when `resource` has no such method; whatever the method throws.
 */
export function invokeMethod(resource: object, operation: OperationSurface, pathArgs: readonly string[], params: unknown, options: RequestOptions): Promise<unknown> {
  const method = (resource as Record<string, unknown>)[operation.name];
  if (typeof method !== 'function') throw new TypeError(`The client has no method ${operation.resource}.${operation.name} for ${operation.operationId}.`);
  const takesParams = operation.query.length > 0 || operation.body !== null;
  return (method as (...args: unknown[]) => Promise<unknown>).apply(resource, [...pathArgs, ...(takesParams ? [params] : []), options]);
}
