/**
 * The chaos run: 50 `group create` and 50 `group reverse` through the real
 * binary, 10 at a time, against an emulator that injects 5xx, 429 with
 * Retry-After, dropped connections (before and after processing) and latency
 * on reads. Every command must end 0 (done, or, after a lost answer, followed by
 * the group's status to its end) or 7 (the mutating request's outcome is unknown,
 * reported truthfully); the emulator's state afterwards
 * must match what was reported, with no duplicate group and no lost job.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSdrs, type RunResult } from '../helpers/run.js';
import { SEED_IDS, expectCleanError, makeProtectedGroup, semaphore, startWorld, summary, waitFor, type World } from './helpers.js';

const CREATES = 50;
const CHAINS = 10;
const REVERSES_PER_CHAIN = 5;
const CONCURRENCY = 10;
/**
 * Reads see few faults, so that 5 attempts in a row all failing (a read giving up) is a
 * one-in-a-million event; writes see many. 429s on writes stay low for the same reason.
 */
const FAULTS = '5xx=0.02,429=0.02,reset=0.02,latency=30ms,write.5xx=0.1,write.429=0.08,write.reset=0.12';
const JOB_ID = /job ([0-9a-f]{32})/;

let w: World;
beforeAll(async () => {
  // Unlimited quotas: lost answers and their candidate groups can push 50 creates past the default 50-group quota.
  w = await startWorld({ seed: 'empty', jobDurationMs: 10, faultSeed: 20240301, quotas: { server_groups: -1, replications: -1 } });
});
afterAll(async () => {
  await w?.stop();
});

interface Outcome {
  kind: 'create' | 'reverse';
  code: number | null;
  /** For exit 7: whether the service carried the request out. */
  processed?: boolean;
  /** For exit 7 of a reverse: the group status the report gave. */
  reported?: string;
  /** Exit 0 of a reverse whose answer was lost: followed by the group's status (no job id known). */
  followed?: boolean;
}

/** The error document of a --json run, or undefined. */
function jsonError(r: RunResult): Record<string, any> | undefined {
  const line = r.stderr.split('\n').find((l) => l.startsWith('{"error"'));
  return line ? JSON.parse(line).error : undefined;
}

const jobsOf = (world: any, type: string, groupId?: string) =>
  Object.values(world.jobs as Record<string, any>).filter((j) => j.type === type && (groupId === undefined || j.entities.server_group_id === groupId));

