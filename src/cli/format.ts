// How the CLI shows records to people: aligned tables and key/value blocks, coloured only on a terminal that
// wants colour. Scripts use --json and never see any of this.
import type { Job, JobMetrics, JobStatus } from '../types.js';

/** Whether to colour output: only on a TTY, and never when NO_COLOR is set (https://no-color.org). */
export function useColor(isTTY: boolean, env: NodeJS.ProcessEnv): boolean {
  return isTTY && (env.NO_COLOR === undefined || env.NO_COLOR === '') && env.TERM !== 'dumb';
}

const COLOR: Partial<Record<JobStatus, number>> = {
  COMPLETED: 32,
  STOPPED: 32,
  RUNNING: 36,
  STARTING: 36,
  FINALIZING: 36,
  STOPPING: 33,
  CANCELLED: 35,
  FAILED: 31,
};

/** The status, coloured when `color` is on. */
export function paintStatus(status: JobStatus, color: boolean): string {
  const code = COLOR[status];
  return color && code ? `\x1b[${code}m${status}\x1b[0m` : status;
}

/** Columns padded to their widest cell; the last column is not padded. */
// eslint-disable-next-line no-control-regex -- colour codes start with ESC, which is what the pattern must match
export function table(rows: string[][], visibleLength: (s: string) => number = (s) => s.replace(/\x1b\[[0-9;]*m/g, '').length): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, visibleLength(cell))));
  return rows
    .map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - visibleLength(cell)))).join('  '))
    .join('\n');
}

/** One job as a readable block. */
export function formatJob(job: Job, color: boolean): string {
  const datasets = job.config.datasets.map((d) => `${d.name} (${d.split}): ${d.file_ids.join(', ')}`);
  const rows: string[][] = [
    ['id', job.id],
    ['status', paintStatus(job.status, color)],
    ['name', job.name],
    ['model', job.config.model],
    ...datasets.map((d, i) => [i === 0 ? 'datasets' : '', d]),
    ['created', job.created_at],
    ['updated', job.updated_at],
    ['uuid', job.uuid],
    ['org', job.org_uuid],
    ['inference config', job.inference_config_path ?? '-'],
  ];
  return table(rows);
}

/** Jobs as a table, one row each. */
export function formatJobs(jobs: readonly Job[], color: boolean): string {
  if (jobs.length === 0) return 'No jobs.';
  return table([['ID', 'STATUS', 'NAME', 'MODEL', 'UPDATED'], ...jobs.map((j) => [j.id, paintStatus(j.status, color), j.name, j.config.model, j.updated_at])]);
}

/** Metrics as a table under the latest checkpoint. */
export function formatMetrics(metrics: JobMetrics): string {
  const head = `last checkpoint step: ${metrics.last_checkpoint_step ?? '-'}`;
  if (metrics.metrics.length === 0) return `${head}\nNo metrics logged yet.`;
  const rows = metrics.metrics.map((m) => [String(m.step), String(m.loss), m.eval_loss === null ? '-' : String(m.eval_loss), String(m.learning_rate), String(m.wall_time_sec)]);
  return `${head}\n${table([['STEP', 'LOSS', 'EVAL_LOSS', 'LEARNING_RATE', 'WALL_TIME_SEC'], ...rows])}`;
}
