// Start-up: `sdrs --version` and the help of every command of the tree against bare
// `node -e 0`, measured side by side in the same run, plus which modules `--help` loads.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mean, median, stddev, table, fmtMs, fmtX, rootPath } from './util.mjs';

const NODE = process.execPath;
const BIN = rootPath('bin/sdrs.js');

/** The design's runtime dependencies, imported eagerly: the reference the issue quotes (~3.5x). */
const EAGER_DEPS = ['commander', 'got', 'ora', '@inquirer/prompts', 'cosmiconfig', 'fastify', 'chalk', 'js-yaml'];
/** Packages that must not be loaded by --help (each has its own lazily loaded chunk). */
const FORBIDDEN_FOR_HELP = ['got', 'ora', '@inquirer', 'cosmiconfig', 'fastify', 'chalk', 'js-yaml', 'commander'];

/** The goal for every start-up ratio (issue 21): `--version` and every help within 1.25x of `node -e 0`. */
export const GOAL = 1.25;

/**
 * Every command path of the tree, as the build enumerated it (dist/help/index.json, written
 * by scripts/gen-help.mjs from the command tree itself): new nouns and verbs are measured
 * with no list to update here.
 */
export function helpPaths() {
  const index = JSON.parse(readFileSync(rootPath('dist/help/index.json'), 'utf8'));
  return [...index.commands, ...index.skipped].map((c) => (c ? c.split(' ') : []));
}

function commands(cacheDir) {
  const eager = join(cacheDir, 'eager-deps.mjs');
  writeFileSync(eager, `await Promise.all(${JSON.stringify(EAGER_DEPS)}.map((m) => import(m)));\n`);
  const helps = helpPaths().map((p) => ({
    key: p.length ? `help:${p.join(' ')}` : 'help',
    label: `sdrs ${[...p, '--help'].join(' ')}`,
    argv: [NODE, BIN, ...p, '--help'],
    goal: GOAL,
    help: true,
  }));
  return [
    { key: 'node', label: 'node -e 0 (baseline)', argv: [NODE, '-e', '0'] },
    { key: 'version', label: 'sdrs --version', argv: [NODE, BIN, '--version'], goal: GOAL },
    ...helps,
    // The same help through commander (not a pure help request: the CLI is loaded), for reference.
    { key: 'commanderHelp', label: 'sdrs --no-color group reverse --help (through commander, reference)', argv: [NODE, BIN, '--no-color', 'group', 'reverse', '--help'] },
    { key: 'eager', label: 'all dependencies imported eagerly (reference)', argv: [NODE, eager] },
  ];
}

const hasHyperfine = () => spawnSync('hyperfine', ['--version']).status === 0;

/**
 * The order of one round: every command but the baseline, in an order rotated per round,
 * each right after a run of the baseline (command 0). A command's ratio in the round is
 * taken against the baseline run just before it, seconds apart at most, so a machine whose
 * load changes within a round (other sessions' tests) moves both sides alike.
 */
function roundOrder(n, r) {
  const order = [];
  for (let k = 0; k < n - 1; k++) order.push(0, 1 + ((k + r) % (n - 1)));
  return order;
}

/** Sorts one round's timings: `round[i]` the times of command i, `adjacent[i]` those of the baseline runs just before it. */
function collect(n, order, timesAt) {
  const round = Array.from({ length: n }, () => []);
  const adjacent = Array.from({ length: n }, () => []);
  order.forEach((i, j) => {
    round[i].push(...timesAt(j));
    if (i !== 0) adjacent[i].push(...timesAt(j - 1));
  });
  adjacent[0] = round[0];
  return { round, adjacent };
}

