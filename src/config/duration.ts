/** Human durations for config values and the `--timeout` / `--interval` flags. */
import { UsageError } from '../errors.js';
import { printable } from '../validate.js';
import { durationMs } from '../util/duration.js';
import { text as message } from '../i18n/index.js';
import { config as M } from '../i18n/catalog/config.js';

/** Longest accepted duration (7 days): anything larger is almost certainly a typo. */
export const MAX_DURATION_MS = 7 * 24 * 3_600_000;

/**
 * Parses `500ms`, `90s`, `10m`, `1h`, `1h30m`, a plain number of seconds (`45`, `2.5`) or `0`
 * into milliseconds. Throws UsageError (exit 2) naming `what` on anything else.
 */
export function parseDuration(text: string | number, what = 'duration'): number {
  if (typeof text === 'number') return checkRange(text * 1000, String(text), what);
  const ms = durationMs(text, 's');
  if (ms === undefined) {
    throw new UsageError(message(M.badDuration, { what, value: printable(text) }));
  }
  return checkRange(ms, text, what);
}

function checkRange(ms: number, text: string, what: string): number {
  if (!Number.isFinite(ms) || ms < 0 || ms > MAX_DURATION_MS) {
    throw new UsageError(message(M.durationRange, { what, value: printable(text) }));
  }
  return Math.round(ms);
}

/** Formats milliseconds back into the shortest readable form (`90s`, `30m`, `1h30m`, `500ms`). */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0';
  if (ms % 1000 !== 0) return `${ms}ms`;
  let s = ms / 1000;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s ? `${s}s` : ''}`;
}
