// Everything the CLI shows: results on stdout (a table for people, the API's JSON with --json), and progress,
// status changes and questions on stderr, so that stdout holds only the result and can be piped.
import type { Job, JobMetrics } from '../types.js';
import { safe } from './escape.js';
import { formatJob, formatJobs, formatMetrics, paintStatus, useColor } from './format.js';
import { errorLine } from './messages.js';

/** Where the CLI reads and writes; the real process in the binary, something else in tests. */
export interface CliIO {
  env: NodeJS.ProcessEnv;
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  /** Aborted on Ctrl-C (main.ts turns SIGINT into it): ends a request, a wait or the cancel prompt. */
  signal?: AbortSignal;
  /** Called once a command is about to send requests, before its client is made (main.ts tunes the process). */
  beforeRequests?: () => void;
}

/** What a person answered to {@link Output.confirm}. */
export type Confirmation = 'yes' | 'no' | 'interrupted';

/** Prints results as tables for people or as the API's JSON for scripts. */
export class Output {
  private readonly color: boolean;
  /** A status line is on screen and not yet ended. */
  private live = false;

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

  /** Prints the error line of a failure on stderr, for job `id` when given (see errorLine). Never throws. */
  error(error: unknown, id?: string): void {
    this.io.stderr.write(errorLine(error, id));
  }

  /**
   * Shows a job's status on stderr: one line rewritten in place on a terminal, one line per change otherwise
   * (a log file should keep every step). Call {@link endStatus} when done. Never throws.
   */
  status(job: Job): void {
    const line = `${safe(job.id)}: ${paintStatus(job.status, useColor(Boolean(this.io.stderr.isTTY), this.io.env))}`;
    if (!this.io.stderr.isTTY) {
      this.io.stderr.write(`${line}\n`);
      return;
    }
    this.io.stderr.write(`\r\x1b[2K${line}`);
    this.live = true;
  }

  /** Ends the live status line, if one is open, so that what follows starts on a line of its own. Never throws. */
  endStatus(): void {
    if (this.live) this.io.stderr.write('\n');
    this.live = false;
  }

  /**
   * Whether a person can be asked: stdin (to answer) and stderr (where the question goes) are terminals. stdout
   * does not matter: `atai-ft jobs cancel ID --json | jq` still has a person at the keyboard.
   */
  get interactive(): boolean {
    return Boolean(this.io.stdin.isTTY && this.io.stderr.isTTY);
  }

  /**
   * Asks a yes/no question on stderr: "y" or "yes" (any case) is yes; anything else, an empty answer or the end
   * of input (Ctrl-D) is no; Ctrl-C, as a key or as SIGINT (io.signal), is `interrupted`. The prompt's line is
   * ended in every case (readline ends it when the question is cancelled). Never rejects.
   */
  async confirm(question: string): Promise<Confirmation> {
    const { stdin, stderr, signal } = this.io;
    // Raw-mode line editing only on a real terminal: a stream that merely says isTTY cannot switch modes.
    const terminal = typeof (stdin as { setRawMode?: unknown }).setRawMode === 'function';
    // Loaded here: only a cancel on a terminal asks, and readline costs every other command's start.
    const { createInterface } = await import('node:readline/promises');
    const rl = createInterface({ input: stdin, output: stderr as NodeJS.WritableStream, terminal });
    const ask = new AbortController();
    try {
      return await new Promise<Confirmation>((resolve) => {
        const interrupt = () => resolve('interrupted');
        // In raw mode Ctrl-C reaches readline as a key, not as SIGINT; without a listener it would close the prompt.
        rl.on('SIGINT', interrupt);
        signal?.addEventListener('abort', interrupt, { signal: ask.signal });
        if (signal?.aborted) interrupt();
        rl.on('close', () => resolve('no'));
        rl.question(`${question} [y/N] `, { signal: ask.signal }).then(
          (text) => resolve(/^y(es)?$/i.test(text.trim()) ? 'yes' : 'no'),
          () => resolve('no'),
        );
      });
    } finally {
      ask.abort();
      rl.close();
    }
  }
}
