#!/usr/bin/env node
// Start-up of the single-file executable (dist-sea/sdrs, `npm run package`) against the
// normal install (node bin/sdrs.js), both against bare `node -e 0`, measured side by side in
// interleaved rounds (the method of scripts/bench/startup.mjs): `--version`, `--help`, a help
// through commander, a usage error, and `group list` against an emulator (a real request).
//
//   node scripts/bench/sea.mjs [--runs N] [--no-build]
//
// It builds dist/ and dist-sea/ first unless --no-build. docs/performance.md records a run.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { measure, printResults } from './startup.mjs';
import { startEmulatorProcess } from './many.mjs';
import { machineFacts, rootPath } from './util.mjs';

const { values: flags } = parseArgs({ options: { runs: { type: 'string', default: '30' }, 'no-build': { type: 'boolean', default: false } } });
const runs = Number(flags.runs);
const NODE = process.execPath;
const BIN = rootPath('bin/sdrs.js');
const SEA = rootPath('dist-sea/sdrs');

if (!flags['no-build']) {
  for (const script of ['scripts/build.mjs', 'scripts/package.mjs']) {
    const b = spawnSync(NODE, [rootPath(script)], { stdio: ['ignore', 'ignore', 'inherit'], cwd: rootPath() });
    if (b.status !== 0) process.exit(b.status ?? 1);
  }
}

const facts = machineFacts();
console.log(`Node ${facts.node}, ${facts.platform}, ${facts.cpus} CPU(s), load average ${facts.load}; hyperfine: ${facts.hyperfine}`);
console.log(`dist-sea/sdrs: ${(statSync(SEA).size / 1024 / 1024).toFixed(1)} MiB`);

const emu = await startEmulatorProcess(100);
const home = mkdtempSync(join(tmpdir(), 'sdrs-bench-sea-'));
// hyperfine and the runs inherit this environment: the emulator's settings, a private HOME, no colour.
Object.assign(process.env, {
  HOME: home, XDG_CACHE_HOME: join(home, '.cache'), NO_COLOR: '1',
  SDRS_ENDPOINT: emu.url, SDRS_PROJECT_ID: emu.project_id ?? emu.projectId, HUAWEICLOUD_SDK_AK: emu.ak, HUAWEICLOUD_SDK_SK: emu.sk,
});
// hyperfine's JSON goes to a directory of this run's own (node_modules may be shared by checkouts).
const cacheDir = join(home, 'bench') + '/';
mkdirSync(cacheDir, { recursive: true });

const both = (key, label, args) => [
  { key: `npm:${key}`, label: `node bin/sdrs.js ${label}`, argv: [NODE, BIN, ...args] },
  { key: `sea:${key}`, label: `dist-sea/sdrs ${label}`, argv: [SEA, ...args] },
];
const cmds = [
  { key: 'node', label: 'node -e 0 (baseline)', argv: [NODE, '-e', '0'] },
  ...both('version', '--version', ['--version']),
  ...both('help', '--help', ['--help']),
  ...both('commander', '--no-color group reverse --help', ['--no-color', 'group', 'reverse', '--help']),
  ...both('list', 'group list', ['group', 'list']),
];
try {
  for (const c of cmds) {
    const r = spawnSync(c.argv[0], c.argv.slice(1), { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${c.label} exited ${r.status}: ${r.stderr}`);
  }
  const { tool, results } = measure(cmds, { runs, warmup: 3, cacheDir, per: 3 });
  printResults(results, { tool, runs, warmup: 3 });
} finally {
  await emu.stop();
  rmSync(home, { recursive: true, force: true });
}
