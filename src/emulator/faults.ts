/**
 * Fault injection: `5xx=0.05,429=0.05,reset=0.02,latency=200ms,rps=10`.
 * Randomness comes from a seeded PRNG (mulberry32), so with the same seed
 * and the same request sequence the same requests fail, and a failing test
 * can be replayed. Admin routes are never faulted.
 */
import { parseDuration } from './format.js';

export interface FaultSpec {
  /** Probability of a 500/503 answer, 0..1. */
  p5xx: number;
  /** Probability of a 429 with `Retry-After`, 0..1. */
  p429: number;
  /** Probability of the connection being dropped without an answer, 0..1. */
  pReset: number;
  /** Delay added to reads (GET), ms. */
  latencyMs: number;
  /** Requests per second above which answers are 429; 0 = unlimited. */
  rps: number;
}

export const NO_FAULTS: FaultSpec = { p5xx: 0, p429: 0, pReset: 0, latencyMs: 0, rps: 0 };

/**
 * Parses a fault spec. Empty, `none` or `off` means no faults.
 * @throws Error with a readable message on an unknown key or a bad value.
 */
export function parseFaults(spec: string | undefined | null): FaultSpec {
  const out = { ...NO_FAULTS };
  const text = (spec ?? '').trim();
  if (text === '' || text === 'none' || text === 'off') return out;
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
        throw new Error(`unknown fault "${key}" (known: 5xx, 429, reset, latency, rps)`);
    }
  }
  if (out.p5xx + out.p429 + out.pReset > 1) throw new Error('fault probabilities add up to more than 1');
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
  return parts.join(',') || 'none';
}

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

  /**
   * Rolls the dice for one request. Exactly one draw per request (two for a
   * reset of a mutating request), so a sequence replays with the same seed.
   */
  decide(method: string): FaultDecision {
    if (this.spec.rps > 0) {
      // Sliding one-second window on the wall clock: throttling is about real throughput.
      const t = this.wallNow();
      this.window = this.window.filter((x) => t - x < 1000);
      if (this.window.length >= this.spec.rps) return { kind: 'throttle', retryAfterS: 1, reason: 'rps' };
      this.window.push(t);
    }
    const { p5xx, p429, pReset } = this.spec;
    if (p5xx + p429 + pReset === 0) return { kind: 'none' };
    const r = this.random();
    if (r < p5xx) return { kind: 'error', status: r < p5xx / 2 ? 500 : 503 };
    if (r < p5xx + p429) return { kind: 'throttle', retryAfterS: 1 + Math.floor((r - p5xx) / (p429 || 1) * 3), reason: 'random' };
    if (r < p5xx + p429 + pReset) {
      const mutating = method !== 'GET' && method !== 'HEAD';
      // A dropped mutation was sometimes carried out and sometimes not: clients must not assume either.
      return { kind: 'reset', processed: mutating ? this.random() < 0.5 : false };
    }
    return { kind: 'none' };
  }
}
