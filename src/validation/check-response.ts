// Is this answer what the spec says this operation answers? The status must be documented, the content type the
// documented one, the body JSON of the documented schema (the validators `make generate` compiles from the spec).
import { pathOf } from '../http/url-path.js';
import { RESPONSES, VALIDATORS } from '../../generated/validators.js';
import { redact } from '../errors/redact.js';
import { MAX_JSON_DEPTH, parseJson } from '../http/json.js';
import type { CallAnswer, ResponseAnswer, SpecDrift } from '../response-check.js';
import { describeErrors, show } from './describe.js';
import { operationOf } from './operation-of.js';

/** Most drifts reported for one answer; past it, one more says how many were left out. */
export const MAX_DRIFTS_PER_ANSWER = 20;

/**
 * Lists every way `answer` differs from what the spec documents for its operation and status, at most
 * {@link MAX_DRIFTS_PER_ANSWER} and a last one saying how many more there were; empty when it conforms. The body is
 * checked whatever the status, error bodies included. Never throws.
 */
export function checkResponse(answer: ResponseAnswer): SpecDrift[] {
  const drift = (pointer: string, expected: string, got: string): SpecDrift => ({ operationId: answer.operationId, status: answer.status, pointer, expected, got });
  try {
    const found = check(answer, drift);
    if (answer.redirectedTo !== undefined) found.unshift(drift('', 'an answer from the URL asked (the spec documents no redirect)', `a redirect to ${show(answer.redirectedTo)}`));
    if (found.length <= MAX_DRIFTS_PER_ANSWER) return found;
    return [...found.slice(0, MAX_DRIFTS_PER_ANSWER), drift('', 'no more drift', `${found.length - MAX_DRIFTS_PER_ANSWER} more, not listed`)];
  } catch (error) {
    // A check that fails must not take the call's own outcome with it: it becomes one more thing to report.
    return [drift('', 'an answer the checks can read', `the check failed: ${show(error instanceof Error ? error.message : error)}`)];
  }
}

function check(answer: ResponseAnswer, drift: (pointer: string, expected: string, got: string) => SpecDrift): SpecDrift[] {
  const documented = Object.hasOwn(RESPONSES, answer.operationId) ? RESPONSES[answer.operationId] : undefined;
  if (!documented) return [drift('', 'an operation of the spec', show(answer.operationId))];
  const status = String(answer.status);
  if (!Object.hasOwn(documented, status)) {
    return [drift('', `one of the statuses the spec documents for ${answer.operationId}: ${Object.keys(documented).join(', ')}`, status)];
  }
  const response = documented[status];
  if (!response) return answer.text === '' ? [] : [drift('', 'no body', show(answer.text))];
  const type = answer.contentType?.split(';')[0]?.trim().toLowerCase();
  if (type !== response.contentType) return [drift('', `Content-Type ${response.contentType}`, answer.contentType === null ? 'no Content-Type' : show(answer.contentType))];
  const parsed = parseJson(answer.text);
  if (!parsed.ok) {
    if (parsed.problem === 'too-deep') return [drift('', `JSON nesting at most ${MAX_JSON_DEPTH} levels deep`, 'a body nesting deeper')];
    return [drift('', 'a JSON body', answer.text === '' ? 'an empty body' : show(answer.text))];
  }
  const body = parsed.value;
  const validate = VALIDATORS[response.schema];
  if (!validate) return [drift('', `a body of schema ${response.schema}`, 'a schema the validators do not have (run make generate)')];
  if (validate(body)) return [];
  const found = describeErrors(validate.errors ?? [], body, response.schema).map((f) => drift(f.pointer, f.expected, f.got));
  if (validate.truncated) found.push(drift('', 'no more drift', 'more problems than the check lists (it stops at the first hundred)'));
  return found;
}

/**
 * A facade call's answer as an answer to its operation of the spec: the operation found from the method and path,
 * every text from the server (body, content type, redirect target) redacted. Never throws.
 */
export function toResponseAnswer(answer: CallAnswer, secrets: readonly string[]): ResponseAnswer {
  const pathname = pathOf(answer.url);
  const operationId = operationOf(answer.method, pathname) ?? redact(`${answer.method} ${pathname}`, secrets);
  return {
    operationId,
    status: answer.status,
    contentType: answer.contentType === null ? null : redact(answer.contentType, secrets),
    text: redact(answer.text, secrets),
    ...(answer.redirectedTo === undefined ? {} : { redirectedTo: redact(answer.redirectedTo, secrets) }),
  };
}
