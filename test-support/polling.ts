// Polling measured on a clock that never sleeps: what `stop(id, { wait: true })` costs in GETs, and how late it
// sees the end, for a stop that takes a given time, and averaged over stop durations spread log-uniformly; and the
// same figures for the two policies before the current one, written out here as references. Shared by
// src/jobs/poll-policy.test.ts and the benchmark.
import type { Clock } from '../src/http/clock.js';
import type { Job } from '../src/types.js';
import { pollJob } from '../src/jobs/wait.js';
import { SEED_STOP_RESPONSE } from './fixtures.js';

/** GETs made while waiting, and how long after the job ended the wait noticed it, in ms. */
export interface PollCost {
  gets: number;
  seenAfterMs: number;
}

/** stop(id, { wait: true }) as the client runs it: the stop's STOPPING answer, then polls until STOPPED. */
export async function stopWaitCost(stopTakesMs: number): Promise<PollCost> {
  let t = 0;
  const clock: Clock = {
    now: () => t,
    sleep: async (ms) => {
      t += ms;
    },
  };
  let gets = 0;
  const get = async (): Promise<Job> => {
    gets++;
    return { ...SEED_STOP_RESPONSE, status: t >= stopTakesMs ? 'STOPPED' : 'STOPPING' };
  };
  await pollJob(get, clock, 'ftj-1', {}, [], { ...SEED_STOP_RESPONSE, status: 'STOPPING' });
  return { gets, seenAfterMs: t - stopTakesMs };
}

/** The first policy (before the doubling one): a poll at once, then 1 s growing by half up to 15 s. */
export function previousPolicyCost(stopTakesMs: number): PollCost {
  let t = 0;
  let gets = 1;
  let pause = 1_000;
  while (t < stopTakesMs) {
    t += pause;
    gets++;
    pause = Math.min(15_000, pause * 1.5);
  }
  return { gets, seenAfterMs: t - stopTakesMs };
}

/** The doubling policy, the one before the current one: 0.4 s after the stop's answer, doubling, capped at 15 s
 * rising to 2.5 % of the time waited (at most 30 s). */
export function doublingPolicyCost(stopTakesMs: number): PollCost {
  let t = 0;
  let gets = 0;
  let pause = 0;
  while (t < stopTakesMs) {
    pause = Math.min(Math.min(30_000, Math.max(15_000, 0.025 * t)), pause === 0 ? 400 : pause * 2);
    t += pause;
    gets++;
  }
  return { gets, seenAfterMs: t - stopTakesMs };
}

/** Means over stop durations spread log-uniformly from `fromMs` to `toMs`. */
export interface PollAverages {
  gets: number;
  /** How late the end is seen, as a share of the stop's duration. */
  lateShare: number;
  /** How late the end is seen, in ms. */
  lateMs: number;
}

/** The means of `cost` over `samples` stop durations, evenly spaced in log scale from `fromMs` to `toMs`. */
export async function averageCost(cost: (stopTakesMs: number) => PollCost | Promise<PollCost>, fromMs: number, toMs: number, samples: number): Promise<PollAverages> {
  let gets = 0;
  let lateShare = 0;
  let lateMs = 0;
  for (let i = 0; i < samples; i++) {
    const takes = Math.exp(Math.log(fromMs) + ((Math.log(toMs) - Math.log(fromMs)) * (i + 0.5)) / samples);
    const { gets: g, seenAfterMs } = await cost(takes);
    gets += g;
    lateShare += seenAfterMs / takes;
    lateMs += seenAfterMs;
  }
  return { gets: gets / samples, lateShare: lateShare / samples, lateMs: lateMs / samples };
}
