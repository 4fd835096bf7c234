// The browser's entry of the smoke suite: the built package, as a bundler would take it from dist/, and the checks.
// esbuild bundles this for the page; the page calls `runSmokeTest(targets)`.
// Typed from src/; the bundle for the runtimes takes dist/ instead (contract-tests/runtimes.test.ts).
import * as pkg from '../src/index.js';
import { runSmoke, type SmokeTargets } from './smoke.js';

(globalThis as { runSmokeTest?: (targets: SmokeTargets) => unknown }).runSmokeTest = (targets: SmokeTargets) => runSmoke(pkg, targets);
