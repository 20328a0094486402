// Many groups at once: `sdrs group reverse g1 … g100 --to … --yes --concurrency N`
// against an emulator (its own process, real clock) whose jobs take 5 s. Wall time
// against the ideal (5 s × ceil(100 / N)) and against a loop of single reverses,
// and the peak RSS of the sdrs process while it watches 100 jobs.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { setInterval, clearInterval, setTimeout, clearTimeout } from 'node:timers';
import { performance } from 'node:perf_hooks';
import { rootPath, table, fmtS, fmtX } from './util.mjs';

const NODE = process.execPath;
const BIN = rootPath('bin/sdrs.js');

/** Does this build's `group reverse` take several groups and --concurrency? */
function multiGroupSupport() {
  const r = spawnSync(NODE, [BIN, 'group', 'reverse', '--help'], { encoding: 'utf8', cwd: rootPath() });
  const help = r.stdout ?? '';
  if (r.status !== 0) return `'sdrs group reverse --help' exited with ${r.status}`;
  if (!/\[group\.\.\.\]|<group\.\.\.>/.test(help)) return "'sdrs group reverse' takes a single group in this build";
  if (!help.includes('--concurrency')) return "'sdrs group reverse' has no --concurrency option in this build";
  return undefined;
}

/** Starts `sdrs emulator` as a child process; resolves once it prints its JSON line. */
export async function startEmulatorProcess(jobMs) {
  const child = spawn(NODE, [BIN, 'emulator', '--port', '0', '--json', '--job-duration', `${jobMs}ms`], {
    cwd: rootPath(), stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
  const lines = createInterface({ input: child.stdout });
  const info = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the emulator did not start within 20 s: ${stderr}`)), 20_000);
    child.once('exit', (code) => reject(new Error(`the emulator exited with ${code}: ${stderr}`)));
    lines.once('line', (line) => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(line));
      } catch {
        reject(new Error(`unexpected emulator output: ${line}`));
      }
    });
  });
  return {
    ...info,
    admin: async (method, path, body) => {
      const r = await globalThis.fetch(`${info.url}/__emulator${path}`, {
        method, headers: method === 'GET' && !body ? {} : { 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined,
      });
      return { status: r.status, body: await r.json().catch(() => undefined) };
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(5000).then(() => child.kill('SIGKILL'))]);
    },
  };
}

/** Peak RSS (VmHWM, kB) of a running process, from /proc; undefined where there is no /proc. */
function readHwmKb(pid) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** Runs sdrs once; returns exit code, wall time (ms), peak RSS (kB, sampled every 20 ms) and stdout. Killed after `timeoutMs`. */
export async function runSdrs(args, env, timeoutMs = 300_000) {
  const t0 = performance.now();
  const child = spawn(NODE, [BIN, ...args], { cwd: rootPath(), env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
  let hwm;
  const sample = () => {
    const v = readHwmKb(child.pid);
    if (v !== undefined) hwm = Math.max(hwm ?? 0, v);
  };
  const timer = setInterval(sample, 20);
  const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise((resolve) => child.once('exit', (c, s) => resolve(c ?? s)));
  const wallMs = performance.now() - t0;
  clearInterval(timer);
  clearTimeout(killer);
  return { code, wallMs, peakRssKb: hwm, stdout, stderr };
}

/** Runs the section. */
export async function benchMany({ cacheDir, groups = 100, jobMs = 5000, concurrencies = [100, 10], sequentialSample = 5 }) {
  const unsupported = multiGroupSupport();
  if (unsupported) {
    console.log(`SKIPPED: ${unsupported}. Build the multi-group reverse (issue 8) and run again.`);
    return { skipped: unsupported };
  }
  const emu = await startEmulatorProcess(jobMs);
  const home = join(cacheDir, 'many-home');
  rmSync(home, { recursive: true, force: true });
  mkdirSync(home, { recursive: true });
  try {
    const seeded = await emu.admin('POST', '/groups', { name: 'bench', count: groups });
    if (seeded.status !== 201) {
      const why = `the emulator cannot seed groups (POST /__emulator/groups answered ${seeded.status})`;
      console.log(`SKIPPED: ${why}.`);
      return { skipped: why };
    }
    const names = seeded.body.server_groups.map((g) => g.name);
    const env = {
      PATH: process.env.PATH ?? '', HOME: home, XDG_CACHE_HOME: join(home, '.cache'), NO_COLOR: '1',
      SDRS_ENDPOINT: emu.url, SDRS_PROJECT_ID: emu.project_id, HUAWEICLOUD_SDK_AK: emu.ak, HUAWEICLOUD_SDK_SK: emu.sk,
    };
    let side = 'source';
    const flip = () => (side = side === 'source' ? 'target' : 'source');
    const historyFile = join(home, '.cache', 'sdrs', 'job-durations.json');

    /** One multi-group reverse of every group; checks that all of them ended reversed. */
    const many = async (concurrency, label) => {
      const history = existsSync(historyFile) ? 'learned' : 'cold';
      await emu.admin('DELETE', '/counters');
      const to = flip();
      const r = await runSdrs(['group', 'reverse', ...names, '--to', to, '--yes', '--concurrency', String(concurrency), '--json'], env);
      const counters = (await emu.admin('GET', '/counters')).body ?? { total: 0, routes: {} };
      let results = [];
      try {
        results = JSON.parse(r.stdout);
      } catch {
        // reported below
      }
      const ok = r.code === 0 && Array.isArray(results) && results.length === groups && results.every((x) => x.result === 'reversed' && x.priority_station === to);
      if (!ok) throw new Error(`${label}: exit ${r.code}, ${Array.isArray(results) ? results.filter((x) => x.result === 'reversed').length : 0}/${groups} reversed\n${r.stderr.slice(-2000)}`);
      const idealMs = jobMs * Math.ceil(groups / concurrency);
      const jobPolls = counters.routes['GET /v1/{project_id}/jobs/{job_id}'] ?? 0;
      return { label, concurrency, history, to, wallMs: r.wallMs, idealMs, peakRssKb: r.peakRssKb, requests: counters.total, jobPolls };
    };

    const runs = [];
    for (const [i, c] of concurrencies.entries()) {
      const run = await many(c, `--concurrency ${c}`);
      runs.push(run);
      // The first run is cold (no job-duration history); repeat the widest one warm, as a second DR event would be.
      if (i === 0) runs.push(await many(c, `--concurrency ${c}`));
    }

    // A loop of single reverses (one process each, one after the other), on a sample, extrapolated.
    const to = flip();
    const seq = [];
    for (const name of names.slice(0, sequentialSample)) {
      const r = await runSdrs(['group', 'reverse', name, '--to', to, '--yes', '--json'], env);
      if (r.code !== 0) throw new Error(`sequential reverse of ${name}: exit ${r.code}\n${r.stderr.slice(-2000)}`);
      seq.push(r.wallMs);
    }
    const seqPerGroupMs = seq.reduce((a, b) => a + b, 0) / seq.length;
    const sequentialMs = seqPerGroupMs * groups;

    const rows = runs.map((r) => [
      `${groups} groups, ${r.label} (${r.history})`, fmtS(r.wallMs), fmtS(r.idealMs), fmtX(r.wallMs / r.idealMs), fmtX(r.wallMs / sequentialMs),
      r.peakRssKb ? `${(r.peakRssKb / 1024).toFixed(1)} MB` : 'n/a', (r.jobPolls / groups).toFixed(1), (r.requests / groups).toFixed(1),
    ]);
    rows.push([`sequential loop of single reverses (${sequentialSample} measured, ×${groups / sequentialSample})`, fmtS(sequentialMs), fmtS(jobMs * groups), fmtX(sequentialMs / (jobMs * groups)), '1.00x', '', '', '']);
    console.log(`${groups} protected groups (1 server, 2 disks each), every job ${jobMs / 1000} s on the emulator's real clock; the emulator runs in its own process.`);
    console.log(table([['run', 'wall', 'ideal', 'vs ideal', 'vs sequential', 'peak RSS', 'job polls/group', 'requests/group'], ...rows]));
    const widest = runs.filter((r) => r.concurrency >= groups);
    const peak = Math.max(...widest.map((r) => r.peakRssKb ?? 0));
    const rssOk = peak > 0 ? peak < 100 * 1024 : undefined;
    console.log(`\nPeak RSS while watching ${groups} jobs at once: ${peak ? `${(peak / 1024).toFixed(1)} MB` : 'n/a (no /proc)'} (goal < 100 MB: ${rssOk === undefined ? 'not measured' : rssOk ? 'met' : 'NOT MET'}).`);
    console.log(`Sequential: ${sequentialSample} single reverses took ${fmtS(seqPerGroupMs)} each on average (start-up, checks, submit, watch); ${groups} would take about ${fmtS(sequentialMs)}.`);
    return { groups, jobMs, runs, sequential: { sample: sequentialSample, perGroupMs: seqPerGroupMs, extrapolatedMs: sequentialMs }, peakRssKb: peak, rssOk };
  } finally {
    await emu.stop();
    rmSync(home, { recursive: true, force: true });
  }
}
