/** Identifiers, timestamp formats (reference section 1) and duration parsing. */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { durationMs } from '../util/duration.js';

/** A new UUID for groups, instances, pairs, servers and volumes. */
export function newUuid(): string {
  return randomUUID();
}

/** Job IDs are 32 lowercase hex characters. */
export function newJobId(): string {
  return randomBytes(16).toString('hex');
}

/** A request ID for `X-Request-Id` (32 hex, like the gateway's). */
export function newRequestId(): string {
  return randomBytes(16).toString('hex');
}

/** A stable UUID-shaped ID derived from a label, so the seeded world has fixed IDs. */
export function stableUuid(label: string): string {
  const h = createHash('sha256').update(label).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Jobs: `2018-04-19T01:55:30.443Z`. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** Groups and instances: `2019-05-23 03:51:58.256` (UTC, no zone). */
export function spaceTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

/** Replication pairs: `2018-05-04T03:43:24.108526` (microseconds, no zone). */
export function microTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '000');
}

/**
 * Parses `200ms`, `3s`, `1.5s`, `2m`, `1h`, `1m30s` or a bare number of milliseconds.
 * @throws Error on anything else.
 */
export function parseDuration(text: string | number): number {
  const ms = typeof text === 'number' ? text : durationMs(text, 'ms');
  if (ms === undefined || !Number.isFinite(ms) || ms < 0) throw new Error(`invalid duration "${text}" (use e.g. 200ms, 3s, 2m)`);
  return Math.round(ms);
}
