// Which paths of the spec a fault's `pathEndsWith` can end: decided by hand for each case, against the stop path.
import { describe, expect, it } from 'vitest';
import { canEndWith, operationsReached } from './scope-reach.js';

const STOP = '/fine-tune/jobs/{job_id}/stop';

describe('canEndWith', () => {
  it.each<[string, boolean, string]>([
    ['/ftj-old/stop', true, 'the id and the action'],
    ['stop', true, 'the end of the last segment'],
    ['p', true, 'one character'],
    ['', true, 'nothing: every path ends with it'],
    ['/fine-tune/jobs/ftj-1/stop', true, 'the whole path'],
    ['fine-tune/jobs/ftj-1/stop', true, 'the whole path but its first slash'],
    ['-1/stop', true, 'the end of an id'],
    ['/jobs/stop', true, 'an id that reads "jobs"'],
    ['%2F/stop', true, 'an id ending in an encoded slash'],
    ['/a/b/stop', false, 'an id with a slash: two segments where the spec has one'],
    ['jobs//stop', false, 'an empty id'],
    ['/v0.5/fine-tune/jobs/x/stop', false, 'a base path before the spec\'s: the mock serves none'],
    ['/stop/', false, 'a slash after the action'],
    ['/cancel', false, 'another action'],
    ['/fine-tune/jobs', false, 'the collection'],
    // Matched against the path as sent: without its query, percent-encoded.
    ['/ftj-1/stop?x=1', false, 'a query'],
    ['/fine-tune/jobs/{job_id}/stop', false, 'the template itself: braces go percent-encoded'],
    ['ftj 1/stop', false, 'a space, which goes as %20'],
    ['/ftj-é/stop', false, 'a non-ASCII character, which goes percent-encoded'],
    ['/ftj-%C3%A9/stop', true, 'the same id as sent'],
  ])('%j: %s (%s)', (suffix, expected) => {
    expect(canEndWith(STOP, suffix)).toBe(expected);
  });
});

describe('operationsReached', () => {
  it.each<[string | undefined, string | undefined, string[]]>([
    ['POST', '/ftj-old/stop', []],
    [undefined, '/ftj-old/stop', ['stopJob']],
    ['GET', '/fine-tune/jobs', ['listJobs']],
    [undefined, '/fine-tune/jobs', ['createJob', 'listJobs']],
    // An id may read "metrics": GET /fine-tune/jobs/metrics is a getJob.
    ['GET', '/metrics', ['getJob', 'getJobMetrics']],
    ['PUT', undefined, ['stopJob', 'cancelJob']],
    [undefined, undefined, ['createJob', 'listJobs', 'getJob', 'getJobMetrics', 'stopJob', 'cancelJob']],
  ])('%s %s: %j', (method, suffix, expected) => {
    expect(operationsReached(method, suffix).map((operation) => operation.operationId)).toEqual(expected);
  });
});
