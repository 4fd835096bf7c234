// The `atai-ft jobs` command of an operation that needs nothing beyond the spec: its path parameters are the
// positionals (a job id is `ID`), its query parameters the flags of generated/cli-flags.ts, read by their rules, and
// its answer printed by its schema. Commands with behaviour of their own (create, stop, cancel, wait) are
// hand-written beside it and take precedence.
import { QUERY_FLAGS } from '../../generated/cli-flags.js';
import { invokeMethod } from '../operations/invoke.js';
import type { OperationSurface } from '../operations/operate.js';
import { resolve, type Rule } from '../operations/request-rules.js';
import type { Job, JobMetrics } from '../types.js';
import type { JobsCommand } from './command.js';
import { UsageError } from './errors.js';
import type { Output } from './output.js';
import { enumProblem, int } from './values.js';

type QueryFlag = keyof typeof QUERY_FLAGS;

/** The flag of each query parameter, by parameter name. */
const FLAG_OF: Readonly<Record<string, QueryFlag>> = Object.fromEntries(Object.entries(QUERY_FLAGS).map(([flag, spec]) => [spec.param, flag as QueryFlag]));

/** The command that carries out `operation` with nothing but what the spec says of it. Never throws. */
export function operationCommand(operation: OperationSurface): JobsCommand {
  const name = `jobs ${operation.name}`;
  const query = operation.query as readonly { name: string; rule: Rule }[];
  const flagOf = (param: string) => FLAG_OF[param] ?? param;
  return {
    synopsis: [
      ...(operation.pathParams as readonly { name: string }[]).map((p) => (p.name === 'job_id' ? 'ID' : p.name.toUpperCase())),
      ...query.map(({ name: param }) => {
        const flag = QUERY_FLAGS[flagOf(param) as QueryFlag] as { value: string; multiple?: boolean } | undefined;
        return `[--${flagOf(param)} ${flag?.value ?? 'VALUE'}]${flag?.multiple ? '...' : ''}`;
      }),
    ].join(' '),
    operationId: operation.operationId,
    async run({ client, out, values, args, signal }) {
      const count: number = operation.pathParams.length;
      if (args.length !== count) {
        throw new UsageError(count === 0 ? `${name} takes no positional arguments, got '${args.join(' ')}'` : `${name} takes exactly ${count === 1 ? 'one job ID' : `${count} arguments`}, got ${args.length}`);
      }
      // Flags of other commands are refused before this runs (commands.ts, from the usage line above).
      const flags = values as Readonly<Record<string, string | string[] | boolean | undefined>>;
      const params: Record<string, unknown> = {};
      for (const { name: param, rule } of query) {
        const raw = flags[flagOf(param)];
        if (typeof raw === 'string' || Array.isArray(raw)) params[param] = flagValue(flagOf(param), rule, raw);
      }
      printAnswer(out, operation, await invokeMethod(client.jobs, operation, args, params, { signal }));
      return 0;
    },
  };
}

/**
 * A flag's text as its parameter's rule reads it: a whole number for an integer (its range from the rule), each of
 * several values (repeated or comma-separated) for an array, an enum value exactly as the spec writes it (`running`
 * is refused, naming `RUNNING`: one rule with the library's `isJobStatus`).
 * @throws {UsageError} naming the flag, what it takes and what was typed.
 */
export function flagValue(flag: string, rule: Rule, raw: string | readonly string[]): unknown {
  const own = resolve(rule);
  if (own.type === 'array') return [raw].flat().flatMap((text) => text.split(',')).map((text) => flagValue(flag, own.items ?? {}, text.trim()));
  const text = [raw].flat().at(-1) ?? '';
  if (own.type === 'integer') return int(text, flag, { min: own.minimum ?? -Infinity, max: own.maximum, note: own.description && own.description.charAt(0).toLowerCase() + own.description.slice(1) });
  if (own.type === 'number') {
    if (!/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(text)) throw new UsageError(`--${flag} must be a number, got '${text}'`);
    return Number(text);
  }
  if (own.type === 'boolean') {
    if (text !== 'true' && text !== 'false') throw new UsageError(`--${flag} must be true or false, got '${text}'`);
    return text === 'true';
  }
  if (own.enum) {
    if (own.enum.includes(text)) return text;
    throw new UsageError(enumProblem(flag, text, own.enum));
  }
  return text;
}

/** Prints an answer by its schema: a job, a list of jobs, metrics, else the JSON itself. Never throws. */
function printAnswer(out: Output, operation: OperationSurface, data: unknown): void {
  const { schema, array } = operation.response as { schema: string | null; array: boolean };
  if (schema === 'Job') {
    if (array) out.jobs(data as Job[]);
    else out.job(data as Job);
  } else if (schema === 'JobMetrics' && !array) out.metrics(data as JobMetrics);
  else out.print(data, () => JSON.stringify(data, null, 2));
}
