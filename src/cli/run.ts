// The `atai-ft` command: parses the command line, answers --version and --help, hands the rest to a command, and
// turns every failure into one stderr line and a documented exit code.
import { runJobsCommand } from './commands.js';
import { conformance } from './conformance-command.js';
import { reportError } from './exit-codes.js';
import { UsageError } from './errors.js';
import { helpFor, JOBS_USAGE, MAIN_HELP } from './help.js';
import { mock } from './mock-command.js';
import { parseFlags } from './options.js';
import type { CliIO } from './output.js';
import { packageVersion } from './version.js';

/**
 * Runs one `atai-ft` invocation and resolves to its exit code (see EXIT_CODES in exit-codes.ts). Never throws
 * or rejects: every failure is printed as one line on stderr.
 */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  try {
    const { values, positionals } = parseFlags(argv);
    const [group, sub, ...args] = positionals;
    if (values.version) {
      io.stdout.write(`${packageVersion()}\n`);
      return 0;
    }
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
  } catch (error) {
    return reportError(error, io);
  }
}
