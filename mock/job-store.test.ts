// The store alone, on a manual clock: every expected status, timestamp and metric below is written out from the
// documented lifecycle and phase lengths, not computed by the store.
import { describe, expect, it } from 'vitest';
import type { CreateJobParams } from '../src/types.js';
import { jobBody, MODEL } from '../test-support/fixtures.js';
import { MockApiError } from './answer.js';
import { JobStore } from './job-store.js';
import { ManualClock } from './manual-clock.js';

// REGISTERED ends at 1 s, STARTING at 3 s, RUNNING at 13 s, FINALIZING at 15 s; STOPPING lasts 3 s.
const PHASES = { REGISTERED: 1_000, STARTING: 2_000, RUNNING: 10_000, FINALIZING: 2_000, STOPPING: 3_000 };

function setup() {
  const clock = new ManualClock(); // 2026-04-27T14:32:18.421Z
  return { clock, store: new JobStore({ clock, phases: PHASES, msPer100Steps: 1_000 }) };
}

const body = (id?: string, name?: string): CreateJobParams => jobBody(id, name);

function refusal(call: () => unknown): MockApiError {
  try {
    call();
  } catch (error) {
    if (error instanceof MockApiError) return error;
    throw error;
  }
  throw new Error('expected a MockApiError');
}

describe('JobStore lifecycle', () => {
  it('creates a REGISTERED job stamped with microseconds', () => {
    const { store } = setup();
    const job = store.create(body('ftj-a'));
    expect(job).toMatchObject({
      id: 'ftj-a',
      name: 'my-finetune-run',
      status: 'REGISTERED',
      created_at: '2026-04-27T14:32:18.421000Z',
      updated_at: '2026-04-27T14:32:18.421000Z',
      inference_config_path: null,
      config: { model: MODEL, datasets: [{ name: 'training-set', split: 'train', file_ids: ['file-abc123'] }] },
    });
    expect(store.created).toBe(1);
  });

  it('makes an id from the name when none is given', () => {
    const { store } = setup();
    expect(store.create(body(undefined, 'My Run!')).id).toMatch(/^ftj-my-run--[0-9a-f]{8}$/);
  });

  it('moves REGISTERED -> STARTING -> RUNNING -> FINALIZING -> COMPLETED as each phase runs out', () => {
    const { clock, store } = setup();
    store.create(body('ftj-a'));
    const at = (ms: number) => {
      clock.advance(ms);
      return store.get('ftj-a').status;
    };
    expect(at(999)).toBe('REGISTERED');
    expect(at(1)).toBe('STARTING'); // 1 s
    expect(at(1_999)).toBe('STARTING');
    expect(at(1)).toBe('RUNNING'); // 3 s
    expect(at(10_000)).toBe('FINALIZING'); // 13 s
    expect(at(2_000)).toBe('COMPLETED'); // 15 s
    expect(at(60_000)).toBe('COMPLETED');
  });

  it('dates each change when its phase ended, even when read long after', () => {
    const { clock, store } = setup();
    store.create(body('ftj-a'));
    clock.advance(100_000);
    expect(store.get('ftj-a')).toMatchObject({
      status: 'COMPLETED',
      created_at: '2026-04-27T14:32:18.421000Z',
      updated_at: '2026-04-27T14:32:33.421000Z', // + 15 s
      inference_config_path: 's3://atai-finetune/inference-configs/ftj-a.yaml',
    });
  });

  it('stop: RUNNING -> STOPPING now, STOPPED once the STOPPING phase has passed', () => {
    const { clock, store } = setup();
    store.create(body('ftj-a'));
    clock.advance(4_000);
    expect(store.stop('ftj-a')).toMatchObject({ status: 'STOPPING', updated_at: '2026-04-27T14:32:22.421000Z', inference_config_path: null });
    clock.advance(1_000);
    // Stopping a job that is already stopping changes nothing.
    expect(store.stop('ftj-a')).toMatchObject({ status: 'STOPPING', updated_at: '2026-04-27T14:32:22.421000Z' });
    clock.advance(1_999);
    expect(store.get('ftj-a').status).toBe('STOPPING');
    clock.advance(1);
    expect(store.get('ftj-a')).toMatchObject({
      status: 'STOPPED',
      updated_at: '2026-04-27T14:32:25.421000Z',
      inference_config_path: 's3://atai-finetune/inference-configs/ftj-a.yaml',
    });
  });

  it('cancel: CANCELLED at once and for good, with no inference config', () => {
    const { clock, store } = setup();
    store.create(body('ftj-a'));
    clock.advance(4_000);
    expect(store.cancel('ftj-a')).toMatchObject({ status: 'CANCELLED', inference_config_path: null });
    clock.advance(60_000);
    expect(store.get('ftj-a')).toMatchObject({ status: 'CANCELLED', updated_at: '2026-04-27T14:32:22.421000Z' });
  });

  it('setStatus puts a job in any status now, one millisecond after the last change at the latest', () => {
    const { clock, store } = setup();
    store.create(body('ftj-a'));
    store.setStatus('ftj-a', 'FAILED');
    expect(store.get('ftj-a')).toMatchObject({ status: 'FAILED', updated_at: '2026-04-27T14:32:18.422000Z' });
    clock.advance(60_000);
    expect(store.get('ftj-a').status).toBe('FAILED');
  });

  it('hands out copies that do not change when the job moves on', () => {
    const { clock, store } = setup();
    const created = store.create(body('ftj-a'));
    created.status = 'FAILED';
    clock.advance(1_000);
    expect(created.status).toBe('FAILED');
    expect(store.find('ftj-a')?.status).toBe('STARTING');
  });
});

