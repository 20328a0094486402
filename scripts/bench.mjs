#!/usr/bin/env node
// `npm run bench`: the performance figures of issue 8, each as a ratio against a
// baseline measured side by side in the same run. Not part of `npm test`
// (timed tests are flaky by nature); docs/performance.md records a run.
//
//   npm run bench                      all sections (a few minutes)
//   npm run bench -- --only startup    startup | watch | many | plan (comma-separated)
//   npm run bench -- --quick           fewer runs and jobs, for a smoke test
//   npm run bench -- --builtin-timer   never use hyperfine for start-up
//   npm run bench -- --json FILE       also write every figure as JSON
//   npm run bench -- --no-build        use dist/ as it is
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { benchStartup } from './bench/startup.mjs';
import { benchWatch, fmtDur, LONG_MS } from './bench/watch.mjs';
import { benchMany } from './bench/many.mjs';
import { benchPlan } from './bench/plan.mjs';
import { heading, machineFacts, rootPath, table, fmtS, fmtX } from './bench/util.mjs';

const { values: flags } = parseArgs({
  options: {
    only: { type: 'string' },
    quick: { type: 'boolean', default: false },
    'builtin-timer': { type: 'boolean', default: false },
    json: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
  },
});
const sections = new Set((flags.only ?? 'startup,watch,many,plan').split(',').map((s) => s.trim()));
for (const s of sections) if (!['startup', 'watch', 'many', 'plan'].includes(s)) throw new Error(`--only: unknown section ${s} (startup, watch, many, plan)`);
const quick = flags.quick;
const cacheDir = rootPath('node_modules/.cache/sdrs-bench/');
mkdirSync(cacheDir, { recursive: true });
const started = performance.now();

const facts = machineFacts();
console.log(`sdrs benchmark: Node ${facts.node}, ${facts.platform}, ${facts.cpus} CPU(s) (${facts.cpuModel}), ${facts.memory} RAM, load average ${facts.load}; hyperfine: ${facts.hyperfine}`);
if (Number(facts.load.split(' ')[0]) > facts.cpus * 0.5) {
  console.log('note: the machine is busy (load average above half the CPUs); start-up figures will be noisy.');
}

if (!flags['no-build']) {
  const b = spawnSync(process.execPath, [rootPath('scripts/build.mjs')], { stdio: 'inherit', cwd: rootPath() });
  if (b.status !== 0) process.exit(b.status ?? 1);
}

const out = { facts, quick };
if (sections.has('startup')) {
  heading('Start-up');
  out.startup = benchStartup({ runs: quick ? 12 : 24, warmup: quick ? 2 : 5, cacheDir, builtinOnly: flags['builtin-timer'] });
}
if (sections.has('watch')) {
  heading('Watching a job');
  out.watch = await benchWatch({ cacheDir, jobsPerClass: quick ? 4 : 12, historyRuns: quick ? 5 : 10 });
}
if (sections.has('many')) {
  heading('Many groups at once');
  out.many = await benchMany({ cacheDir, groups: 100, jobMs: 5000, concurrencies: quick ? [100] : [100, 10], sequentialSample: quick ? 2 : 5 });
}
if (sections.has('plan')) {
  heading('A recovery plan');
  out.plan = await benchPlan({ cacheDir, groups: 50, steps: 5, jobMs: 5000 });
}

