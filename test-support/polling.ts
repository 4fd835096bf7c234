// Polling measured on a clock that never sleeps: what `stop(id, { wait: true })` costs in GETs, and how late it
// sees the end, for a stop that takes a given time; and the same figures for the policy before the current one,
// written out here as the reference. Shared by src/poll-policy.test.ts and the benchmark.
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

/** The policy before the current one: a poll at once, then 1 s growing by half up to 15 s. */
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
