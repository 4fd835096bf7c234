// The `atai-ft` command: parses the command line, answers --version, hands the rest to dispatch.ts, and turns every
// failure into one stderr line and a documented exit code. Nothing else is loaded before it is needed: `--version`
// loads none of the commands, `--help` none of the client (bench/cli-start.ts).
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
    if (values.version) {
      io.stdout.write(`${packageVersion()}\n`);
      return 0;
    }
    return await (await import('./dispatch.js')).dispatch(values, positionals, io);
  } catch (error) {
    return (await import('./dispatch.js')).reportError(error, io);
  }
}
