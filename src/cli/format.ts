// How the CLI shows records to people: aligned tables and key/value blocks, coloured only on a terminal that
// wants colour. Scripts use --json and never see any of this. Every value comes from the server, so every cell
// goes through safe() before any colour code of ours is added.
import type { Job, JobMetrics, JobStatus } from '../types.js';
import { safe, show } from './escape.js';

/** Whether to colour output: only on a TTY, and never when NO_COLOR is set (https://no-color.org). */
export function useColor(isTTY: boolean, env: NodeJS.ProcessEnv): boolean {
  return isTTY && (env.NO_COLOR === undefined || env.NO_COLOR === '') && env.TERM !== 'dumb';
}

// A Map, not an object: a status such as "toString" must not find an inherited property and paint with it.
const COLOR = new Map<string, number>([
  ['COMPLETED', 32],
  ['STOPPED', 32],
  ['RUNNING', 36],
  ['STARTING', 36],
  ['FINALIZING', 36],
  ['STOPPING', 33],
  ['CANCELLED', 35],
  ['FAILED', 31],
] satisfies [JobStatus, number][]);

/** The status (escaped: a server may send anything there), coloured when `color` is on. */
export function paintStatus(status: JobStatus, color: boolean): string {
  const code = COLOR.get(status);
  return color && code ? `\x1b[${code}m${safe(status)}\x1b[0m` : safe(status);
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

/** A field of an answer, escaped, or `-` when the answer lacks it. */
function cell(value: unknown): string {
  return safe(value ?? '-');
}

/** The model of a job, or `-`: only `id` and `status` are checked in an answer, so `config` may be missing. */
function modelOf(job: Job): string {
  const config = job.config as Partial<Job['config']> | undefined;
  return safe(config?.model ?? '-');
}

/** One line per dataset; none when the answer has no list of them. */
function datasetsOf(job: Job): string[] {
  const datasets = (job.config as Partial<Job['config']> | undefined)?.datasets;
  if (!Array.isArray(datasets)) return [];
  return datasets.map((d: Partial<Job['config']['datasets'][number]> | null) =>
    safe(`${show(d?.name ?? '-')} (${show(d?.split ?? '-')}): ${Array.isArray(d?.file_ids) ? d.file_ids.map(show).join(', ') : '-'}`),
  );
}

/** One job as a readable block; a field the answer lacks is shown as `-`. */
export function formatJob(job: Job, color: boolean): string {
  const datasets = datasetsOf(job);
  const rows: string[][] = [
    ['id', safe(job.id)],
    ['status', paintStatus(job.status, color)],
    ['name', cell(job.name)],
    ['model', modelOf(job)],
    ...datasets.map((d, i) => [i === 0 ? 'datasets' : '', d]),
    ['created', cell(job.created_at)],
    ['updated', cell(job.updated_at)],
    ['uuid', cell(job.uuid)],
    ['org', cell(job.org_uuid)],
    ['inference config', safe(job.inference_config_path ?? '-')],
  ];
  return table(rows);
}

/** Jobs as a table, one row each. */
export function formatJobs(jobs: readonly Job[], color: boolean): string {
  if (jobs.length === 0) return 'No jobs.';
  const rows = jobs.map((j) => [safe(j.id), paintStatus(j.status, color), cell(j.name), modelOf(j), cell(j.updated_at)]);
  return table([['ID', 'STATUS', 'NAME', 'MODEL', 'UPDATED'], ...rows]);
}

/** Metrics as a table under the latest checkpoint. */
export function formatMetrics(metrics: JobMetrics): string {
  const head = `last checkpoint step: ${safe(metrics.last_checkpoint_step ?? '-')}`;
  if (metrics.metrics.length === 0) return `${head}\nNo metrics logged yet.`;
  // Metric records are free-form: a key a record lacks is shown as `-`, and keys beyond the typical ones are named
  // under the table, so a record of other keys does not read as "nothing logged".
  const rows = metrics.metrics.map((m) => [m.step, m.loss, m.eval_loss, m.learning_rate, m.wall_time_sec].map(cell));
  const typical = new Set(['step', 'loss', 'eval_loss', 'learning_rate', 'wall_time_sec']);
  const others = [...new Set(metrics.metrics.flatMap((m) => Object.keys(m)))].filter((key) => !typical.has(key));
  const note = others.length > 0 ? `\nother keys: ${others.map(safe).join(', ')} (see --json)` : '';
  return `${head}\n${table([['STEP', 'LOSS', 'EVAL_LOSS', 'LEARNING_RATE', 'WALL_TIME_SEC'], ...rows])}${note}`;
}