describe('JobStore refusals', () => {
  it('a duplicate id is a 409 and creates nothing', () => {
    const { store } = setup();
    store.create(body('ftj-dup'));
    expect(refusal(() => store.create(body('ftj-dup')))).toMatchObject({
      status: 409,
      code: 'job_already_exists',
      message: 'A fine-tune job with id ftj-dup already exists.',
    });
    expect(store.created).toBe(1);
  });

  it('stopping or cancelling a job that has ended is a 409 that says how it ended', () => {
    const { clock, store } = setup();
    for (const id of ['ftj-done', 'ftj-stopped', 'ftj-cancelled', 'ftj-failed']) store.create(body(id));
    store.stop('ftj-stopped');
    store.cancel('ftj-cancelled');
    store.setStatus('ftj-failed', 'FAILED');
    clock.advance(20_000);
    const expected = { status: 409, code: 'job_already_terminal', suggestion: 'Only jobs that have not ended can be stopped or cancelled.' };
    expect(refusal(() => store.stop('ftj-done'))).toMatchObject({ ...expected, message: 'Job ftj-done has already completed.' });
    expect(refusal(() => store.cancel('ftj-stopped'))).toMatchObject({ ...expected, message: 'Job ftj-stopped has already been stopped.' });
    expect(refusal(() => store.cancel('ftj-cancelled'))).toMatchObject({ ...expected, message: 'Job ftj-cancelled has already been cancelled.' });
    expect(refusal(() => store.stop('ftj-failed'))).toMatchObject({ ...expected, message: 'Job ftj-failed has already failed.' });
  });

  it('an unknown id is a 404 everywhere but find', () => {
    const { store } = setup();
    const notFound = { status: 404, code: 'job_not_found', message: 'No fine-tune job with id ftj-none.' };
    expect(refusal(() => store.get('ftj-none'))).toMatchObject(notFound);
    expect(refusal(() => store.metrics('ftj-none'))).toMatchObject(notFound);
    expect(refusal(() => store.stop('ftj-none'))).toMatchObject(notFound);
    expect(refusal(() => store.cancel('ftj-none'))).toMatchObject(notFound);
    expect(refusal(() => store.setStatus('ftj-none', 'FAILED'))).toMatchObject(notFound);
    expect(store.find('ftj-none')).toBeUndefined();
  });
});

