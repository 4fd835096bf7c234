// Every `atai-ft` command but --version: the help, the jobs commands, mock and conformance, and the one stderr line
// a failure gets. Imported by run.ts once the command line asks for more than the version, so that `--version`
// evaluates none of it; the client, the mock and the conformance check are imported further down, by the commands
// that use them.
import { runJobsCommand } from './commands.js';
import { conformance } from './conformance-command.js';
import { reportError } from './exit-codes.js';
import { UsageError } from './errors.js';
import { helpFor, JOBS_USAGE, MAIN_HELP } from './help.js';
import { mock } from './mock-command.js';
import type { Flags } from './options.js';
import type { CliIO } from './output.js';

export { reportError };

/**
 * Runs the command `positionals` name with `values`, and resolves to its exit code.
 * @throws {UsageError} for an unknown command; whatever the command throws (run.ts reports it).
 */
export async function dispatch(values: Flags, positionals: readonly string[], io: CliIO): Promise<number> {
  const [group, sub, ...args] = positionals;
  if (values.help) {
    io.stdout.write(`${helpFor(group === 'jobs' ? sub : group)}\n`);
    return 0;
  }
  if (!group) {
    // No command at all: most likely a person exploring, who needs the help more than an error line.
    io.stderr.write(`${MAIN_HELP}\n`);
    return 2;
  }
  if (group === 'mock') return await mock.run({ values, io });
  if (group === 'conformance') return await conformance.run({ values, args: positionals.slice(1), io });
  if (group !== 'jobs') throw new UsageError(`unknown command '${positionals.join(' ')}'`);
  if (!sub) {
    // `atai-ft jobs` alone: a usage error (exit 2), answered with the commands it could have been.
    io.stderr.write(`${JOBS_USAGE}\n`);
    return 2;
  }
  return await runJobsCommand(sub, args, values, io);
}
