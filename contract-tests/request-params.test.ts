// The query parameters and bodies the client sends, at the edges of what it accepts, on both mocks (as in
// requests.test.ts: on Steady, a request Steady reports anything about fails its test). Values it refuses
// (limit -2, offset -1, an empty or unknown status, a 65-character id) are in validation.test.ts: nothing is sent.
import { describe, expect, it } from 'vitest';
import { JOB_STATUSES, type CreateJobParams, type JobStatus, type PageParams } from '../src/index.js';
import { jobBody, MODEL } from '../test-support/fixtures.js';
import { defaultAnswer, mocks, recordingClient } from './helpers.js';
import { JOB_ID } from '../test-support/operation-calls.js';

const MAX = Number.MAX_SAFE_INTEGER;

/** The query of the one request a test sent, as name=value pairs in order. */
function queryOf(sent: { url: string }[]): [string, string][] {
  expect(sent).toHaveLength(1);
  return [...new URL(sent[0]?.url as string).searchParams];
}

const TRAIN = { name: 'training-set', split: 'train', file_ids: ['file-abc123'] };
const EVAL = { name: 'eval-set', split: 'eval', file_ids: ['file-def456'] };
const withDatasets = (datasets: CreateJobParams['config']['datasets']): CreateJobParams => ({ name: 'my-finetune-run', config: { model: MODEL, datasets } });

const BODIES: [string, CreateJobParams][] = [
  ['without an id', jobBody()],
  ['with an id', jobBody(JOB_ID)],
  ['with an id of 64 emoji', jobBody('😀'.repeat(64))],
  ['with an id with a slash, a space and unicode', jobBody('été/run 1')],
  ['with a train and an eval dataset', withDatasets([TRAIN, EVAL])],
  ['with three datasets of several files', withDatasets([{ ...TRAIN, file_ids: ['file-a', 'file-b', 'file-c'] }, EVAL, { name: 'more', split: 'train', file_ids: ['training-set.jsonl', 'file-d'] }])],
  ['with a unicode name', jobBody(undefined, 'réglage fin 🚀')],
];

describe.each(mocks())('on $name', (mock) => {
  describe('list', () => {
    it('sends no query at all when given no parameters', async () => {
      const { client, sent } = recordingClient({}, mock);
      await expect(client.jobs.list()).resolves.toEqual(defaultAnswer('/fine-tune/jobs', 'get'));
      expect(queryOf(sent)).toEqual([]);
    });

    it.each<[string, readonly JobStatus[]]>([
      ['one status', ['RUNNING']],
      ['several statuses', ['RUNNING', 'STARTING', 'STOPPING']],
      ['every status', JOB_STATUSES],
    ])('sends %s as one statuses parameter each, in order (style form, explode true), never comma-joined', async (_case, statuses) => {
      const { client, sent } = recordingClient({}, mock);
      await expect(client.jobs.list({ statuses })).resolves.toEqual(defaultAnswer('/fine-tune/jobs', 'get'));
      expect(queryOf(sent)).toEqual(statuses.map((status) => ['statuses', status]));
    });

    it('sends statuses as repeated query parameters, with limit and offset', async () => {
      const { client, sent } = recordingClient({}, mock);
      await client.jobs.list({ statuses: ['RUNNING', 'STARTING'], limit: 20, offset: 40 });
      const url = new URL(sent[0]?.url as string);
      expect(url.searchParams.getAll('statuses')).toEqual(['RUNNING', 'STARTING']);
      expect(url.searchParams.get('limit')).toBe('20');
      expect(url.searchParams.get('offset')).toBe('40');
    });

    it.each<[PageParams, [string, string][]]>([
      [{ limit: -1 }, [['limit', '-1']]],
      [{ limit: 0 }, [['limit', '0']]],
      [{ limit: 1 }, [['limit', '1']]],
      [{ limit: MAX }, [['limit', String(MAX)]]],
      [{ offset: 0 }, [['offset', '0']]],
      [{ offset: MAX }, [['offset', String(MAX)]]],
      [{ limit: 1, offset: MAX }, [['limit', '1'], ['offset', String(MAX)]]],
    ])('sends %o as plain integers', async (params, query) => {
      const { client, sent } = recordingClient({}, mock);
      await expect(client.jobs.list(params)).resolves.toEqual(defaultAnswer('/fine-tune/jobs', 'get'));
      expect(queryOf(sent)).toEqual(query);
    });
  });

  describe('metrics', () => {
    it.each<[PageParams, [string, string][]]>([
      [{}, []],
      [{ limit: -1 }, [['limit', '-1']]],
      [{ limit: 0, offset: 0 }, [['limit', '0'], ['offset', '0']]],
      [{ limit: MAX, offset: MAX }, [['limit', String(MAX)], ['offset', String(MAX)]]],
      [{ offset: 5 }, [['offset', '5']]],
    ])('sends %o as limit and offset', async (params, query) => {
      const { client, sent } = recordingClient({}, mock);
      await expect(client.jobs.metrics(JOB_ID, params)).resolves.toEqual(defaultAnswer('/fine-tune/jobs/{job_id}/metrics', 'get'));
      expect(queryOf(sent)).toEqual(query);
    });
  });

  describe('create', () => {
    it.each(BODIES)('sends the body %s as JSON, unchanged', async (_case, body) => {
      const { client, sent } = recordingClient({}, mock);
      await expect(client.jobs.create(body)).resolves.toEqual(defaultAnswer('/fine-tune/jobs', 'post'));
      expect(queryOf(sent)).toEqual([]);
      expect(sent[0]?.headers.get('content-type')).toBe('application/json');
      expect(JSON.parse(sent[0]?.body as string)).toEqual(body);
    });
  });
});
