// Watching efficiently: detection delay and polls per job for sdrs's policy
// (with learned history, and cold) against fixed 10 s and 5 s pollers.
//
// Everything is real except time: the emulator (src/emulator) serves HTTP on
// loopback, jobs are submitted and polled with the real signed API client
// (src/api/client.ts), and sdrs's side is the real watchJob (src/watch). They
// share one manual clock; a watcher's sleep advances it, so a 10-minute job
// takes milliseconds and no real waiting happens.
import { build } from 'esbuild';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { setImmediate as tick } from 'node:timers/promises';
import { mean, p95, prng, quantile, rootPath, table, fmtS, fmtX } from './util.mjs';

/** Typical job durations, 2 s to 10 min; each is one protection group. */
export const CLASSES_MS = [2_000, 5_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000];
/** "Long jobs" for the polls goal. */
export const LONG_MS = 300_000;

/** Bundles the TypeScript sources the bench drives into one ES module (packages stay external). */
async function bundleSources(cacheDir) {
  mkdirSync(cacheDir, { recursive: true });
  const outfile = join(cacheDir, 'watch-lib.mjs');
  rmSync(outfile, { force: true });
  await build({
    stdin: {
      contents: [
        "export { watchJob } from './src/watch/job-watcher.ts';",
        "export { DEFAULT_POLICY } from './src/watch/backoff.ts';",
        "export { createApiClient } from './src/api/client.ts';",
        "export { startEmulator, createManualClock } from './src/emulator/index.ts';",
      ].join('\n'),
      resolveDir: rootPath(),
      sourcefile: 'bench-watch-entry.ts',
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    outfile,
    define: { __SDRS_VERSION__: '"bench"' },
    logLevel: 'warning',
  });
  return import(pathToFileURL(outfile).href + `?t=${Date.now()}`);
}

const nullStream = () => new Writable({ write: (_c, _e, cb) => cb() });
const quietIO = () => ({
  in: undefined, out: nullStream(), err: nullStream(),
  stdinIsTTY: false, stdoutIsTTY: false, stderrIsTTY: false, color: false, canPrompt: false, canAnimate: false,
});

/** A fixed-interval poller, as the Terraform provider (10 s) and the vendor CLI's waiter (5 s) do: poll at once, then every `everyMs`. */
async function fixedPoller(api, clock, jobId, everyMs) {
  for (;;) {
    const job = await api.getJob(jobId);
    if (job.status === 'SUCCESS' || job.status === 'FAIL') return job;
    await clock.sleep(everyMs);
  }
}

/**
 * Runs the section. `variation` is the run-to-run spread of one group's job
 * duration (uniform ±); `historyRuns` jobs per group are watched first so the
 * learned policy has a history (its cache file is shared by all groups, as
 * ~/.cache/sdrs/job-durations.json is).
 */
export async function benchWatch({ cacheDir, jobsPerClass = 12, historyRuns = 10, variation = 0.2, wideVariation = 0.5, seed = 8 }) {
  const lib = await bundleSources(cacheDir);
  const clock = lib.createManualClock(Date.parse('2025-01-06T08:00:00.000Z'));
  const emu = await lib.startEmulator({ port: 0, clock, jobDurationMs: 5000 });
  const historyDir = join(cacheDir, 'watch-history');
  rmSync(historyDir, { recursive: true, force: true });
  try {
    // The watcher's clock: sleeping moves the shared manual clock; the tick lets pending I/O settle.
    const vclock = {
      now: () => clock.now(),
      sleep: async (ms, signal) => {
        if (signal?.aborted) throw signal.reason;
        clock.advance(ms);
        await tick();
      },
    };
    const counts = { job: 0, group: 0 };
    const real = lib.createApiClient({
      endpoints: { sdrs: emu.url, ecs: emu.url, vpc: emu.url, iam: emu.url },
      projectId: emu.projectId,
      credentials: async () => ({ kind: 'aksk', ak: emu.ak, sk: emu.sk }),
      sleep: vclock.sleep,
      now: vclock.now,
    });
    const api = {
      ...real,
      getJob: (id) => (counts.job++, real.getJob(id)),
      getGroup: (id) => (counts.group++, real.getGroup(id)),
    };

    const seeded = await globalThis.fetch(`${emu.url}/__emulator/groups`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'watch-bench', count: CLASSES_MS.length }),
    }).then((r) => r.json());
    const groups = seeded.server_groups.map((g, i) => ({ ...g, baseMs: CLASSES_MS[i], side: 'source' }));
    const rand = prng(seed);
    // Each job's jitter comes from its own seed (group, run): the draws a job sees do not
    // depend on how many polls earlier jobs made, so policies and code versions compare alike.
    const jitterSeed = (phase, r, gi) => seed * 1_000_003 + phase * 100_000 + r * 100 + gi;

    /** Submits a reverse of `g` whose job takes `durationMs`; returns the job id and when it ends. */
    async function submit(g, durationMs) {
      emu.engine.durations = { defaultMs: Math.round(durationMs), perType: {} };
      const to = g.side === 'source' ? 'target' : 'source';
      const { job_id: jobId } = await api.groupAction(g.id, { action: 'reverse', priorityStation: to });
      g.side = to;
      const rec = emu.world.jobs[jobId];
      return { jobId, to, endsAt: rec.beginAt + rec.durationMs };
    }

    /** Watches one job with a policy; returns polls, other requests and the detection delay. */
    async function watchOne(g, durationMs, policy, historyPath, jitterSeed) {
      const { jobId, to, endsAt } = await submit(g, durationMs);
      counts.job = counts.group = 0;
      if (policy === 'fixed10' || policy === 'fixed5') {
        await fixedPoller(api, vclock, jobId, policy === 'fixed10' ? 10_000 : 5_000);
        const polls = counts.job;
        await api.getGroup(g.id); // read the outcome, as any client would
        return { polls, requests: counts.job + counts.group, delayMs: clock.now() - endsAt };
      }
      await lib.watchJob({
        api, jobId, groupId: g.id, io: quietIO(), clock: vclock, timeoutMs: 0, random: prng(jitterSeed), historyPath,
        expect: { finalStatus: 'protected', priorityStation: to },
        label: `Reversing ${g.name} to ${to}`, resumeCommand: `sdrs job wait ${jobId}`,
      });
      return { polls: counts.job, requests: counts.job + counts.group, delayMs: clock.now() - endsAt };
    }

    const draw = (g, v) => g.baseMs * (1 + v * (2 * rand() - 1));
    const policies = [
      { key: 'learned', label: "sdrs (learned history)", historyPath: join(historyDir, 'learned', 'job-durations.json'), variation },
      { key: 'cold', label: 'sdrs (cold, no history)', historyPath: undefined, variation },
      { key: 'fixed10', label: 'fixed 10 s (Terraform)', variation },
      { key: 'fixed5', label: 'fixed 5 s (vendor CLI waiter)', variation },
      { key: 'learnedWide', label: `sdrs (learned, ±${Math.round(wideVariation * 100)}% run-to-run)`, historyPath: join(historyDir, 'wide', 'job-durations.json'), variation: wideVariation, sensitivity: true },
    ];
    // The same measured durations for every policy at the same variation (a paired comparison).
    const measured = new Map();
    const durationsFor = (v) => {
      if (!measured.has(v)) measured.set(v, groups.map((g) => Array.from({ length: jobsPerClass }, () => draw(g, v))));
      return measured.get(v);
    };
    const results = {};
    for (const p of policies) {
      const plan = durationsFor(p.variation);
      if (p.historyPath) {
        // Warm-up: earlier runs of each group fill the history (not measured).
        for (let r = 0; r < historyRuns; r++) for (const [gi, g] of groups.entries()) await watchOne(g, draw(g, p.variation), p.key, p.historyPath, jitterSeed(1, r, gi));
      }
      const runs = [];
      for (let j = 0; j < jobsPerClass; j++) {
        for (const [gi, g] of groups.entries()) runs.push({ baseMs: g.baseMs, ...(await watchOne(g, plan[gi][j], p.key, p.historyPath, jitterSeed(2, j, gi))) });
      }
      results[p.key] = { ...p, runs };
    }
    return summarise(results, { jobsPerClass, historyRuns, variation });
  } finally {
    await emu.stop();
    rmSync(historyDir, { recursive: true, force: true });
  }
}

