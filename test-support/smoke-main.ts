// The smoke checks as a program, for runtimes other than the one running the tests (Node 22/24, Bun, Deno):
// bundled with the built package into one file, run as `RUNTIME build/smoke-runtime.mjs '<targets as JSON>'`,
// it prints the results as JSON. It reads its argument the way each runtime offers it.
// Typed from src/; the bundle for the runtimes takes dist/ instead (contract-tests/runtimes.test.ts).
import * as pkg from '../src/index.js';
import { runSmoke, type SmokeTargets } from './smoke.js';

const runtime = globalThis as { process?: { argv?: string[] }; Deno?: { args: string[] } };
const arg = runtime.Deno ? runtime.Deno.args[0] : runtime.process?.argv?.[2];
const targets = JSON.parse(arg ?? '{}') as SmokeTargets;
console.log(JSON.stringify(await runSmoke(pkg, targets)));
