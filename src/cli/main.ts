#!/usr/bin/env node
// Entry point of the `atai-ft` binary: runs the command on the real process and exits with its code.
import { run } from './run.js';

process.exitCode = await run(process.argv.slice(2), { env: process.env, stdout: process.stdout, stderr: process.stderr, stdin: process.stdin });
