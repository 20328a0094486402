/**
 * Fault injection: `5xx=0.05,429=0.05,reset=0.02,latency=200ms,rps=10`.
 * Randomness comes from a seeded PRNG (mulberry32), so with the same seed
 * and the same request sequence the same requests fail, and a failing test
 * can be replayed. Admin routes are never faulted.
 *
 * Rates may differ for reads and writes (`read.5xx=0.01,write.reset=0.2`),
 * and single faults can be queued for the next matching request (admin
 * `POST /__emulator/faults/next`), for tests that need one exact failure.
 */
import { parseDuration } from './format.js';

/** The three random fault probabilities. */
export interface FaultRates {
  /** Probability of a 500/503 answer, 0..1. */
  p5xx: number;
  /** Probability of a 429 with `Retry-After`, 0..1. */
  p429: number;
  /** Probability of the connection being dropped without an answer, 0..1. */
  pReset: number;
}

export interface FaultSpec extends FaultRates {
  /** Delay added to reads (GET), ms. */
  latencyMs: number;
  /** Requests per second above which answers are 429; 0 = unlimited. */
  rps: number;
  /** Rates for reads (GET, HEAD) when `read.*` keys were given; else the base rates apply. */
  read?: FaultRates;
  /** Rates for writes (POST, PUT, DELETE) when `write.*` keys were given; else the base rates apply. */
  write?: FaultRates;
}

export const NO_FAULTS: FaultSpec = { p5xx: 0, p429: 0, pReset: 0, latencyMs: 0, rps: 0 };

const RATE_KEYS = { '5xx': 'p5xx', '429': 'p429', reset: 'pReset' } as const;
const total = (r: FaultRates) => r.p5xx + r.p429 + r.pReset;
const isRead = (method: string) => method === 'GET' || method === 'HEAD';

/**
 * Parses a fault spec. Empty, `none` or `off` means no faults.
 * @throws Error with a readable message on an unknown key or a bad value.
 */
export function parseFaults(spec: string | undefined | null): FaultSpec {
  const out: FaultSpec = { ...NO_FAULTS };
  const text = (spec ?? '').trim();
  if (text === '' || text === 'none' || text === 'off') return out;
  const scoped: Record<'read' | 'write', Partial<FaultRates> | undefined> = { read: undefined, write: undefined };
  for (const part of text.split(',')) {
    const [rawKey, rawValue, ...rest] = part.split('=');
    const key = rawKey?.trim();
    const value = rawValue?.trim();
    if (!key || value === undefined || value === '' || rest.length) throw new Error(`invalid fault "${part.trim()}" (expected key=value)`);
    const prob = () => {
      const p = Number(value);
      if (!Number.isFinite(p) || p < 0 || p > 1) throw new Error(`fault ${key}: probability must be between 0 and 1, got "${value}"`);
      return p;
    };
    const dot = key.indexOf('.');
    if (dot > 0) {
      const scope = key.slice(0, dot);
      const rate = key.slice(dot + 1);
      if ((scope !== 'read' && scope !== 'write') || !Object.hasOwn(RATE_KEYS, rate)) {
        throw new Error(`unknown fault "${key}" (scoped keys: read.5xx, read.429, read.reset, write.5xx, write.429, write.reset)`);
      }
      (scoped[scope] ??= {})[RATE_KEYS[rate as keyof typeof RATE_KEYS]] = prob();
      continue;
    }
    switch (key) {
      case '5xx':
        out.p5xx = prob();
        break;
      case '429':
        out.p429 = prob();
        break;
      case 'reset':
        out.pReset = prob();
        break;
      case 'latency':
        out.latencyMs = parseDuration(value);
        break;
      case 'rps': {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 0) throw new Error(`fault rps: expected a whole number, got "${value}"`);
        out.rps = n;
        break;
      }
      default:
        throw new Error(`unknown fault "${key}" (known: 5xx, 429, reset, latency, rps, and read.* / write.* for the first three)`);
    }
  }
  if (total(out) > 1) throw new Error('fault probabilities add up to more than 1');
  for (const scope of ['read', 'write'] as const) {
    const o = scoped[scope];
    if (!o) continue;
    const rates: FaultRates = { p5xx: o.p5xx ?? out.p5xx, p429: o.p429 ?? out.p429, pReset: o.pReset ?? out.pReset };
    if (total(rates) > 1) throw new Error(`fault probabilities for ${scope}s add up to more than 1`);
    out[scope] = rates;
  }
  return out;
}

