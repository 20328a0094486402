/**
 * The single-file executable (`npm run package`, scripts/package.mjs): built afresh, copied
 * alone into an empty directory (no dist/, no node_modules, no package.json beside it), and
 * run with an environment whose PATH holds nothing, so no `node` can be found: the packaged
 * emulator serves the demo world, and the packaged CLI reverses a group against it, then runs
 * the whole `sdrs demo`. Part of `npm run test:release`, not of `npm test`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ROOT } from '../helpers/run.js';
import { runMain } from '../helpers/in-process.js';
import { DEFAULT_AK, DEFAULT_PROJECT_ID, DEFAULT_SK } from '../../src/emulator/config.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

let dir: string;
/** The executable, alone in a directory of its own. */
let exe: string;
/** An empty directory: PATH for every run. */
let emptyPath: string;
let emulator: ChildProcess | undefined;
let endpoint: string;

/** An environment with nothing on PATH, a private HOME, no colour. */
function bareEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: emptyPath, HOME: join(dir, 'home'), NO_COLOR: '1', ...extra };
}

/** The emulator's settings for the CLI. */
const emuEnv = () => bareEnv({ SDRS_ENDPOINT: endpoint, SDRS_PROJECT_ID: DEFAULT_PROJECT_ID, HUAWEICLOUD_SDK_AK: DEFAULT_AK, HUAWEICLOUD_SDK_SK: DEFAULT_SK });

function run(args: string[], env = emuEnv(), timeout = 30_000) {
  const r = spawnSync(exe, args, { env, cwd: join(dir, 'home'), encoding: 'utf8', timeout });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, error: r.error };
}

beforeAll(async () => {
  const built = spawnSync(process.execPath, [join(ROOT, 'scripts/package.mjs')], { cwd: ROOT, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`npm run package failed:\n${built.stdout}\n${built.stderr}`);
  dir = mkdtempSync(join(tmpdir(), 'sdrs-sea-'));
  mkdirSync(join(dir, 'bastion'));
  mkdirSync(join(dir, 'home'));
  emptyPath = join(dir, 'empty-path');
  mkdirSync(emptyPath);
  exe = join(dir, 'bastion', 'sdrs');
  copyFileSync(join(ROOT, 'dist-sea', 'sdrs'), exe);
  spawnSync('chmod', ['755', exe]);

  // The packaged emulator, with the demo world and 100 ms jobs.
  emulator = spawn(exe, ['emulator', '--seed', 'demo', '--port', '0', '--job-duration', '100ms'], { env: bareEnv(), cwd: join(dir, 'home'), stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  emulator.stderr!.on('data', (b) => (stderr += String(b)));
  endpoint = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the packaged emulator did not start in 15 s: ${stderr}`)), 15_000);
    emulator!.once('exit', (code) => reject(new Error(`the packaged emulator exited ${code}: ${stderr}`)));
    createInterface({ input: emulator!.stdout! }).on('line', (line) => {
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
  });
}, 180_000);

afterAll(() => {
  emulator?.kill('SIGTERM');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the single-file executable, on a host without node', () => {
  it('has no node to find on its PATH', () => {
    const which = spawnSync('/bin/sh', ['-c', 'command -v node'], { env: bareEnv(), encoding: 'utf8' });
    expect(which.status).not.toBe(0);
    expect(which.stdout).toBe('');
  });

  it('answers --version and help, with no files beside it and no experimental-feature warning', async () => {
    const v = run(['--version'], bareEnv());
    expect(v.error).toBeUndefined();
    expect(v).toMatchObject({ code: 0, stdout: pkg.version + '\n', stderr: '' });

    const top = run(['--help'], bareEnv());
    expect(top.code).toBe(0);
    expect(top.stderr).toBe('');
    expect(top.stdout).toMatch(/^Usage: sdrs /);
    for (const noun of ['group', 'job', 'drill', 'plan', 'emulator', 'demo']) expect(top.stdout).toContain(`  ${noun}`);

    // The same text the CLI prints from source: commander renders it, nothing is read from dist/help.
    const reverse = run(['group', 'reverse', '--help'], bareEnv());
    const fromSource = await runMain(['group', 'reverse', '--help'], { env: bareEnv() });
    expect(reverse.code).toBe(0);
    expect(reverse.stdout).toBe(fromSource.stdout);
  }, 60_000);

  it('reverses the demo group against its own packaged emulator', () => {
    const before = run(['--json', 'group', 'list']);
    expect(before.code, before.stderr).toBe(0);
    const groups = JSON.parse(before.stdout) as { name: string; priority_station: string }[];
    expect(groups.find((g) => g.name === 'demo-erp')?.priority_station).toBe('source');

    // Refused while production runs: the exit code crosses the executable's boundary.
    const refused = run(['group', 'reverse', 'demo-erp', '--to', 'target', '--yes']);
    expect(refused.code, refused.stderr).toBe(3);

    const stop = run(['server', 'stop', 'erp-app-01', 'erp-db-01', '--az', 'cn-north-4a', '--yes']);
    expect(stop.code, stop.stderr).toBe(0);
    const reverse = run(['group', 'reverse', 'demo-erp', '--to', 'target', '--yes']);
    expect(reverse.code, reverse.stderr).toBe(0);
    expect(reverse.stdout + reverse.stderr).toContain('Production now runs in cn-north-4b (target)');

    const status = run(['--json', 'group', 'status', 'demo-erp']);
    expect(status.code, status.stderr).toBe(0);
    const view = JSON.parse(status.stdout) as { group: { status: string; priority_station: string }; production: { availability_zone: string } };
    expect(view.group).toMatchObject({ status: 'protected', priority_station: 'target' });
    expect(view.production.availability_zone).toBe('cn-north-4b');
    const shown = run(['group', 'status', 'demo-erp']);
    expect(shown.stdout).toMatch(/Production: +cn-north-4b \(target\)/);
  }, 90_000);

  it('runs the whole demo (its own emulator, a drill with a --verify command, two switchovers)', () => {
    const demo = run(['--json', 'demo', '--fast'], bareEnv(), 90_000);
    expect(demo.code, demo.stderr).toBe(0);
    const summary = JSON.parse(demo.stdout) as { steps: { ok: boolean }[] };
    expect(summary.steps.length).toBeGreaterThan(5);
    expect(summary.steps.every((s) => s.ok)).toBe(true);
    // The drill's check ran with sh alone (there is no node to run the usual one).
    expect(demo.stderr).toMatch(/drill server erp-app-01 \d+\.\d+\.\d+\.\d+/);
    expect(demo.stderr).toContain('verify passed');
  }, 120_000);
});