describe('chaos: creates and reverses under injected faults', () => {
  it(`${CREATES} creates and ${CHAINS * REVERSES_PER_CHAIN} reverses end with the right outcome and exit code`, { timeout: 240_000 }, async () => {
    const groups: { id: string; name: string }[] = [];
    for (let i = 0; i < CHAINS; i++) groups.push({ id: await makeProtectedGroup(w, `chaos-r${i}`), name: `chaos-r${i}` });
    await w.admin('PUT', '/config', { job_duration: '300ms', faults: FAULTS, fault_seed: 20240301 });
    await w.admin('DELETE', '/faults');
    await w.admin('DELETE', '/counters');
    // One of each write fault for sure (the dice add more), so every kind is exercised in every run.
    for (const fault of ['429', '500', '503', 'reset-before', 'reset-after', 'reset-after']) await w.admin('POST', '/faults/next', { fault, method: 'POST' });

    const slot = semaphore(CONCURRENCY);
    const outcomes: Outcome[] = [];
    const problems: string[] = [];
    const check = (ok: boolean, what: string, r: RunResult) => {
      if (!ok) problems.push(`${what}\n  exit ${r.code}\n  stdout: ${r.stdout.trim()}\n  stderr: ${r.stderr.trim()}`);
    };
    const sdrs = (args: string[]) => slot(() => runSdrs([...args, '--interval', '100ms', '--timeout', '90s'], { env: w.env, timeoutMs: 120_000 }));

    const create = async (i: number) => {
      const name = `chaos-c${String(i).padStart(2, '0')}`;
      const json = i % 2 === 0;
      const r = await sdrs(['group', 'create', '--name', name, '--domain', SEED_IDS.domain, '--vpc', SEED_IDS.vpc, ...(json ? ['--json'] : [])]);
      const world = await w.state();
      const mine = Object.values(world.groups as Record<string, any>).filter((g) => g.name === name);
      check(mine.length <= 1, `create ${name}: ${mine.length} groups with that name`, r);
      if (r.code === 0) {
        const id = json ? JSON.parse(r.stdout).id : r.stdout.trim().split('\n').pop();
        const jobId = JOB_ID.exec(r.stderr)?.[1];
        const job = jobId ? world.jobs[jobId] : undefined;
        check(mine.length === 1 && mine[0].id === id && mine[0].status === 'available', `create ${name}: exit 0 but the group is not the available group ${id}`, r);
        check(job?.type === 'createProtectionGroupNoCG' && job.entities.server_group_id === id, `create ${name}: job ${jobId} not reported or not this group's`, r);
        outcomes.push({ kind: 'create', code: 0 });
      } else if (r.code === 7) {
        const e = jsonError(r);
        if (json) {
          check(e?.code === 'OUTCOME_UNKNOWN' && e.group === name, `create ${name}: exit 7 without an OUTCOME_UNKNOWN naming the group`, r);
        } else {
          expectCleanError(r.stderr, `create ${name}`);
          check(r.stderr.includes(`group "${name}"`) && /no clear answer/.test(r.stderr), `create ${name}: exit 7 without naming the group`, r);
        }
        if (mine.length === 1) {
          // The request was processed before the connection dropped: the new group named as a candidate
          // (names are not unique, so never claimed), not re-sent.
          check(json ? e?.candidate_group_ids?.includes(mine[0].id) : r.stderr.includes(`it may have created ${mine[0].id}`), `create ${name}: created but not reported with its id`, r);
          check(/Do not create it again/.test(String(json ? e?.hint : r.stderr)), `create ${name}: no "do not create it again" hint`, r);
        } else {
          check(json ? e?.group_id === undefined : /may or may not/.test(r.stderr), `create ${name}: not created but reported as created`, r);
          check(String(json ? e?.hint : r.stderr).includes(`sdrs group show ${name}`), `create ${name}: no exact lookup hint`, r);
        }
        outcomes.push({ kind: 'create', code: 7, processed: mine.length === 1 });
      } else {
        check(false, `create ${name}: unexpected exit code`, r);
        outcomes.push({ kind: 'create', code: r.code });
      }
    };

    const chain = async (g: { id: string; name: string }, c: number) => {
      for (let k = 0; k < REVERSES_PER_CHAIN; k++) {
        // Start from a settled group: an accepted-but-unacknowledged reverse may still be running.
        const before = await waitFor(async () => {
          const world = await w.state();
          return world.groups[g.id].status === 'protected' ? world : undefined;
        }, 20_000);
        const from = before.groups[g.id].priority as 'source' | 'target';
        const to = from === 'source' ? 'target' : 'source';
        const jobsBefore = jobsOf(before, 'reverseProtectionGroupNoCG', g.id).length;
        const json = (c + k) % 2 === 0;
        const r = await sdrs(['group', 'reverse', g.id, '--to', to, '--yes', ...(json ? ['--json'] : [])]);
        const after = await waitFor(async () => {
          const world = await w.state();
          return world.groups[g.id].status === 'reversing' ? undefined : world;
        }, 20_000);
        const jobs = jobsOf(after, 'reverseProtectionGroupNoCG', g.id);
        const group = after.groups[g.id];
        const what = `reverse ${g.name} (#${k}) to ${to}`;
        check(jobs.length - jobsBefore <= 1, `${what}: ${jobs.length - jobsBefore} reverse jobs for one command`, r);
        if (r.code === 0) {
          const jobId = JOB_ID.exec(r.stderr)?.[1];
          // The answer was lost, but the group showed the reverse accepted: followed by its status, said so.
          const followed = jobId === undefined && r.stderr.includes('no clear answer from the service') && r.stderr.includes(`following group ${g.id} by its status`);
          check((followed || (jobId !== undefined && after.jobs[jobId]?.entities.server_group_id === g.id)) && jobs.length === jobsBefore + 1, `${what}: job not reported with its id`, r);
          check(group.priority === to && group.status === 'protected', `${what}: exit 0 but production is on ${group.priority} (${group.status})`, r);
          if (json) check(JSON.parse(r.stdout).priority_station === to, `${what}: --json output does not show the new side`, r);
          outcomes.push({ kind: 'reverse', code: 0, processed: true, followed });
        } else if (r.code === 7) {
          const processed = jobs.length === jobsBefore + 1;
          check(group.priority === (processed ? to : from), `${what}: the side does not match whether a job was started`, r);
          const e = jsonError(r);
          const text = json ? `${e?.message} ${e?.hint}` : r.stderr;
          if (!json) expectCleanError(r.stderr, what);
          check(json ? e?.code === 'OUTCOME_UNKNOWN' && e.group_id === g.id : text.includes(`group "${g.name}"`), `${what}: exit 7 without naming the group`, r);
          check(text.includes(`sdrs group show ${g.id}`), `${what}: no hint on how to check`, r);
          // The status reported must be one the group really had: reversing (accepted) or protected.
          const reported = json ? e?.group_status : /the group is now ([a-z-]+)/.exec(text)?.[1];
          if (reported !== undefined) {
            check(processed ? ['reversing', 'protected'].includes(reported) : reported === 'protected', `${what}: reported status ${reported} but processed=${processed}`, r);
            check(!/did accept it/.test(text) || processed, `${what}: claims the service accepted a request it never processed`, r);
            check(reported !== 'reversing' || /did accept it/.test(text), `${what}: reversing but not reported as accepted`, r);
          }
          outcomes.push({ kind: 'reverse', code: 7, processed, reported });
        } else {
          check(false, `${what}: unexpected exit code`, r);
          outcomes.push({ kind: 'reverse', code: r.code });
        }
      }
    };

    const started = Date.now();
    await Promise.all([...groups.map((g, c) => chain(g, c)), ...Array.from({ length: CREATES }, (_, i) => create(i))]);
    const seconds = Math.round((Date.now() - started) / 1000);

    const faults = await w.admin('GET', '/faults');
    const world = await w.state();
    await w.admin('PUT', '/config', { faults: null });
    expect(problems, problems.join('\n\n')).toEqual([]);

    const count = (kind: Outcome['kind'], code: number, processed?: boolean) =>
      outcomes.filter((o) => o.kind === kind && o.code === code && (processed === undefined || o.processed === processed)).length;
    expect(outcomes).toHaveLength(CREATES + CHAINS * REVERSES_PER_CHAIN);
    // No duplicates: groups on the emulator = creates reported done + creates reported as "did create it".
    const created = Object.values(world.groups as Record<string, any>).filter((g) => g.name.startsWith('chaos-c'));
    expect(created.length).toBe(count('create', 0) + count('create', 7, true));
    expect(created.length).toBeLessThanOrEqual(CREATES);
    expect(new Set(created.map((g) => g.name)).size).toBe(created.length);
    expect(jobsOf(world, 'createProtectionGroupNoCG').length).toBe(CHAINS + created.length);
    const reverses = jobsOf(world, 'reverseProtectionGroupNoCG');
    expect(reverses.length).toBe(count('reverse', 0) + count('reverse', 7, true));
    // Every job the service accepted ran to its end (none lost, none failed).
    for (const j of Object.values(world.jobs as Record<string, any>)) expect(j.settled && j.fail === null, `job ${j.id}`).toBe(true);
    // Zero false failures: each exit 7, and each exit 0 followed after a lost answer, is exactly one POST whose
    // answer was a 5xx or a dropped connection, and every such POST was reported (none silently re-sent).
    const post = faults.injected.by_method.POST ?? {};
    const followed = outcomes.filter((o) => o.followed).length;
    expect(count('create', 7) + count('reverse', 7) + followed).toBe((post.error ?? 0) + (post.reset ?? 0) + (post.reset_processed ?? 0));
    // The faults really happened, on reads and on writes.
    const get = faults.injected.by_method.GET ?? {};
    for (const n of [post.error, post.throttle, post.reset, post.reset_processed, get.error, get.throttle, get.reset, get.latency]) expect(n).toBeGreaterThan(0);

    const inj = faults.injected;
    summary(
      `chaos: ${CREATES} creates + ${CHAINS * REVERSES_PER_CHAIN} reverses in ${seconds}s; ` +
        `faults injected: ${inj.error} 5xx, ${inj.throttle} 429, ${inj.reset + inj.reset_processed} resets (${inj.reset_processed} after processing), ${inj.latency} delayed reads; ` +
        `exit 0: ${count('create', 0)} creates, ${count('reverse', 0)} reverses; exit 7 (outcome unknown, reported): ${count('create', 7)} creates (${count('create', 7, true)} found created), ` +
        `${count('reverse', 7)} reverses (${count('reverse', 7, true)} accepted, ${outcomes.filter((o) => o.processed && o.reported === 'protected').length} of them already finished when checked); ` +
        `exit 0 after a lost answer, followed by the group's status: ${followed} reverses; other exits: 0; duplicates: 0; lost jobs: 0`,
    );
  });
});
