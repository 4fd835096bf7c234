// The facts the code keeps beside the spec must say what the spec says: read them from the spec itself.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { JOB_ID_MAX_LENGTH, JOB_ID_MIN_LENGTH } from './job-id.js';
import { JOB_STATUSES } from './types.js';

const spec = parse(readFileSync(new URL('../openapi/fine-tune.yaml', import.meta.url), 'utf8')) as {
  components: { schemas: { JobId: { minLength: number; maxLength: number }; JobStatus: { enum: string[] } } };
};

describe('the spec and the code agree', () => {
  it('on the length of a job id', () => {
    expect([JOB_ID_MIN_LENGTH, JOB_ID_MAX_LENGTH]).toEqual([spec.components.schemas.JobId.minLength, spec.components.schemas.JobId.maxLength]);
  });

  it('on the statuses, in order', () => {
    expect(JOB_STATUSES).toEqual(spec.components.schemas.JobStatus.enum);
  });
});
