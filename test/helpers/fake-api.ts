/** Minimal scripted fakes for watcher tests: a fake clock, a job script, and a capturing IOStreams. */
import { PassThrough, Writable } from 'node:stream';
import type { Job, ServerGroup } from '../../src/api/types.js';
import type { Clock } from '../../src/context.js';
import type { IOStreams } from '../../src/io/streams.js';

/** A clock whose sleep advances time instantly and records each sleep (ms). */
export function fakeClock(start = 1_700_000_000_000) {
  let t = start;
  const sleeps: number[] = [];
  const clock: Clock = {
    now: () => t,
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw signal.reason;
      sleeps.push(ms);
      t += ms;
      await Promise.resolve();
      if (signal?.aborted) throw signal.reason;
    },
  };
  return { clock, sleeps, advance: (ms: number) => (t += ms), elapsed: () => t - start };
}

/** A job object with defaults. */
export function job(over: Partial<Job> = {}): Job {
  return {
    status: 'RUNNING', job_id: 'ff80808290a1b2c30190a1b2c3d40001', job_type: 'reverseProtectionGroupNoCG',
    begin_time: null, end_time: null, error_code: null, fail_reason: null, entities: {}, ...over,
  };
}

/** A group object with defaults. */
export function group(over: Partial<ServerGroup> = {}): ServerGroup {
  return {
    id: 'g-1', name: 'demo-erp', description: null, status: 'reversing', progress: 0,
    source_availability_zone: 'az1', target_availability_zone: 'az2', domain_id: 'd', domain_name: 'd',
    priority_station: 'source', protected_instance_num: 1, replication_num: 1, disaster_recovery_drill_num: 0,
    protected_status: null, replication_status: null, health_status: null, source_vpc_id: 'v', target_vpc_id: 'v',
    test_vpc_id: null, dr_type: 'migration', created_at: '', updated_at: '', protection_type: null,
    replication_model: null, server_type: 'ECS', ...over,
  };
}

/**
 * A fake API driven by the fake clock: the job is RUNNING until `durationMs`, then
 * ends as `final`; the group status follows (`during` → `after`). Errors can be injected per call.
 */
export function fakeApi(o: {
  now: () => number;
  durationMs: number;
  final?: Partial<Job>;
  during?: Partial<ServerGroup>;
  /** The group once the job has ended; a list gives successive reads (the last one repeats). */
  after?: Partial<ServerGroup> | Partial<ServerGroup>[];
  jobErrors?: Record<number, unknown>;
}) {
  const t0 = o.now();
  const calls = { getJob: 0, getGroup: 0, groupAfterEnd: 0 };
  const api = {
    async getJob(id: string): Promise<Job> {
      calls.getJob++;
      const err = o.jobErrors?.[calls.getJob];
      if (err) throw err;
      const done = o.now() - t0 >= o.durationMs;
      return job({ job_id: id, entities: { server_group_id: 'g-1' }, ...(done ? { status: 'SUCCESS', ...o.final } : {}) });
    },
    async getGroup(): Promise<ServerGroup> {
      calls.getGroup++;
      if (o.now() - t0 < o.durationMs) return group({ ...o.during });
      const afters = Array.isArray(o.after) ? o.after : [o.after];
      const after = afters[Math.min(calls.groupAfterEnd++, afters.length - 1)];
      return group({ status: 'protected', priority_station: 'target', ...after });
    },
  };
  return { api, calls };
}

/** IOStreams over PassThrough streams (not a terminal by default), with captured stderr. */
export function testIO(opts: { tty?: boolean } = {}) {
  const out = new PassThrough();
  let errText = '';
  // A Writable whose write is synchronous, so assertions never race the stream.
  const err = new Writable({
    write(chunk: Buffer, _enc, cb) {
      errText += chunk.toString();
      cb();
    },
  });
  const tty = opts.tty === true;
  const io: IOStreams = {
    in: new PassThrough(), out, err, stdinIsTTY: tty, stdoutIsTTY: tty, stderrIsTTY: tty,
    color: false, colorLevel: 0, canPrompt: tty, canAnimate: tty,
  };
  return { io, err: () => errText };
}
