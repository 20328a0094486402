/**
 * The one duration grammar: `500ms`, `90s`, `10m`, `1h`, compounds such as `1h30m`, and a
 * bare number in a unit the caller names. The CLI reads a bare number as seconds
 * (`--timeout 90`); the emulator as milliseconds (`--faults latency=200`), as documented
 * on each side.
 */
const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Milliseconds (not rounded), or undefined when `text` is not a duration. */
export function durationMs(text: string, bareUnit: 'ms' | 's'): number | undefined {
  const s = text.trim().toLowerCase().replace(/(\d)\s+(?=[a-z])/g, '$1'); // `200 ms` as `200ms`
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s) * UNITS[bareUnit];
  if (!/^(?:\d+(?:\.\d+)?(?:ms|s|m|h))+$/.test(s)) return undefined;
  let ms = 0;
  for (const [, n, unit] of s.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) ms += Number(n) * UNITS[unit];
  return ms;
}
