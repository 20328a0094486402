/** `--since`: an age (`30d`, `12h`, `2w`, `90m`) or a date (`2026-01-31`, an ISO 8601 time), or `all`. */
import { UsageError } from '../errors.js';
import { safeLine } from '../errors.js';
import { text as both } from '../i18n/index.js';
import { historyMsg as M } from '../i18n/catalog/history.js';

const UNIT: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** The earliest start time (ms since the epoch) `--since` keeps; undefined for `all`. */
export function parseSince(text: string, now: number): number | undefined {
  const t = text.trim().toLowerCase();
  if (t === 'all') return undefined;
  const age = /^(\d+)\s*(m|h|d|w)$/.exec(t);
  if (age) return now - Number(age[1]) * UNIT[age[2]];
  if (/^\d{4}-\d{2}-\d{2}/.test(t)) {
    const ms = Date.parse(text.trim());
    if (Number.isFinite(ms)) return ms;
  }
  throw new UsageError(both(M.badSince, { value: JSON.stringify(safeLine(text).slice(0, 40)) }));
}
