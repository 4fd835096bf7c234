// The CLI's help texts. The prose is written here; the usage lines, option lists, statuses and exit codes are
// built from the tables the code itself runs on, so the help cannot drift from what the commands accept.
import { SPEC_VERSION, type OperationId } from '../../generated/facts.js';
import { OPERATION_DOCS } from '../../generated/operation-docs.js';
import { JOB_STATUSES, TERMINAL_STATUSES } from '../types.js';
import { JOBS_COMMANDS, type JobsCommandName } from './commands.js';
import { EXIT_CODES } from './exit-codes.js';
import { conformance } from './conformance-command.js';
import { mock } from './mock-command.js';
import { DEFAULT_MOCK_PORT, FLAGS, flagLabel, type FlagSpec } from './options.js';

type CommandName = JobsCommandName | 'mock' | 'conformance';

const USAGE: Record<CommandName, string> = {
  ...(Object.fromEntries(Object.entries(JOBS_COMMANDS).map(([name, command]) => [name, `atai-ft jobs ${name} ${command.synopsis}`])) as Record<JobsCommandName, string>),
  mock: `atai-ft mock ${mock.synopsis}`,
  conformance: `atai-ft conformance ${conformance.synopsis}`,
};

// What each command does, in words written for the CLI; a command derived from a new operation of the spec is
// described by the operation's own description until one is written here.
const ABOUT: Partial<Record<CommandName, string>> = {
  create: `Creates a fine-tune job (it starts in REGISTERED). FILE_IDs are ids from the Files API, e.g. file-abc123.
Give --id to make the command safe to re-run: a second create with the same id fails with 409 instead of
starting a second job, or, with --if-exists return, prints the job the first run made (when its name and config
are those given; else the 409 names what differs).`,
  list: `Lists jobs, optionally only those in the given statuses (repeat --status for several).
Statuses: ${JOB_STATUSES.join(' ')}.`,
  get: `Shows one job record.`,
  metrics: `Shows a job's training metrics: the latest checkpoint step and one row per logged step.`,
  stop: `Stops jobs gracefully: an evaluation in progress finishes and the latest checkpoint is kept. The job goes
STOPPING, then STOPPED. --status selects every job in that status (the count is shown before acting); in a
script (no terminal attached), --status needs --yes.
--wait waits until each job has ended. To end a job at once without keeping anything, use cancel.`,
  cancel: `Cancels jobs immediately: nothing is finalized and no further checkpoint is written. The job goes
CANCELLED. When stdin and stderr are a terminal (even with stdout piped), you are asked to confirm, with the
jobs named, unless --yes; Ctrl-C there cancels nothing (exit 3). --status selects every job in that status
(the count is shown before acting); with no terminal to ask on (a script), --status needs --yes. To end a job
gracefully and keep its latest checkpoint, use stop.`,
  wait: `Waits until the job has ended (${TERMINAL_STATUSES.slice(0, -1).join(', ')} or ${TERMINAL_STATUSES.at(-1) ?? ''}), showing each status change, and
prints the final record. Exits 3 when --timeout runs out first, or on Ctrl-C (the job itself goes on).`,
  mock: `Starts a local mock of the fine-tune API with real job lifecycles (default port ${DEFAULT_MOCK_PORT}) and prints the
ATAI_BASE_URL and ATAI_API_KEY to use with it. Ctrl-C stops it.`,
  conformance: `Checks that the API still answers as the spec (${SPEC_VERSION}) says: the first thing to run when the vendor changes
something. Read-only, with your key: lists a page of jobs unfiltered and one per status, gets up to --max-jobs
of them with their metrics, gets a job id that cannot exist (404) and lists with a wrong key (401). Every answer
(status, content type, body) is checked; each drift is printed with the operation, status, JSON pointer, what
the spec says and what came, then one summary line (--json: one JSON document). Never creates, stops or cancels
anything. Exits 0 when everything conforms, 1 on drift.`,
};

/** The description the spec gives the operation a command carries out. */
function aboutFromSpec(name: CommandName): string {
  const operationId = (JOBS_COMMANDS as Readonly<Record<string, { operationId?: OperationId }>>)[name]?.operationId;
  return operationId ? OPERATION_DOCS[operationId].description : '';
}

/** Two aligned columns, as in the Options and Environment sections. */
function columns(rows: readonly (readonly [string, string])[]): string {
  return rows.map(([label, text]) => `  ${label.padEnd(19)}  ${text}`).join('\n');
}

function flagRows(global: boolean): [string, string][] {
  return (Object.keys(FLAGS) as (keyof typeof FLAGS)[])
    .filter((name) => Boolean((FLAGS[name] as FlagSpec).global) === global)
    .map((name) => [flagLabel(name), FLAGS[name].help]);
}

/** `atai-ft --help`: every command's usage, every flag, the environment and the exit codes. */
export const MAIN_HELP = `atai-ft: start, watch and end Archetype AI fine-tune jobs.

Usage:
${Object.values(USAGE)
  .map((line) => `  ${line}`)
  .join('\n')}

Stop or cancel?
  stop    ends a job gracefully: an evaluation in progress finishes and the latest checkpoint is kept.
  cancel  ends a job at once: nothing is finalized and no further checkpoint is written.

Options:
${columns(flagRows(true))}

Command options:
${columns(flagRows(false))}

Environment:
${columns([
  ['ATAI_API_KEY', 'your API key (required for jobs commands; never printed)'],
  ['ATAI_BASE_URL', "API base URL, e.g. the one 'atai-ft mock' prints"],
  ['NO_COLOR', 'set to turn colours off (they are only used on a terminal anyway)'],
])}

${EXIT_CODES}`;

/** What `atai-ft jobs` without a command prints on stderr: an error line, then the jobs commands' usage lines. */
export const JOBS_USAGE = `atai-ft: error: 'atai-ft jobs' needs a command:
${(Object.keys(JOBS_COMMANDS) as JobsCommandName[]).map((name) => `  ${USAGE[name]}`).join('\n')}
See 'atai-ft jobs <command> --help' for one command, 'atai-ft --help' for everything.`;

/** `atai-ft jobs <command> --help` (and `atai-ft mock --help`), by command name. */
export const COMMAND_HELP: Readonly<Record<CommandName, string>> = Object.fromEntries(
  (Object.keys(USAGE) as CommandName[]).map((name) => [name, `Usage: ${USAGE[name]}\n\n${ABOUT[name] ?? aboutFromSpec(name)}`]),
) as Record<CommandName, string>;

/**
 * The help for a command name (`create`, `mock`...), or the main help when `name` is not a command. Never
 * throws.
 */
export function helpFor(name: string | undefined): string {
  return name !== undefined && Object.hasOwn(COMMAND_HELP, name) ? COMMAND_HELP[name as CommandName] : MAIN_HELP;
}