/** Formats a spec back to its text form. */
export function formatFaults(f: FaultSpec): string {
  const parts: string[] = [];
  if (f.p5xx) parts.push(`5xx=${f.p5xx}`);
  if (f.p429) parts.push(`429=${f.p429}`);
  if (f.pReset) parts.push(`reset=${f.pReset}`);
  if (f.latencyMs) parts.push(`latency=${f.latencyMs}ms`);
  if (f.rps) parts.push(`rps=${f.rps}`);
  for (const scope of ['read', 'write'] as const) {
    const r = f[scope];
    if (!r) continue;
    if (r.p5xx !== f.p5xx) parts.push(`${scope}.5xx=${r.p5xx}`);
    if (r.p429 !== f.p429) parts.push(`${scope}.429=${r.p429}`);
    if (r.pReset !== f.pReset) parts.push(`${scope}.reset=${r.pReset}`);
  }
  return parts.join(',') || 'none';
}

/** One fault queued for the next matching request (admin `POST /__emulator/faults/next`). */
export interface QueuedFault {
  /** `reset-before`: dropped unprocessed; `reset-after`: processed, then dropped (mutations only). */
  fault: '500' | '503' | '429' | 'reset-before' | 'reset-after';
  /** Only requests with this method (e.g. `POST`). @default any */
  method?: string;
  /** Only requests whose path contains this text (e.g. `/action`). @default any */
  path?: string;
  /** `Retry-After` of a queued 429, seconds. @default 1 */
  retryAfterS?: number;
}

const QUEUED_KINDS = ['500', '503', '429', 'reset-before', 'reset-after'];

/**
 * Validates an admin request body into queued faults (`count` copies).
 * @throws Error with a readable message.
 */
export function parseQueuedFault(body: Record<string, unknown>): { fault: QueuedFault; count: number } {
  const kind = String(body.fault ?? '');
  if (!QUEUED_KINDS.includes(kind)) throw new Error(`fault must be one of ${QUEUED_KINDS.join(', ')}`);
  if (body.method !== undefined && (typeof body.method !== 'string' || !/^[A-Z]+$/.test(body.method))) throw new Error('method must be an HTTP method such as POST');
  if (body.path !== undefined && (typeof body.path !== 'string' || body.path === '')) throw new Error('path must be a non-empty string');
  const count = body.count === undefined ? 1 : Number(body.count);
  if (!Number.isInteger(count) || count < 1 || count > 100) throw new Error('count must be 1 to 100');
  const retryAfterS = body.retry_after === undefined ? undefined : Number(body.retry_after);
  if (retryAfterS !== undefined && (!Number.isInteger(retryAfterS) || retryAfterS < 0 || retryAfterS > 60)) throw new Error('retry_after must be 0 to 60 seconds');
  return {
    fault: {
      fault: kind as QueuedFault['fault'],
      ...(body.method !== undefined ? { method: body.method as string } : {}),
      ...(body.path !== undefined ? { path: body.path as string } : {}),
      ...(retryAfterS !== undefined ? { retryAfterS } : {}),
    },
    count,
  };
}

/** How many faults of each kind were injected (admin `GET /__emulator/faults`). */
export interface FaultStats {
  /** 500/503 answers. */
  error: number;
  /** Random 429s (`429=P` or queued). */
  throttle: number;
  /** 429s from the `rps` limit. */
  throttle_rps: number;
  /** Connections dropped before processing. */
  reset: number;
  /** Mutations processed, then their connection dropped. */
  reset_processed: number;
  /** Reads delayed by `latency`. */
  latency: number;
  /** The same counts per HTTP method (`{"POST": {"error": 2, ...}}`). */
  by_method: Record<string, Omit<FaultStats, 'by_method'>>;
}

type FaultKindCounts = Omit<FaultStats, 'by_method'>;
const zeroCounts = (): FaultKindCounts => ({ error: 0, throttle: 0, throttle_rps: 0, reset: 0, reset_processed: 0, latency: 0 });
const zeroStats = (): FaultStats => ({ ...zeroCounts(), by_method: {} });

