// `make bench`: every benchmark in one run, each figure a ratio against a baseline measured in the same run.
// Prints one table and writes it, with the machine, Node version and date, to bench/RESULTS.md.
// Set BENCH_QUICK=1 for a short smoke run (fewer rounds; figures noisier, not written to RESULTS.md).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { benchBulk } from './bulk.js';
import { benchCliStart } from './cli-start.js';
import { benchOverhead } from './overhead.js';
import { benchSize } from './size.js';
import { cell, fmt } from './stats.js';
import { benchTestTime } from './test-time.js';
import { benchWire } from './wire.js';
import { averageCost, doublingPolicyCost, previousPolicyCost, stopWaitCost } from '../test-support/polling.js';

const quick = process.env.BENCH_QUICK === '1';
const skipTestTime = process.env.BENCH_SKIP_TEST_TIME === '1' || quick;
const rows: string[][] = [];
const row = (what: string, figure: string, goal: string, met: boolean | undefined, detail: string) =>
  rows.push([what, figure, goal, met === undefined ? '-' : met ? 'met' : 'MISSED', detail]);
const log = (text: string) => process.stderr.write(`${text}\n`);

log('1/6 over the wire...');
for (const r of await benchWire({ calls: quick ? 300 : 2_000, rounds: quick ? 3 : 7 })) {
  const us = (name: string) => {
    const s = r.perCallUs[name];
    if (!s) throw new Error(`missing contender ${name}`);
    return s.median;
  };
  const c = r.concurrency;
  const detail = Object.entries(r.perCallUs)
    .map(([name, s]) => `${name} ${cell(s, 0)} µs/call, ${fmt(r.throughput[name]?.median ?? 0, 0)}/s`)
    .join('; ');
  const node = us('facade stop(), node transport');
  // Issue 22: the facade over the Node transport within 1.3x a bare undici.request at both concurrencies.
  const goals = c === 1 ? { raw: 0.7, undici: 1.3 } : { raw: 0.5, undici: 1.3 };
  row(`wire c=${c}: node transport facade / raw fetch`, fmt(node / us('raw fetch')), `<= ${goals.raw}`, node / us('raw fetch') <= goals.raw, detail);
  row(`wire c=${c}: node transport facade / undici.request`, fmt(node / us('undici.request')), `<= ${goals.undici}`, node / us('undici.request') <= goals.undici, '');
  const viaFetch = us('facade stop(), fetch transport') / us('bare openapi-fetch');
  row(`wire c=${c}: fetch transport facade / bare openapi-fetch`, fmt(viaFetch), '<= 1.10', viaFetch <= 1.1, '');
}

log('2/6 pure overhead...');
const overhead = await benchOverhead({ calls: quick ? 500 : 5_000, rounds: quick ? 3 : 7 });
{
  const bare = overhead['bare openapi-fetch'];
  const facade = overhead['facade stop()'];
  if (!bare || !facade) throw new Error('missing contender');
  const ratio = facade.median / bare.median;
  row('stub fetch: facade / bare openapi-fetch (time per call)', fmt(ratio), '<= 1.25', ratio <= 1.25, `bare ${cell(bare, 1)} µs, facade ${cell(facade, 1)} µs (min/median/max)`);
  const validating = overhead['facade stop(), validateResponses'];
  if (!validating) throw new Error('missing contender');
  const cost = validating.median / facade.median;
  row('stub fetch: validateResponses / off (time per call)', fmt(cost), '<= 1.25', cost <= 1.25, `validating ${cell(validating, 1)} µs, +${fmt(validating.median - facade.median, 1)} µs per call`);
}