function summarise(results, cfg) {
  const stats = {};
  for (const [k, r] of Object.entries(results)) {
    const d = r.runs.map((x) => x.delayMs);
    const long = r.runs.filter((x) => x.baseMs >= LONG_MS);
    stats[k] = {
      label: r.label,
      sensitivity: r.sensitivity === true,
      meanDelayMs: mean(d),
      p95DelayMs: p95(d),
      pollsPerJob: mean(r.runs.map((x) => x.polls)),
      requestsPerJob: mean(r.runs.map((x) => x.requests)),
      longPollsPerJob: mean(long.map((x) => x.polls)),
      perClass: CLASSES_MS.map((c) => {
        const rs = r.runs.filter((x) => x.baseMs === c);
        return { baseMs: c, polls: mean(rs.map((x) => x.polls)), meanDelayMs: mean(rs.map((x) => x.delayMs)), p95DelayMs: quantile(rs.map((x) => x.delayMs), 0.95) };
      }),
    };
  }
  const f5 = stats.fixed5;
  const f10 = stats.fixed10;
  const rows = Object.values(stats).map((s) => [
    s.label, fmtS(s.meanDelayMs), fmtX(s.meanDelayMs / f5.meanDelayMs), fmtS(s.p95DelayMs), s.pollsPerJob.toFixed(1), s.longPollsPerJob.toFixed(1),
    fmtX(s.longPollsPerJob / f10.longPollsPerJob), s.requestsPerJob.toFixed(1),
  ]);
  console.log(
    `${CLASSES_MS.length} groups with typical job durations ${CLASSES_MS.map((c) => fmtDur(c)).join(', ')}; each job varies ±${Math.round(cfg.variation * 100)}% (uniform) around its group's typical duration;\n` +
      `${cfg.jobsPerClass} measured jobs per group and policy (the same durations for every policy); the learned policy first watched ${cfg.historyRuns} earlier jobs per group.`,
  );
  console.log(
    table([
      ['policy', 'mean delay', 'vs fixed 5 s', 'p95 delay', 'polls/job', `polls/job ≥${fmtDur(LONG_MS)}`, 'vs fixed 10 s', 'requests/job'],
      ...rows,
    ]),
  );
  console.log('\nPer group (typical duration): polls per job / mean detection delay');
  console.log(
    table([
      ['policy', ...CLASSES_MS.map(fmtDur)],
      ...Object.values(stats).map((s) => [s.label, ...s.perClass.map((c) => `${c.polls.toFixed(0)} / ${(c.meanDelayMs / 1000).toFixed(1)}s`)]),
    ]),
  );
  const learned = stats.learned;
  const goalPolls = learned.longPollsPerJob < f10.longPollsPerJob;
  const goalDelay = learned.meanDelayMs < f5.meanDelayMs;
  console.log(
    `\nGoal (learned): fewer polls than fixed 10 s on jobs ≥ ${fmtDur(LONG_MS)} (${learned.longPollsPerJob.toFixed(1)} vs ${f10.longPollsPerJob.toFixed(1)}: ${goalPolls ? 'met' : 'NOT MET'}) ` +
      `and a lower mean delay than fixed 5 s (${fmtS(learned.meanDelayMs)} vs ${fmtS(f5.meanDelayMs)}: ${goalDelay ? 'met' : 'NOT MET'}).`,
  );
  // Issue 21: the same two goals with no history at all (the first run on a new host).
  const cold = stats.cold;
  const coldPolls = cold.longPollsPerJob < f10.longPollsPerJob;
  const coldDelay = cold.meanDelayMs < f5.meanDelayMs;
  console.log(
    `Goal (cold, no history): fewer polls than fixed 10 s on jobs ≥ ${fmtDur(LONG_MS)} (${cold.longPollsPerJob.toFixed(1)} vs ${f10.longPollsPerJob.toFixed(1)}: ${coldPolls ? 'met' : 'NOT MET'}) ` +
      `and a lower mean delay than fixed 5 s (${fmtS(cold.meanDelayMs)} vs ${fmtS(f5.meanDelayMs)}: ${coldDelay ? 'met' : 'NOT MET'}).`,
  );
  return { cfg, stats, goalPolls, goalDelay, coldPolls, coldDelay };
}

export function fmtDur(ms) {
  return ms >= 60_000 ? `${ms / 60_000} min` : `${ms / 1000} s`;
}
