import { describe, expect, it } from 'vitest';
import { readDiffReport } from './spec-changes.js';

const BASE = { paths: { '/jobs': { get: { operationId: 'listJobs' }, delete: { operationId: 'deleteJobs' } } } };
const REVISION = { paths: { '/jobs': { get: { operationId: 'listJobs' } } } };

describe("redocly diff's report, placed on operations", () => {
  it.each([
    // [pointer, kind, impact, what the reader sees: impact, operation, operationId, message]
    ['#/paths/~1jobs/get/responses/200/content/application~1json/schema/properties/notes', 'added', 'minor', ['addition', 'GET /jobs', 'listJobs', 'Added `responses/200/content/application/json/schema/properties/notes`.']],
    ['#/paths/~1jobs/delete', 'removed', 'major', ['breaking', 'DELETE /jobs', 'deleteJobs', 'Removed.']],
    ['#/paths/~1jobs/parameters/0', 'modified', 'major', ['breaking', '/jobs', undefined, 'Changed `parameters/0`.']],
    ['#/paths/~150%25~1x/get', 'added', 'minor', ['addition', 'GET /50%/x', undefined, 'Added.']],
    ['#/paths/~1a%zz/get', 'added', 'minor', ['addition', 'GET /a%zz', undefined, 'Added.']],
    ['#/servers/0/url', 'modified', 'patch', ['fix', undefined, undefined, 'Changed `servers/0/url`.']],
  ] as const)('%s (%s, %s)', (path, kind, impact, [rated, operation, operationId, message]) => {
    expect(readDiffReport({ changes: [{ path, kind, impact }] }, BASE, REVISION)).toEqual([{ impact: rated, operation, operationId, message }]);
  });

  it("says redocly's own words when it has them", () => {
    const change = { path: '#/paths/~1jobs/get/responses/200', kind: 'removed', impact: 'major' as const, verdicts: [{ message: 'Response `200` was removed.' }, { message: 'It was documented.' }] };
    expect(readDiffReport({ changes: [change] }, BASE, REVISION)[0]?.message).toBe('Response `200` was removed. It was documented.');
  });
});