log('3/6 bundle size...');
{
  const { openapiFetch: base, stopCancel: app, stopCancelValidating: validating, budget } = await benchSize();
  const kB = (bytes: number) => `${fmt(bytes / 1024, 1)} kB`;
  // The budget is in bytes: a figure rounded to 0.1 kB could read as within it when it is a few bytes over.
  row('bundle: stop/cancel app (browser), up front, minified', `${app.minified} B`, `<= ${budget.minifiedBytes} B`, app.minified <= budget.minifiedBytes, `${kB(app.minified)}; openapi-fetch alone ${kB(base.minified)} (x${fmt(app.minified / base.minified)}); budget in bench/size-budget.json, checked by make test`);
  row('bundle: stop/cancel app (browser), up front, gzip', `${app.gzip} B`, `<= ${budget.gzipBytes} B`, app.gzip <= budget.gzipBytes, `${kB(app.gzip)}; openapi-fetch alone ${kB(base.gzip)} (x${fmt(app.gzip / base.gzip)}); issue 22's goal: <= 11 kB`);
  row('bundle: loaded when a call needs it, gzip', `${app.lazy.gzip} B`, `<= ${budget.lazyGzipBytes} B`, app.lazy.gzip <= budget.lazyGzipBytes, `${app.lazy.files} files, ${kB(app.lazy.minified)} minified: ${app.lazy.modules.join(', ')}`);
  row('bundle: validateResponses adds (gzip)', kB(validating.gzip - app.gzip), '-', undefined, `minified +${kB(validating.minified - app.minified)}; when off the bundle has none of it (contract-tests/size.test.ts)`);
}

log('4/6 CLI start...');
const cli = await benchCliStart({ perRound: quick ? 2 : 6, rounds: quick ? 2 : 5 });
{
  const node = cli['node -e 0']?.exit;
  const version = cli['atai-ft --version']?.exit;
  const help = cli['atai-ft --help']?.exit;
  const get = cli['atai-ft jobs get'];
  const bare = cli['bare undici.request'];
  if (!node || !version || !help || !get?.arrival || !bare?.arrival) throw new Error('missing contender');
  const versionRatio = version.median / node.median;
  const helpRatio = help.median / node.median;
  const getRatio = get.arrival.median / node.median;
  row('CLI start: atai-ft --version / node -e 0', fmt(versionRatio), '<= 1.3', versionRatio <= 1.3, `node ${cell(node, 1)} ms, --version ${cell(version, 1)} ms`);
  row('CLI start: atai-ft --help / node -e 0', fmt(helpRatio), '<= 1.3', helpRatio <= 1.3, `--help ${cell(help, 1)} ms`);
  row(
    'CLI start: jobs get, to the request / node -e 0',
    fmt(getRatio),
    '<= 1.3',
    getRatio <= 1.3,
    `the request arrives ${cell(get.arrival, 1)} ms after the start, the process ends ${cell(get.exit, 1)} ms (${fmt(get.exit.median / node.median)}x); a bare undici.request script's request ${cell(bare.arrival, 1)} ms (${fmt(bare.arrival.median / node.median)}x), its end ${cell(bare.exit, 1)} ms: the CLI / that script, to the request ${fmt(get.arrival.median / bare.arrival.median)}`,
  );
}

log('polling...');
{
  // stop { wait } over stop durations spread log-uniformly (issue 22's measure): the policy now, and the two before.
  const S = 1_000;
  const samples = quick ? 4_000 : 20_000;
  const policies = [
    ['now (0.4 s x1.25, cap 15 s rising to 5 %, 30 s)', stopWaitCost],
    ['doubling (0.4 s x2, cap 15 s rising to 2.5 %, 30 s)', doublingPolicyCost],
    ['first (a poll at once, 1 s x1.5, cap 15 s)', previousPolicyCost],
  ] as const;
  const hour = [];
  const minute = [];
  for (const [, cost] of policies) {
    hour.push(await averageCost(cost, S, 3_600 * S, samples));
    minute.push(await averageCost(cost, S, 60 * S, samples));
  }
  const [now] = hour;
  const [nowMinute] = minute;
  if (!now || !nowMinute) throw new Error('missing policy');
  const others = (values: string[]) => policies.slice(1).map(([name], i) => `${name}: ${values[i + 1] ?? ''}`).join('; ');
  const gets = hour.map((a) => fmt(a.gets, 1));
  const share = hour.map((a) => `${fmt(a.lateShare * 100, 1)} %`);
  const late = minute.map((a) => `${fmt(a.lateMs / S, 2)} s`);
  row('polling, stops 1 s..1 h: mean GETs', gets[0] ?? '', '<= 34.9', now.gets <= 34.9, `${policies[0][0]}; ${others(gets)}`);
  row('polling, stops 1 s..1 h: mean lateness / duration', share[0] ?? '', '<= 12 %', now.lateShare <= 0.12, `${policies[0][0]}; ${others(share)}`);
  row('polling, stops 1 s..60 s: mean lateness', late[0] ?? '', '<= 2.5 s', nowMinute.lateMs <= 2.5 * S, `${policies[0][0]}; ${others(late)}`);
}