heading('Summary');
const rows = [['figure', 'sdrs', 'baseline', 'ratio', 'goal']];
const verdict = (ok) => (ok === undefined ? '' : ok ? 'met' : 'NOT MET');
if (out.startup) {
  const base = out.startup.results.find((r) => r.key === 'node');
  for (const r of out.startup.results.filter((x) => x.key === 'version' || x.key === 'help')) {
    rows.push([`start-up: ${r.label} (paired ratio)`, `${r.median.toFixed(1)} ms`, `${base.median.toFixed(1)} ms (node -e 0)`, fmtX(r.ratio), `≤ ${r.goal}x ${verdict(r.ok)}`]);
  }
  // Every noun and verb help: the highest paired ratio stands for them all (each is in the table above).
  const helps = out.startup.results.filter((x) => x.help && x.key !== 'help');
  const worst = helps.reduce((a, b) => (b.ratio > a.ratio ? b : a));
  rows.push([`start-up: every noun and verb --help (${helps.length}), highest: ${worst.label}`, `${worst.median.toFixed(1)} ms`, `${base.median.toFixed(1)} ms (node -e 0)`, fmtX(worst.ratio), `≤ ${worst.goal}x ${verdict(helps.every((x) => x.ok))}`]);
  rows.push(['start-up: --help loads got/ora/inquirer/cosmiconfig/fastify', out.startup.forbidden.length ? out.startup.forbidden.join(', ') : 'none', '', '', `none ${verdict(out.startup.forbidden.length === 0)}`]);
}
if (out.watch) {
  const s = out.watch.stats;
  rows.push(['watch: mean detection delay, sdrs learned', fmtS(s.learned.meanDelayMs), `${fmtS(s.fixed5.meanDelayMs)} (fixed 5 s)`, fmtX(s.learned.meanDelayMs / s.fixed5.meanDelayMs), `< 1x ${verdict(out.watch.goalDelay)}`]);
  rows.push(['watch: p95 detection delay, sdrs learned', fmtS(s.learned.p95DelayMs), `${fmtS(s.fixed5.p95DelayMs)} (fixed 5 s)`, fmtX(s.learned.p95DelayMs / s.fixed5.p95DelayMs), '']);
  rows.push([`watch: polls per job ≥ ${fmtDur(LONG_MS)}, sdrs learned`, s.learned.longPollsPerJob.toFixed(1), `${s.fixed10.longPollsPerJob.toFixed(1)} (fixed 10 s)`, fmtX(s.learned.longPollsPerJob / s.fixed10.longPollsPerJob), `< 1x ${verdict(out.watch.goalPolls)}`]);
  rows.push(['watch: mean detection delay, sdrs cold (no history)', fmtS(s.cold.meanDelayMs), `${fmtS(s.fixed5.meanDelayMs)} (fixed 5 s)`, fmtX(s.cold.meanDelayMs / s.fixed5.meanDelayMs), `< 1x ${verdict(out.watch.coldDelay)}`]);
  rows.push(['watch: p95 detection delay, sdrs cold (no history)', fmtS(s.cold.p95DelayMs), `${fmtS(s.fixed5.p95DelayMs)} (fixed 5 s)`, fmtX(s.cold.p95DelayMs / s.fixed5.p95DelayMs), '']);
  rows.push([`watch: polls per job ≥ ${fmtDur(LONG_MS)}, sdrs cold (no history)`, s.cold.longPollsPerJob.toFixed(1), `${s.fixed10.longPollsPerJob.toFixed(1)} (fixed 10 s)`, fmtX(s.cold.longPollsPerJob / s.fixed10.longPollsPerJob), `< 1x ${verdict(out.watch.coldPolls)}`]);
}
if (out.many && !out.many.skipped) {
  for (const r of out.many.runs) {
    rows.push([`many: 100 groups, ${r.label} (${r.history}), wall`, fmtS(r.wallMs), `${fmtS(r.idealMs)} (ideal)`, fmtX(r.wallMs / r.idealMs), '']);
  }
  const best = out.many.runs.reduce((a, b) => (b.wallMs < a.wallMs ? b : a));
  rows.push(['many: fastest run vs sequential single reverses', fmtS(best.wallMs), `${fmtS(out.many.sequential.extrapolatedMs)} (extrapolated)`, fmtX(best.wallMs / out.many.sequential.extrapolatedMs), '']);
  rows.push(['many: peak RSS watching 100 jobs', out.many.peakRssKb ? `${(out.many.peakRssKb / 1024).toFixed(1)} MB` : 'n/a', '100 MB (limit)', out.many.peakRssKb ? fmtX(out.many.peakRssKb / 1024 / 100) : '', `< 100 MB ${verdict(out.many.rssOk)}`]);
} else if (out.many) {
  rows.push(['many groups', 'skipped', '', '', out.many.skipped]);
}
if (out.plan) {
  const p = out.plan;
  rows.push([`plan: ${p.groups} groups in ${p.steps} steps, wall`, fmtS(p.wallMs), `${fmtS(p.idealMs)} (ideal)`, fmtX(p.ratio), `≤ 1.15x ${verdict(p.wallOk)}`]);
  rows.push(['plan: requests per group', p.requestsPerGroup.toFixed(2), '3 (limit)', fmtX(p.requestsPerGroup / 3), `≤ 3 ${verdict(p.requestsOk)}`]);
  rows.push(['plan: peak RSS', p.peakRssKb ? `${(p.peakRssKb / 1024).toFixed(1)} MB` : 'n/a', '100 MB (limit)', p.peakRssKb ? fmtX(p.peakRssKb / 1024 / 100) : '', `< 100 MB ${verdict(p.rssOk)}`]);
}
console.log(table(rows));
console.log(`\nTotal bench time: ${fmtS(performance.now() - started)}.`);
if (flags.json) writeFileSync(flags.json, JSON.stringify(out, null, 2) + '\n');
