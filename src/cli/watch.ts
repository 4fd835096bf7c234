// How the CLI waits for a job (`jobs wait`, and `--wait` of stop and cancel): a live status line while waiting,
// ended before anything else is printed, and Ctrl-C reported with the status last seen.
import { UserAbortError } from '../errors/index.js';
import type { Job } from '../types.js';
import type { JobsContext } from './command.js';
import { InterruptedError } from './errors.js';
import { seconds } from './values.js';

/**
 * Polls job `id` until it has ended, showing each status change; --timeout bounds the whole wait and --interval
 * is the first pause between polls. The status line is ended before this returns or throws, so the record or
 * the error printed next starts on a line of its own. `initial`, the stop's or cancel's answer, is the first poll.
 * @throws {UsageError} for a bad --timeout or --interval.
 * @throws {InterruptedError} on Ctrl-C, naming the job and the status last seen.
 * @throws {WaitTimeoutError} when --timeout runs out; any error of the polls (NotFoundError...) as it comes.
 */
export async function watchJob({ client, out, values, signal }: JobsContext, id: string, initial?: Job): Promise<Job> {
  const timeoutMs = seconds(values.timeout, 'timeout');
  const intervalMs = seconds(values.interval, 'interval');
  let last: Job | undefined;
  const onStatus = (job: Job) => {
    last = job;
    out.status(job);
  };
  try {
    return await client.jobs.waitForJob(id, { timeoutMs, intervalMs, onStatus, signal, initial });
  } catch (error) {
    if (!(error instanceof UserAbortError)) throw error;
    // Ctrl-C ends the wait, not the job: say so, and what was last seen, since that is all the user will know.
    const seen = last ? `, last seen ${last.status}` : '';
    throw new InterruptedError(`interrupted while waiting for ${id}${seen}; the job goes on ('atai-ft jobs get ${id}' shows it).`, { cause: error });
  } finally {
    out.endStatus();
  }
}
