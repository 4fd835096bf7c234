// The browser's entry of the smoke suite: the built package, as a bundler would take it from dist/, and the checks.
// esbuild bundles this for the page; the page calls `runSmokeTest(targets)`.
import * as pkg from '../dist/src/index.js';
import { runSmoke, type SmokeTargets } from './smoke.js';

(globalThis as { runSmokeTest?: (targets: SmokeTargets) => unknown }).runSmokeTest = (targets: SmokeTargets) => runSmoke(pkg, targets);