/** Built-in timer: warm-up, then rounds that run every command once, each after a run of the baseline. */
function measureBuiltin(cmds, runs, warmup) {
  const rounds = [];
  const adjacents = [];
  for (let r = 0; r < warmup + runs; r++) {
    const order = roundOrder(cmds.length, r);
    const times = order.map((i) => {
      const c = cmds[i];
      const t0 = process.hrtime.bigint();
      const res = spawnSync(c.argv[0], c.argv.slice(1), { stdio: 'ignore', cwd: rootPath() });
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (res.status !== 0) throw new Error(`${c.label} exited with ${res.status}`);
      return [ms];
    });
    if (r < warmup) continue;
    const { round, adjacent } = collect(cmds.length, order, (j) => times[j]);
    rounds.push(round);
    adjacents.push(adjacent);
  }
  return { rounds, adjacents };
}

const quote = (a) => (/[\s'"\\]/.test(a) ? `'${a.replace(/'/g, `'\\''`)}'` : a);

/** hyperfine in many short rounds (`per` runs of every command each, after as many of the baseline), so changes in machine load hit every command alike. */
function measureHyperfine(cmds, runs, warmup, cacheDir, per = 3) {
  const rounds = [];
  const adjacents = [];
  const cpu = cmds.map(() => []);
  for (let r = 0; r < Math.max(1, Math.ceil(runs / per)); r++) {
    const out = join(cacheDir, 'hyperfine.json');
    const order = roundOrder(cmds.length, r);
    const res = spawnSync(
      'hyperfine',
      ['-N', '--style', 'none', '--warmup', String(r === 0 ? warmup : 0), '--runs', String(per), '--export-json', out, ...order.map((i) => cmds[i].argv.map(quote).join(' '))],
      { cwd: rootPath(), stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' },
    );
    if (res.status !== 0) throw new Error(`hyperfine exited with ${res.status}: ${res.stderr}`);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    json.results.forEach((x, j) => cpu[order[j]].push((x.user + x.system) * 1000));
    const { round, adjacent } = collect(cmds.length, order, (j) => json.results[j].times.map((t) => t * 1000));
    rounds.push(round);
    adjacents.push(adjacent);
  }
  return { rounds, adjacents, cpu };
}

/** Which files and built-ins a command loads. */
export function traceModules(args, cacheDir) {
  const file = join(cacheDir, 'trace.txt');
  rmSync(file, { force: true });
  writeFileSync(file, '');
  const res = spawnSync(NODE, ['--import', rootPath('scripts/bench/trace-imports.mjs'), BIN, ...args], {
    cwd: rootPath(), stdio: 'ignore', env: { ...process.env, SDRS_BENCH_TRACE: file },
  });
  if (res.status !== 0) throw new Error(`tracing sdrs ${args.join(' ')}: exit ${res.status}`);
  const root = rootPath();
  const seen = [...new Set(readFileSync(file, 'utf8').split('\n').filter(Boolean))]
    .map((u) => u.replace(/^cjs:/, 'file://').replace('file://' + root, ''))
    .filter((u) => !u.startsWith('scripts/bench/'));
  const fromNodeModules = seen.filter((u) => u.includes('node_modules/'));
  const forbidden = FORBIDDEN_FOR_HELP.filter((p) => fromNodeModules.some((u) => u.includes(`node_modules/${p}`)));
  return { files: seen.filter((u) => !u.startsWith('node:')), builtins: seen.filter((u) => u.startsWith('node:')), fromNodeModules, forbidden };
}

/**
 * Measures commands side by side; the first is the baseline every ratio refers to.
 * The ratio judged against a goal is paired: per round, the command's median over the
 * median of the baseline runs made just before it, then the median of those ratios. A machine that
 * gets busier or quieter during the run then moves both sides of each ratio alike.
 */
export function measure(cmds, { runs, warmup, cacheDir, builtinOnly = false, per = 3 }) {
  const tool = !builtinOnly && hasHyperfine() ? 'hyperfine' : 'built-in timer';
  const { rounds, adjacents, cpu } = tool === 'hyperfine' ? measureHyperfine(cmds, runs, warmup, cacheDir, per) : measureBuiltin(cmds, runs, warmup);
  const times = cmds.map((_, i) => rounds.flatMap((round) => round[i]));
  const base = times[0];
  const results = cmds.map((c, i) => {
    const t = times[i];
    const ratio = median(rounds.map((round, r) => median(round[i]) / median(adjacents[r][i])));
    const ratioMean = mean(t) / mean(base);
    // hyperfine also reports user + system CPU time, which a busy machine disturbs less than wall time.
    const cpuMs = cpu ? mean(cpu[i]) : undefined;
    const ratioCpu = cpu ? cpuMs / mean(cpu[0]) : undefined;
    return { ...c, mean: mean(t), sd: stddev(t), median: median(t), min: Math.min(...t), ratio, ratioMean, cpuMs, ratioCpu, ok: c.goal ? ratio <= c.goal : undefined };
  });
  return { tool, results };
}

export function printResults(results, { tool, runs, warmup }) {
  console.log(`${runs} runs per command after ${warmup} warm-up runs, measured with ${tool} in interleaved rounds; stdin is /dev/null, output discarded.`);
  console.log('ratio (paired): median over rounds of the command\'s time over the node -e 0 runs made just before it; the goals are judged on it.');
  console.log(
    table([
      ['command', 'mean ± σ', 'median', 'min', 'ratio (paired)', 'ratio of means', 'CPU user+sys', 'ratio (CPU)', 'goal'],
      ...results.map((r) => [
        r.label, `${fmtMs(r.mean)} ± ${fmtMs(r.sd)}`, fmtMs(r.median), fmtMs(r.min), fmtX(r.ratio), fmtX(r.ratioMean),
        r.cpuMs === undefined ? 'n/a' : fmtMs(r.cpuMs), r.ratioCpu === undefined ? 'n/a' : fmtX(r.ratioCpu),
        r.goal ? `≤ ${r.goal}x ${r.ok ? 'met' : 'NOT MET'}` : '',
      ]),
    ]),
  );
}

/** Runs the section; returns figures for the summary. */
export function benchStartup({ runs = 40, warmup = 5, cacheDir, builtinOnly = false }) {
  mkdirSync(cacheDir, { recursive: true });
  const cmds = commands(cacheDir);
  // Many commands (every help): two runs per command and round keep the rounds short.
  const { tool, results } = measure(cmds, { runs, warmup, cacheDir, builtinOnly, per: 2 });
  printResults(results, { tool, runs, warmup });
  const helps = results.filter((r) => r.help);
  const worst = helps.reduce((a, b) => (b.ratio > a.ratio ? b : a));
  const missed = results.filter((r) => r.goal && !r.ok);
  console.log(`\nEvery help (${helps.length} commands): paired ratios ${fmtX(Math.min(...helps.map((r) => r.ratio)))} to ${fmtX(worst.ratio)} (highest: ${worst.label}); ` +
    (missed.length ? `NOT MET: ${missed.map((r) => r.label).join(', ')}` : `all within ${GOAL}x: met`));
  const traces = {};
  for (const [name, args] of [['--version', ['--version']], ['--help', ['--help']], ['group --help', ['group', '--help']], ['group reverse --help', ['group', 'reverse', '--help']], ['--no-color group reverse --help', ['--no-color', 'group', 'reverse', '--help']]]) {
    traces[name] = traceModules(args, cacheDir);
  }
  console.log('\nModules loaded (resolve hook + require.cache):');
  for (const [name, t] of Object.entries(traces)) {
    console.log(`  sdrs ${name}: ${t.files.length} files [${t.files.join(', ')}]; built-ins [${t.builtins.join(', ')}]; from node_modules: ${t.fromNodeModules.length ? t.fromNodeModules.join(', ') : 'none'}`);
  }
  const forbidden = [...new Set(Object.values(traces).flatMap((t) => t.forbidden))];
  console.log(`  ${forbidden.length ? `NOT MET: --help loads ${forbidden.join(', ')}` : `none of ${FORBIDDEN_FOR_HELP.join(', ')} is loaded by --version or --help`}`);
  return { tool, runs, warmup, results, traces, forbidden, helps: { count: helps.length, worst: { label: worst.label, ratio: worst.ratio }, missed: missed.map((r) => r.label) } };
}
