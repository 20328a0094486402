/**
 * The service's timestamps, in every form the SDRS reference documents
 * (docs/emulator.md, "Timestamps"):
 *
 * | form | seen in |
 * |---|---|
 * | `2018-04-19T01:55:30.443Z` | jobs (`begin_time`, `end_time`); what the SDK model comments claim for all |
 * | `2019-05-23 03:51:58.256`, `2018-05-09 22:11:45.0` | protection groups, protected instances |
 * | `2018-05-04T03:43:24.108526` | replication pairs (microseconds) |
 * | `2019-05-22T03:30:52Z` | ECS servers |
 *
 * A time without a zone is UTC (the service answers in UTC), never local
 * time as `Date.parse` would read it. Fractions beyond milliseconds are
 * truncated; an explicit `Z` or `±hh:mm` offset is honoured.
 */
const FORM = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/i;

/** Milliseconds since the epoch, or NaN for anything that is not one of the documented forms. */
export function parseServiceTime(text: unknown): number {
  if (typeof text !== 'string') return NaN;
  const m = FORM.exec(text.trim());
  if (!m) return NaN;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return NaN;
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  let t = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  if (new Date(t).getUTCDate() !== d) return NaN; // 2024-02-31
  const zone = m[8];
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    t -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return t;
}
