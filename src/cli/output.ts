// Everything the CLI shows: results on stdout (a table for people, the API's JSON with --json), and progress,
// status changes and questions on stderr, so that stdout holds only the result and can be piped.
import { createInterface } from 'node:readline/promises';
import type { Job, JobMetrics } from '../types.js';
import { formatJob, formatJobs, formatMetrics, paintStatus, useColor } from './format.js';

/** Where the CLI reads and writes; the real process in the binary, something else in tests. */
export interface CliIO {
  env: NodeJS.ProcessEnv;
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
}

/** Prints results as tables for people or as the API's JSON for scripts. */
export class Output {
  private readonly color: boolean;

  /** `json` prints results as the API's JSON instead of tables. Never throws. */
  constructor(
    private readonly io: CliIO,
    private readonly json: boolean,
  ) {
    this.color = useColor(Boolean(io.stdout.isTTY), io.env);
  }

  /** Prints `data` as JSON, or what `human` renders, on stdout. Never throws. */
  print(data: unknown, human: () => string): void {
    this.io.stdout.write(`${this.json ? JSON.stringify(data, null, 2) : human()}\n`);
  }

  /** Prints one job record. Never throws. */
  job(job: Job): void {
    this.print(job, () => formatJob(job, this.color));
  }

  /** Prints a list of job records. Never throws. */
  jobs(jobs: Job[]): void {
    this.print(jobs, () => formatJobs(jobs, this.color));
  }

  /** Prints a job's metrics. Never throws. */
  metrics(metrics: JobMetrics): void {
    this.print(metrics, () => formatMetrics(metrics));
  }

  /** Prints a progress note on stderr. Never throws. */
  note(text: string): void {
    this.io.stderr.write(`${text}\n`);
  }

  /**
   * Shows a job's status on stderr: one line rewritten in place on a terminal, one line per change otherwise
   * (a log file should keep every step). Call {@link endStatus} when done. Never throws.
   */
  status(job: Job): void {
    const line = `${job.id}: ${paintStatus(job.status, useColor(Boolean(this.io.stderr.isTTY), this.io.env))}`;
    if (this.io.stderr.isTTY) this.io.stderr.write(`\r\x1b[2K${line}`);
    else this.io.stderr.write(`${line}\n`);
  }

  /** Ends the live status line, so that what follows starts on a line of its own. Never throws. */
  endStatus(): void {
    if (this.io.stderr.isTTY) this.io.stderr.write('\n');
  }

  /** Whether a person can be asked: both stdin and stdout are terminals. */
  get interactive(): boolean {
    return Boolean(this.io.stdin.isTTY && this.io.stdout.isTTY);
  }

  /**
   * Asks a yes/no question on stderr and resolves to true only for "y" or "yes" (any case); anything else,
   * including an empty answer, is no. Rejects only if stdin fails.
   */
  async confirm(question: string): Promise<boolean> {
    const rl = createInterface({ input: this.io.stdin, output: this.io.stderr as NodeJS.WritableStream });
    try {
      return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
    } finally {
      rl.close();
    }
  }
}