/** mulberry32: small, fast, good enough for fault dice. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What to do with one request. */
export type FaultDecision =
  | { kind: 'none' }
  | { kind: 'error'; status: 500 | 503 }
  | { kind: 'throttle'; retryAfterS: number; reason: 'random' | 'rps' }
  /** `processed`: for a mutating request, whether it is handled before the connection drops. */
  | { kind: 'reset'; processed: boolean };

export class FaultInjector {
  private random: () => number;
  private window: number[] = [];
  /** Faults waiting for their request, oldest first. */
  readonly queued: QueuedFault[] = [];
  /** What was injected so far. */
  stats: FaultStats = zeroStats();

  constructor(
    public spec: FaultSpec,
    seed: number,
    private readonly wallNow: () => number = () => Date.now(),
  ) {
    this.random = mulberry32(seed);
  }

  /** Replaces the spec and restarts the PRNG from `seed`. */
  configure(spec: FaultSpec, seed: number): void {
    this.spec = spec;
    this.random = mulberry32(seed);
    this.window = [];
  }

  /** Queues `count` copies of a fault for the next matching requests. */
  enqueue(fault: QueuedFault, count = 1): void {
    for (let i = 0; i < count; i++) this.queued.push({ ...fault });
  }

  /** Forgets queued faults and zeroes the statistics. */
  clear(): void {
    this.queued.length = 0;
    this.stats = zeroStats();
  }

  /** Counts a read delayed by `latency` (the server applies the delay). */
  noteLatency(method = 'GET'): void {
    this.bump(method, 'latency');
  }

  private bump(method: string, kind: keyof FaultKindCounts): void {
    this.stats[kind]++;
    (this.stats.by_method[method] ??= zeroCounts())[kind]++;
  }

  /**
   * Decides the fate of one request: a queued fault first (no dice), then the
   * rps limit, then the dice. Exactly one draw per request when any rate is
   * set (two for a reset of a mutating request), so a sequence replays with
   * the same seed.
   * @param path the request path, for queued faults that name one.
   */
  decide(method: string, path = ''): FaultDecision {
    const d = this.roll(method, path);
    if (d.kind === 'error') this.bump(method, 'error');
    else if (d.kind === 'throttle') this.bump(method, d.reason === 'rps' ? 'throttle_rps' : 'throttle');
    else if (d.kind === 'reset') this.bump(method, d.processed ? 'reset_processed' : 'reset');
    return d;
  }

  private roll(method: string, path: string): FaultDecision {
    const mutating = !isRead(method);
    const q = this.queued.findIndex((f) => (f.method === undefined || f.method === method) && (f.path === undefined || path.includes(f.path)));
    if (q >= 0) {
      const f = this.queued.splice(q, 1)[0];
      switch (f.fault) {
        case '500':
        case '503':
          return { kind: 'error', status: Number(f.fault) as 500 | 503 };
        case '429':
          return { kind: 'throttle', retryAfterS: f.retryAfterS ?? 1, reason: 'random' };
        default:
          return { kind: 'reset', processed: f.fault === 'reset-after' && mutating };
      }
    }
    if (this.spec.rps > 0) {
      // Sliding one-second window on the wall clock: throttling is about real throughput.
      const t = this.wallNow();
      this.window = this.window.filter((x) => t - x < 1000);
      if (this.window.length >= this.spec.rps) return { kind: 'throttle', retryAfterS: 1, reason: 'rps' };
      this.window.push(t);
    }
    const spec = this.spec;
    if (total(spec) + (spec.read ? total(spec.read) : 0) + (spec.write ? total(spec.write) : 0) === 0) return { kind: 'none' };
    const { p5xx, p429, pReset } = (mutating ? spec.write : spec.read) ?? spec;
    const r = this.random();
    if (r < p5xx) return { kind: 'error', status: r < p5xx / 2 ? 500 : 503 };
    if (r < p5xx + p429) return { kind: 'throttle', retryAfterS: 1 + Math.floor((r - p5xx) / (p429 || 1) * 3), reason: 'random' };
    if (r < p5xx + p429 + pReset) {
      // A dropped mutation was sometimes carried out and sometimes not: clients must not assume either.
      return { kind: 'reset', processed: mutating ? this.random() < 0.5 : false };
    }
    return { kind: 'none' };
  }
}