describe('JobStore metrics', () => {
  it('grow by one point per second of RUNNING, with a checkpoint every 200 steps', () => {
    const { clock, store } = setup();
    store.create(body('ftj-a'));
    clock.advance(3_000); // RUNNING from here
    expect(store.metrics('ftj-a')).toEqual({ last_checkpoint_step: null, metrics: [] });
    clock.advance(2_500);
    expect(store.metrics('ftj-a')).toEqual({
      last_checkpoint_step: 200,
      metrics: [
        { step: 100, loss: 1.5385, eval_loss: null, learning_rate: 0.000196, wall_time_sec: 1 },
        { step: 200, loss: 1.25, eval_loss: 1.3462, learning_rate: 0.0001921, wall_time_sec: 2 },
      ],
    });
    clock.advance(1_000);
    expect(store.metrics('ftj-a')).toMatchObject({ last_checkpoint_step: 200, metrics: { length: 3 } });
  });

  it('stop growing when RUNNING ends, whether by finishing or by a stop', () => {
    const { clock, store } = setup();
    store.create(body('ftj-done'));
    store.create(body('ftj-stopped'));
    clock.advance(7_500); // 4.5 s of RUNNING
    store.stop('ftj-stopped');
    expect(store.metrics('ftj-stopped')).toMatchObject({ last_checkpoint_step: 400, metrics: { length: 4 } });
    clock.advance(30_000);
    expect(store.metrics('ftj-stopped')).toMatchObject({ last_checkpoint_step: 400, metrics: { length: 4 } });
    // RUNNING lasted its whole 10 s.
    expect(store.metrics('ftj-done')).toMatchObject({ last_checkpoint_step: 1000, metrics: { length: 10 } });
  });

  it('page with limit and offset', () => {
    const { clock, store } = setup();
    store.create(body('ftj-a'));
    clock.advance(8_000); // 5 points
    expect(store.metrics('ftj-a', { limit: 1, offset: 1 }).metrics.map((p) => p.step)).toEqual([200]);
    expect(store.metrics('ftj-a', { offset: 3 }).metrics.map((p) => p.step)).toEqual([400, 500]);
    expect(store.metrics('ftj-a', { limit: -1, offset: 0 }).metrics.map((p) => p.step)).toEqual([100, 200, 300, 400, 500]);
  });
});

describe('JobStore list', () => {
  it('lists in creation order, filters by status after moving jobs along, and pages', () => {
    const { clock, store } = setup();
    for (const id of ['ftj-a', 'ftj-b', 'ftj-c']) store.create(body(id));
    store.cancel('ftj-b');
    const ids = (options?: Parameters<JobStore['list']>[0]) => store.list(options).map((j) => j.id);
    expect(ids()).toEqual(['ftj-a', 'ftj-b', 'ftj-c']);
    expect(ids({ statuses: ['CANCELLED'] })).toEqual(['ftj-b']);
    expect(ids({ statuses: [] })).toEqual(['ftj-a', 'ftj-b', 'ftj-c']);
    expect(ids({ limit: 2, offset: 1 })).toEqual(['ftj-b', 'ftj-c']);
    expect(ids({ offset: 2 })).toEqual(['ftj-c']);
    expect(ids({ limit: 0 })).toEqual([]);
    expect(ids({ statuses: ['REGISTERED', 'CANCELLED'], limit: 1, offset: 1 })).toEqual(['ftj-b']);
    clock.advance(1_000);
    expect(ids({ statuses: ['REGISTERED'] })).toEqual([]);
    expect(ids({ statuses: ['STARTING'] })).toEqual(['ftj-a', 'ftj-c']);
  });
});
