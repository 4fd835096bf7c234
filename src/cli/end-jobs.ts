// `atai-ft jobs stop` and `jobs cancel`: end the jobs named or selected by --status, one stderr line per job that
// could not be ended, and optionally wait until each has ended.
import { UserAbortError } from '../errors/index.js';
import type { Job } from '../types.js';
import type { JobsCommand, JobsContext } from './command.js';
import { InterruptedError, UsageError } from './errors.js';
import { safe } from './escape.js';
import { exitCodeFor } from './exit-codes.js';
import { statuses } from './values.js';
import { watchJob } from './watch.js';

/** `atai-ft jobs stop`: ends jobs gracefully, keeping the latest checkpoint. */
export const stop: JobsCommand = {
  synopsis: 'ID... [--status STATUS]... [--yes] [--wait]',
  operationId: 'stopJob',
  run: (ctx) => endJobs('stop', ctx),
};

/** `atai-ft jobs cancel`: ends jobs at once; asks first when a person is there to answer, unless --yes. */
export const cancel: JobsCommand = {
  synopsis: 'ID... [--status STATUS]... [--yes] [--wait]',
  operationId: 'cancelJob',
  run: (ctx) => endJobs('cancel', ctx),
};

/** How many jobs the prompt names before it only counts the rest. */
const NAMED_IN_PROMPT = 3;

async function endJobs(how: 'stop' | 'cancel', ctx: JobsContext): Promise<number> {
  const { client, out, values, args, signal } = ctx;
  const byStatus = statuses(values.status);
  if (args.length === 0 && !byStatus) throw new UsageError(`jobs ${how} needs at least one job ID or --status STATUS`);
  // A filter ends jobs nobody named, maybe many: with no terminal to ask on (a script, a cron job), only an explicit
  // --yes sends anything, as gh asks of destructive commands in scripts. Checked before the jobs are even listed.
  if (byStatus && !values.yes && !out.interactive) {
    throw new UsageError(`jobs ${how} --status ${byStatus.join(',')} would ${how} every job in ${plural(byStatus.length, 'that status', 'those statuses')}, with no terminal attached: in a script, add --yes to ${how} them`);
  }
  const ids = [...args];
  if (byStatus) {
    const selected = await client.jobs.list({ statuses: byStatus }, { signal });
    ids.push(...selected.map((j) => j.id));
    // Said before acting, so that a --status matching more jobs than expected is visible in the log.
    out.note(`${selected.length} ${plural(selected.length, 'job')} in ${byStatus.join(' or ')}.`);
  }
  if (ids.length === 0) {
    out.print([], () => 'Nothing to do.');
    return 0;
  }
  // Cancelling loses work, so a person is asked; scripts (no terminal to answer on) and --yes are not.
  if (how === 'cancel' && !values.yes && out.interactive) {
    const answer = await out.confirm(`Cancel ${describe(ids)} now? Nothing is finalized (use 'stop' to keep the latest checkpoint).`);
    if (answer === 'interrupted') throw new InterruptedError('aborted, nothing cancelled.');
    if (answer === 'no') {
      out.note('Not cancelled.');
      return 1;
    }
  }
  const report = await (how === 'stop' ? client.jobs.stopMany(ids, { signal }) : client.jobs.cancelMany(ids, { signal }));
  const done: Job[] = [];
  for (const result of report.results) {
    if (!result.ok) out.error(result.error, result.id);
    // --wait starts from the stop's or cancel's own answer (no GET for what it just said), when it is that job's.
    else done.push(values.wait ? await watchJob(ctx, result.id, result.job.id === result.id ? result.job : undefined) : result.job);
  }
  // One id in, one record out; several ids (or --status) give a list. Failures are already on stderr.
  if (args.length === 1 && !byStatus) {
    if (done[0]) out.job(done[0]);
  } else if (done.length > 0 || values.json) {
    out.jobs(done);
  }
  // Ctrl-C left some ids unsent: that is what the user needs to know first (exit 3), more than any API error.
  const failure = report.failed.find((f) => f.error instanceof UserAbortError) ?? report.failed[0];
  return failure ? exitCodeFor(failure.error) : 0;
}

/** `1 job (ftj-a)`, or `5 jobs (ftj-a, ftj-b, ftj-c and 2 more)`: the user sees what they are about to end. */
function describe(ids: readonly string[]): string {
  const named = ids.slice(0, NAMED_IN_PROMPT).map(safe).join(', ');
  const more = ids.length > NAMED_IN_PROMPT ? ` and ${ids.length - NAMED_IN_PROMPT} more` : '';
  return `${ids.length} ${plural(ids.length, 'job')} (${named}${more})`;
}

function plural(n: number, noun: string, nouns = `${noun}s`): string {
  return n === 1 ? noun : nouns;
}
