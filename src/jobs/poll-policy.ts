// How long to pause before the next status poll: a pure function, so the policy is a table in its test and the
// poll counts it gives are measured on a clock that never sleeps (src/jobs/poll-policy.test.ts, `make bench`).
//
// Short at first, because a stop often completes within seconds; growing by a quarter while nothing changes; capped
// at 15 s, a cap that rises to 5 % of the time waited so far (at most 30 s), because a job still running after an
// hour will not end in the next second. Chosen by measuring stop `{ wait }` over stop durations spread
// log-uniformly (test-support/polling.ts): from 1 s to 1 h it costs 30.4 GETs on average and sees the end 10.1 % of
// the stop's duration late; from 1 s to 60 s, 1.96 s late. The policy before it (0.4 s doubling, 2.5 %): 27.4 GETs,
// 22.9 %, 4.19 s; the one before that (a poll at once, then 1 s growing by half up to 15 s): 34.9, 20.0 %, 3.32 s.

/** The first pause between polls, in ms, unless `intervalMs` says otherwise; also the pause after a status change. */
export const DEFAULT_POLL_INTERVAL_MS = 400;
/** How much longer each pause is than the last while nothing changes. */
const POLL_GROWTH = 1.25;
/** The cap on a pause while the wait is young, in ms. */
const POLL_CAP_MS = 15_000;
/** The share of the time waited so far the cap rises to, once that is above {@link POLL_CAP_MS}. */
const POLL_CAP_SHARE = 0.05;
/** The highest the cap rises, in ms. */
const POLL_CAP_MAX_MS = 30_000;

/** What the next pause depends on. */
export interface PollState {
  /** The pause before the poll just made, in ms; undefined after the first record seen. */
  previousMs: number | undefined;
  /** Whether the poll just made saw the status change (the first record seen counts as a change). */
  changed: boolean;
  /** How long the wait has lasted so far, in ms. */
  waitedMs: number;
}

/** The caller's settings: the first pause, and a fixed cap instead of the rising one. */
export interface PollSettings {
  intervalMs: number;
  maxIntervalMs: number | undefined;
}

/**
 * The pause before the next poll, in ms: the first pause again after a change, else the last one and a quarter,
 * never above the cap (`maxIntervalMs` when given, else 15 s rising to 5 % of the time waited, at most 30 s), and never
 * below the first pause unless the cap is lower. Never throws.
 */
export function nextPollDelay(state: PollState, settings: PollSettings): number {
  const cap = settings.maxIntervalMs ?? Math.min(POLL_CAP_MAX_MS, Math.max(POLL_CAP_MS, POLL_CAP_SHARE * state.waitedMs));
  const wanted = state.changed || state.previousMs === undefined ? settings.intervalMs : state.previousMs * POLL_GROWTH;
  return Math.min(cap, wanted);
}
