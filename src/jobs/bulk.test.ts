// stopMany/cancelMany's engine with the action scripted: every id reported once, concurrency bounded and halved on
// 429, aborts reported per id.
import { describe, expect, it } from 'vitest';
import { SEED_STOP_RESPONSE } from '../../test-support/fixtures.js';
import { runMany } from './bulk.js';
import { systemClock } from '../http/clock.js';
import { NotFoundError, RateLimitError } from '../errors/index.js';
import type { Job } from '../types.js';

// The longest pause allowed, as the client's default maxRetryDelayMs.
const CAP = 30_000;
const done = (id: string): Job => ({ ...SEED_STOP_RESPONSE, id });
const answer = (status: number, headers: Record<string, string> = {}) => ({ status, headers: new Headers(headers), rawBody: '', method: 'PUT', path: '/x' });

describe('runMany', () => {
  it('reports each distinct id once, in the order given, done or failed with its error', async () => {
    const report = await runMany(['a', 'b', 'a', 'missing'], async (id) => {
      if (id === 'missing') throw new NotFoundError(answer(404));
      return done(id);
    }, systemClock, CAP);
    expect(report.results.map((r) => [r.id, r.ok])).toEqual([['a', true], ['b', true], ['missing', false]]);
    expect(report.failed[0]?.error).toBeInstanceOf(NotFoundError);
  });

  it('never has more than `concurrency` actions in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const ids = Array.from({ length: 20 }, (_, i) => `j${i}`);
    await runMany(ids, async (id) => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 1));
      inFlight--;
      return done(id);
    }, systemClock, CAP, { concurrency: 3 });
    expect(most).toBe(3);
  });

  it('requeues an id refused with 429 and succeeds with it later', async () => {
    let first = true;
    const report = await runMany(['a'], async (id) => {
      if (first) {
        first = false;
        throw new RateLimitError(answer(429, { 'retry-after': '0' }));
      }
      return done(id);
    }, systemClock, CAP);
    expect(report.succeeded.map((r) => r.id)).toEqual(['a']);
  });

  it('an abort reports the ids not yet started as failed with UserAbortError', async () => {
    const controller = new AbortController();
    const report = await runMany(['a', 'b', 'c'], async (id) => (controller.abort(), done(id)), systemClock, CAP, { concurrency: 1, signal: controller.signal });
    expect(report.results.map((r) => [r.id, r.ok ? 'ok' : r.error.name])).toEqual([['a', 'ok'], ['b', 'UserAbortError'], ['c', 'UserAbortError']]);
  });

  it.each([[0], [1.5], [Number.NaN]])('refuses concurrency %s', async (concurrency) => {
    await expect(runMany(['a'], async (id) => done(id), systemClock, CAP, { concurrency })).rejects.toMatchObject({ name: 'ValidationError', param: 'concurrency' });
  });
});