log('5/6 bulk stop under a rate limit...');
// 3.5 windows' worth in quick mode: three full windows to measure and a last, partial one (left out).
const bulk = await benchBulk({ jobs: quick ? 700 : 1_000, perSecond: 200 });
{
  const { rate } = bulk;
  const share = rate.share;
  row('bulk stopMany: lost, duplicated', `${bulk.lost}, ${bulk.duplicated}`, '0, 0', bulk.lost === 0 && bulk.duplicated === 0, `${bulk.jobs} jobs, ${bulk.reportedFailed} reported failed, ${bulk.rejected429} answers were 429`);
  const perWindow = rate.full.map((w) => w.admitted);
  const last = rate.windows.at(-1);
  const leftOut = `the last window (${last?.admitted ?? 0} let through) left out: the run ended in it`;
  const detail =
    share === undefined
      ? `the whole run (${fmt(bulk.seconds, 1)} s) was inside one window of the limit: no full window to measure`
      : `per window as the mock's limit counts them: ${perWindow.reduce((a, b) => a + b, 0)} let through in ${rate.full.length} full windows (${Math.min(...perWindow)} to ${Math.max(...perWindow)} each), over ${fmt(rate.spanMs / 1000, 2)} s from the first window's start to the last's (waits between windows count), = ${fmt(share * bulk.allowedPerSecond, 1)}/s of ${bulk.allowedPerSecond}/s; ${leftOut}; whole run ${fmt(bulk.seconds, 1)} s`;
  row('bulk stopMany: achieved / allowed rate', share === undefined ? 'not measured' : `${fmt(share * 100, 1)} %`, '>= 90 %', share === undefined ? undefined : share >= 0.9, detail);
}

if (skipTestTime) {
  log('6/6 make test wall time: skipped (BENCH_QUICK or BENCH_SKIP_TEST_TIME)');
} else {
  log('6/6 make test wall time (runs the whole suite)...');
  const t = benchTestTime();
  const prism = t.prismStartSeconds.reduce((a, b) => a + b, 0);
  row('make test wall time (after install)', `${fmt(t.wallSeconds, 1)} s`, '-', undefined, `${t.prismStarts} Prism starts, ${t.prismStartSeconds.map((s) => fmt(s, 1)).join(' + ')} s = ${fmt((prism / t.wallSeconds) * 100, 1)} % of the wall time (they overlap other work)`);
}

const header = ['what', 'figure', 'goal', 'status', 'detail (min / median / max where repeated)'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(i === 4 ? 0 : (widths[i] ?? 0))).join(' | ')} |`;
const table = [line(header), `|${widths.map((w, i) => '-'.repeat(i === 4 ? 3 : w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
console.log(table);

if (!quick) {
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${fmt(os.totalmem() / 2 ** 30, 0)} GiB, ${os.platform()} ${os.release()}`;
  const out = `# Benchmark results\n\nMachine: ${machine}\nNode: ${process.version}\nDate: ${new Date().toISOString()}\nCommit: ${commit}\n\n${table}\n`;
  writeFileSync(fileURLToPath(new URL('RESULTS.md', import.meta.url)), out);
  log('written to bench/RESULTS.md');
}
