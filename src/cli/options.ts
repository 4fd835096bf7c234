// The flags `atai-ft` accepts, in one table that feeds both node:util parseArgs and the help's option lists, and
// the split of the command line into flag values and positionals. The values are read in values.ts.
import { parseArgs } from 'node:util';
import { DEFAULT_BASE_URL } from '../base-url.js';
import { DEFAULT_MAX_RETRIES } from '../defaults.js';
import { DEFAULT_POLL_INTERVAL_MS } from '../jobs/poll-policy.js';
import { QUERY_FLAGS } from '../../generated/cli-flags.js';
import { DEFAULT_CONFORMANCE_JOBS } from '../validation/limits.js';
import { UsageError } from './errors.js';

/** How one flag is parsed and described. */
export interface FlagSpec {
  type: 'boolean' | 'string';
  short?: string;
  /** The flag may be repeated; its values come as an array. */
  multiple?: boolean;
  /** The value's name in help, e.g. SECONDS; string flags only. */
  value?: string;
  help: string;
  /** Listed under "Options:", as it applies to every jobs command; the others under "Command options:". */
  global?: boolean;
  /** The spec's query parameter the flag sets (generated/cli-flags.ts). */
  param?: string;
}

/** The port `atai-ft mock` listens on unless --port says otherwise. */
export const DEFAULT_MOCK_PORT = 4011;

/**
 * Every flag, in the order help lists them: the global ones, the query parameters' (from the spec), then the
 * commands' own.
 */
export const FLAGS = {
  json: { type: 'boolean', global: true, help: "print exactly the API's JSON (one document) instead of a table; conformance: the report" },
  'base-url': { type: 'string', value: 'URL', global: true, help: `API base URL (default: $ATAI_BASE_URL, else ${DEFAULT_BASE_URL})` },
  timeout: { type: 'string', value: 'SECONDS', global: true, help: 'time limit of each request; for wait and --wait, how long to wait for the job' },
  'max-retries': { type: 'string', value: 'N', global: true, help: `retries of 429, 5xx and network failures (default ${DEFAULT_MAX_RETRIES})` },
  interval: { type: 'string', value: 'SECONDS', global: true, help: `first pause between status polls of wait and --wait, growing by a quarter while nothing changes (default ${DEFAULT_POLL_INTERVAL_MS / 1000})` },
  verbose: { type: 'boolean', global: true, help: 'log each request (method, path, status, attempt, duration) to stderr; never the key' },
  help: { type: 'boolean', short: 'h', global: true, help: 'show help (also after a command: atai-ft jobs stop --help)' },
  version: { type: 'boolean', short: 'v', global: true, help: 'show the version' },
  ...QUERY_FLAGS,
  // Also read by stop and cancel, which select jobs with it: their help says so.
  status: { ...QUERY_FLAGS.status, help: 'only jobs in this status; repeat or comma-separate for several (list, stop, cancel)' },
  name: { type: 'string', value: 'NAME', help: 'name of the new job (create)' },
  model: { type: 'string', value: 'MODEL', help: 'the model to fine-tune (create)' },
  train: { type: 'string', value: 'FILE_ID', multiple: true, help: 'a training file from the Files API; repeat for several (create)' },
  eval: { type: 'string', value: 'FILE_ID', multiple: true, help: 'an evaluation file; repeat for several (create)' },
  id: { type: 'string', value: 'ID', help: 'your own id for the job, so that re-running create cannot start a second one (create)' },
  'if-exists': { type: 'string', value: 'MODE', help: "when the job --id names exists: error (the default: exit 1), or return: print it if its name and config are those given (create)" },
  wait: { type: 'boolean', help: 'wait until each job has ended (stop, cancel)' },
  yes: { type: 'boolean', short: 'y', help: 'cancel without asking, even on a terminal; needed to stop or cancel by --status with no terminal (stop, cancel)' },
  'max-jobs': { type: 'string', value: 'N', help: `how many jobs to read, with their metrics (conformance; default ${DEFAULT_CONFORMANCE_JOBS})` },
  port: { type: 'string', value: 'PORT', help: `port the mock listens on; 0 picks a free one (mock; default ${DEFAULT_MOCK_PORT})` },
} as const satisfies Record<string, FlagSpec>;

/** A flag's name as typed, e.g. `--base-url URL` or `-h, --help`. */
export function flagLabel(name: keyof typeof FLAGS): string {
  const spec: FlagSpec = FLAGS[name];
  return `${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.value ? ` ${spec.value}` : ''}`;
}

type ParseOptions = { [K in keyof typeof FLAGS]: Pick<(typeof FLAGS)[K], Extract<keyof (typeof FLAGS)[K], 'type' | 'short' | 'multiple'>> };

// parseArgs gets only the keys it knows; the cast restores the literal types its typed result is inferred from.
const PARSE_OPTIONS = Object.fromEntries(
  Object.entries(FLAGS).map(([name, spec]: [string, FlagSpec]) => [
    name,
    { type: spec.type, ...(spec.short ? { short: spec.short } : {}), ...(spec.multiple ? { multiple: true } : {}) },
  ]),
) as ParseOptions;

/** The flag values of one invocation, typed from {@link FLAGS}. */
export type Flags = ReturnType<typeof parseArgs<{ options: ParseOptions; allowPositionals: true; strict: true }>>['values'];

/**
 * Splits the command line into flag values and positionals. A negative number after a flag that takes a value is
 * that flag's value: `--limit -1` works as `--limit=-1` does.
 * @throws {UsageError} for an unknown flag, a missing value or a value given to a boolean flag.
 */
export function parseFlags(argv: readonly string[]): { values: Flags; positionals: string[] } {
  try {
    return parseArgs({ args: joinNegativeNumbers(argv), options: PARSE_OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS_')) throw error;
    // Node's hint about '--' is noise here: no positional of atai-ft starts with a dash. Lower case, as every
    // other message after "atai-ft: error: " is.
    const message = (error as Error).message.replace(/\. To specify a positional.*$/s, '');
    throw new UsageError(message.charAt(0).toLowerCase() + message.slice(1));
  }
}

// parseArgs reads `--limit -1` as --limit without a value followed by an unknown option -1 ("argument is
// ambiguous"). People type negative numbers that way, so such a pair is joined into `--limit=-1` first. Only a
// number is taken: `--name -x` stays an error, and nothing after `--` is touched.
function joinNegativeNumbers(argv: readonly string[]): string[] {
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const next = argv[i + 1];
    if (arg === '--') return [...args, ...argv.slice(i)];
    if (next !== undefined && /^-\.?\d/.test(next) && takesValue(arg)) {
      args.push(`${arg}=${next}`);
      i++;
    } else {
      args.push(arg);
    }
  }
  return args;
}

function takesValue(arg: string): boolean {
  const name = /^--([a-z-]+)$/.exec(arg)?.[1];
  return name !== undefined && Object.hasOwn(FLAGS, name) && (FLAGS[name as keyof typeof FLAGS] as FlagSpec).type === 'string';
}
