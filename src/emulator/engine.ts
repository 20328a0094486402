/**
 * The engine: the world, the job clock, job creation and lazy settlement.
 *
 * Nothing runs in the background. Every request first calls `settle()`,
 * which applies the effects of every job whose end time has passed on the
 * clock, in end-time order. A job's status is computed from the clock on
 * read, so a test clock can be advanced instead of sleeping, and jobs in
 * flight survive a restart (only begin time and duration are stored).
 */
import { applyEffect, finishBoots } from './effects.js';
import { newJobId } from './format.js';
import { saveWorld } from './persist.js';
import { afterJob, defaultReadinessConfig, recordRpoPoints } from './readiness.js';
import type { ReadinessConfig } from './readiness.js';
import { seedWorld } from './seed.js';
import type { JobClock } from './clock.js';
import type { Effect, Failure, FailRule, JobRec, SeedName, World } from './world.js';

/** Job durations: a default and optional per-job-type values, in ms. */
export interface Durations {
  defaultMs: number;
  perType: Record<string, number>;
}

/** Job failure codes used when a failure is injected without a code. */
const DEFAULT_FAIL_CODES: Record<string, string> = {
  createProtectionGroupNoCG: 'SDRS.1014',
  deleteProtectionGroupNoCG: 'SDRS.1016',
  startProtectionGroupNoCG: 'SDRS.1027',
  stopProtectionGroupNoCG: 'SDRS.1028',
  reverseProtectionGroupNoCG: 'SDRS.1029',
  failoverProtectionGroupNoCG: 'SDRS.1030',
  reprotectProtectionGroupNoCG: 'SDRS.1032',
  batchStartServers: 'Ecs.0001',
  batchStopServers: 'Ecs.0001',
};

export interface StartJobInput {
  type: string;
  service?: 'sdrs' | 'ecs';
  entities: Record<string, string>;
  subJobs?: { type: string; entities: Record<string, string> }[];
  effect: Effect;
  /** A failure decided by the emulator itself (e.g. an invalid instance). */
  failure?: Failure & { subJobIndex?: number };
}

export class Engine {
  /** True when the world changed and has not been saved yet. */
  private dirty = false;
  /** Quotas and the RPO point period (readiness.ts): run-time settings, like the durations. */
  readiness: ReadinessConfig = defaultReadinessConfig();

  constructor(
    public world: World,
    readonly clock: JobClock,
    public durations: Durations,
    readonly statePath?: string,
  ) {}

  /** Job-clock time. */
  now(): number {
    return this.clock.now();
  }

  /** Marks the world changed; `commit()` saves it. */
  touch(): void {
    this.dirty = true;
  }

  /** Saves the world when it changed (and `--state` is set). */
  commit(): void {
    if (!this.dirty) return;
    if (this.statePath) saveWorld(this.statePath, this.world);
    this.dirty = false;
  }

  durationFor(type: string): number {
    return this.durations.perType[type] ?? this.durations.defaultMs;
  }

  /** Replaces the world with a freshly seeded one (same project). */
  reset(seed: SeedName): void {
    this.world = seedWorld(this.world.projectId, seed, this.now());
    this.touch();
  }

  /** Queues a failure for the next job of `rule.job_type` (`*` matches any). */
  queueFailure(rule: FailRule): void {
    this.world.failNext.push(rule);
    this.touch();
  }

  private takeFailRule(type: string): FailRule | undefined {
    const i = this.world.failNext.findIndex((r) => r.job_type === type || r.job_type === '*');
    if (i < 0) return undefined;
    return this.world.failNext.splice(i, 1)[0];
  }

  /** Creates a job that starts now; its outcome is decided here, its effect applied when it ends. */
  startJob(input: StartJobInput): JobRec {
    const rule = this.takeFailRule(input.type);
    let fail: Failure | null = null;
    let subIndex = 0;
    if (rule) {
      fail = {
        code: rule.error_code ?? DEFAULT_FAIL_CODES[input.type] ?? 'SDRS.0402',
        reason: rule.fail_reason ?? `The job ${input.type} failed (injected by the emulator).`,
      };
    } else if (input.failure) {
      fail = { code: input.failure.code, reason: input.failure.reason };
      subIndex = input.failure.subJobIndex ?? 0;
    }
    const subJobs = input.subJobs?.length
      ? input.subJobs.map((s, i) => ({
          id: newJobId(),
          type: s.type,
          entities: s.entities,
          fail: fail && i === Math.min(subIndex, input.subJobs!.length - 1) ? fail : null,
        }))
      : null;
    const job: JobRec = {
      id: newJobId(),
      type: input.type,
      service: input.service ?? 'sdrs',
      seq: ++this.world.seq,
      beginAt: this.now(),
      durationMs: this.durationFor(input.type),
      entities: input.entities,
      subJobs,
      fail,
      effect: input.effect,
      settled: false,
    };
    this.world.jobs[job.id] = job;
    this.touch();
    return job;
  }

  /** Applies every job that has ended by now, oldest end first. Returns true if anything changed. */
  settle(): boolean {
    const now = this.now();
    // RPO points due since the last request, with the fault state as it stood (readiness.ts).
    const pointsAdded = recordRpoPoints(this.world, now, this.readiness.rpoIntervalMs);
    const due = Object.values(this.world.jobs)
      .filter((j) => !j.settled && j.beginAt + j.durationMs <= now)
      .sort((a, b) => a.beginAt + a.durationMs - (b.beginAt + b.durationMs) || a.seq - b.seq);
    for (const job of due) {
      applyEffect(this.world, job, job.beginAt + job.durationMs);
      job.settled = true;
      afterJob(this.world, job);
    }
    const booted = finishBoots(this.world, now);
    if (due.length || pointsAdded || booted) this.touch();
    return due.length > 0 || booted;
  }
}
