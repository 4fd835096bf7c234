// `atai-ft jobs stop` and `jobs cancel`: end the jobs named or selected by --status, one stderr line per job that
// could not be ended, and optionally wait until each has ended.
import type { Job } from '../types.js';
import type { JobsCommand, JobsContext } from './commands.js';
import { exitCodeFor, oneLine } from './exit-codes.js';
import { statuses, UsageError, waitOptions } from './options.js';

/** `atai-ft jobs stop`: ends jobs gracefully, keeping the latest checkpoint. */
export const stop: JobsCommand = {
  synopsis: 'ID... [--status STATUS]... [--wait]',
  run: (ctx) => endJobs('stop', ctx),
};

/** `atai-ft jobs cancel`: ends jobs at once; asks first on a terminal unless --yes. */
export const cancel: JobsCommand = {
  synopsis: 'ID... [--status STATUS]... [--yes] [--wait]',
  run: (ctx) => endJobs('cancel', ctx),
};

async function endJobs(how: 'stop' | 'cancel', { client, out, values, args }: JobsContext): Promise<number> {
  const byStatus = statuses(values.status);
  if (args.length === 0 && !byStatus) throw new UsageError(`jobs ${how} needs at least one job ID or --status STATUS`);
  const ids = [...args];
  if (byStatus) {
    const selected = await client.jobs.list({ statuses: byStatus });
    ids.push(...selected.map((j) => j.id));
    // Said before acting, so that a --status matching more jobs than expected is visible in the log.
    out.note(`${selected.length} ${plural(selected.length, 'job')} in ${byStatus.join(' or ')}.`);
  }
  if (ids.length === 0) {
    out.print([], () => 'Nothing to do.');
    return 0;
  }
  // Cancelling loses work, so a person is asked; scripts (no terminal) and --yes are not.
  if (how === 'cancel' && !values.yes && out.interactive) {
    const question = `Cancel ${ids.length} ${plural(ids.length, 'job')} now? Nothing is finalized (use 'stop' to keep the latest checkpoint).`;
    if (!(await out.confirm(question))) {
      out.note('Not cancelled.');
      return 1;
    }
  }
  const report = await (how === 'stop' ? client.jobs.stopMany(ids) : client.jobs.cancelMany(ids));
  const done: Job[] = [];
  for (const result of report.results) {
    if (!result.ok) {
      out.note(`atai-ft: ${result.id}: ${oneLine(result.error.message)}`);
      continue;
    }
    if (values.wait) {
      try {
        done.push(await client.jobs.waitForJob(result.id, waitOptions(values, (job) => out.status(job))));
      } finally {
        out.endStatus();
      }
    } else {
      done.push(result.job);
    }
  }
  // One id in, one record out; several ids (or --status) give a list. Failures are already on stderr.
  if (args.length === 1 && !byStatus) {
    if (done[0]) out.job(done[0]);
  } else if (done.length > 0 || values.json) {
    out.jobs(done);
  }
  return report.failed.length === 0 ? 0 : exitCodeFor(report.failed[0]?.error);
}

function plural(n: number, noun: string): string {
  return n === 1 ? noun : `${noun}s`;
}
