// The CLI's help texts, kept apart from the logic so `--help` reads like a manual page.

export const EXIT_CODES = `Exit codes:
  0  success
  1  the API answered with an error (or some of several jobs failed)
  2  usage error: a bad flag or argument, or no API key
  3  timed out or aborted (including --wait past --timeout)
  4  network failure: no answer from the API`;

export const MAIN_HELP = `atai-ft: start, watch and end Archetype AI fine-tune jobs.

Usage:
  atai-ft jobs create --name NAME --model MODEL --train FILE_ID... [--eval FILE_ID...] [--id ID]
  atai-ft jobs list [--status STATUS]... [--limit N] [--offset N]
  atai-ft jobs get ID
  atai-ft jobs metrics ID [--limit N] [--offset N]
  atai-ft jobs stop ID... [--status STATUS]... [--wait]
  atai-ft jobs cancel ID... [--status STATUS]... [--yes] [--wait]
  atai-ft jobs wait ID [--timeout SECONDS]
  atai-ft mock [--port PORT]

Stop or cancel?
  stop    ends a job gracefully: an evaluation in progress finishes and the latest checkpoint is kept.
  cancel  ends a job at once: nothing is finalized and no further checkpoint is written.

Options:
  --json               print exactly the API's JSON (one document) instead of a table
  --base-url URL       API base URL (default: $ATAI_BASE_URL, else https://api.u1.archetypeai.app/v0.5)
  --timeout SECONDS    time limit of each request; for wait and --wait, how long to wait for the job
  --max-retries N      retries of 429, 5xx and network failures (default 2)
  --interval SECONDS   first pause between status polls of wait and --wait (default 2)
  --verbose            log each request (method, path, status, attempt, duration) to stderr; never the key
  -h, --help           show help (also after a command: atai-ft jobs stop --help)
  -v, --version        show the version

Environment:
  ATAI_API_KEY         your API key (required for jobs commands; never printed)
  ATAI_BASE_URL        API base URL, e.g. the one 'atai-ft mock' prints
  NO_COLOR             set to turn colours off (they are only used on a terminal anyway)

${EXIT_CODES}`;

export const COMMAND_HELP: Record<string, string> = {
  create: `Usage: atai-ft jobs create --name NAME --model MODEL --train FILE_ID... [--eval FILE_ID...] [--id ID]

Creates a fine-tune job (it starts in REGISTERED). FILE_IDs are ids from the Files API, e.g. file-abc123.
Give --id to make the command safe to re-run: a second create with the same id fails with 409 instead of
starting a second job.`,
  list: `Usage: atai-ft jobs list [--status STATUS]... [--limit N] [--offset N]

Lists jobs, optionally only those in the given statuses (repeat --status for several).
Statuses: UNKNOWN REGISTERED STARTING RUNNING COMPLETED FINALIZING STOPPING STOPPED CANCELLED FAILED.`,
  get: `Usage: atai-ft jobs get ID

Shows one job record.`,
  metrics: `Usage: atai-ft jobs metrics ID [--limit N] [--offset N]

Shows a job's training metrics: the latest checkpoint step and one row per logged step.`,
  stop: `Usage: atai-ft jobs stop ID... [--status STATUS]... [--wait]

Stops jobs gracefully: an evaluation in progress finishes and the latest checkpoint is kept. The job goes
STOPPING, then STOPPED. --status selects every job in that status (the count is shown before acting).
--wait waits until each job has ended. To end a job at once without keeping anything, use cancel.`,
  cancel: `Usage: atai-ft jobs cancel ID... [--status STATUS]... [--yes] [--wait]

Cancels jobs immediately: nothing is finalized and no further checkpoint is written. The job goes
CANCELLED. On a terminal you are asked to confirm unless --yes. --status selects every job in that status
(the count is shown before acting). To end a job gracefully and keep its latest checkpoint, use stop.`,
  wait: `Usage: atai-ft jobs wait ID [--timeout SECONDS] [--interval SECONDS]

Waits until the job has ended (COMPLETED, STOPPED, CANCELLED or FAILED), showing each status change, and
prints the final record. Exits 3 when --timeout runs out first.`,
  mock: `Usage: atai-ft mock [--port PORT]

Starts a local mock of the fine-tune API with real job lifecycles (default port 4011) and prints the
ATAI_BASE_URL and ATAI_API_KEY to use with it. Ctrl-C stops it.`,
};
