/** Checks on values that end up inside a URL, done before anything is sent. */
import { UsageError } from '../errors.js';

/** Resource ids (UUIDs, 32-hex job ids, project ids): no `/`, `?`, `%`, `.` or whitespace. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
/** Region ids such as `cn-north-4`; they become part of a host name. */
export const REGION_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Returns `value` when it is a safe path parameter; otherwise UsageError (exit 2) naming `param`. */
export function validateId(param: string, value: unknown): string {
  if (typeof value !== 'string' || !ID_PATTERN.test(value)) {
    const shown = typeof value === 'string' ? JSON.stringify(value.length > 60 ? value.slice(0, 60) + '…' : value) : String(value);
    throw new UsageError(
      `invalid ${param} ${shown}: expected 1-128 letters, digits, "-" or "_" (starting with a letter or digit)`,
      { details: { parameter: param } },
    );
  }
  return value;
}

/** Validates every id in a list (for batch calls). */
export function validateIds(param: string, values: readonly unknown[]): string[] {
  if (values.length === 0) throw new UsageError(`${param}: at least one id is required`, { details: { parameter: param } });
  return values.map((v) => validateId(param, v));
}

/** True when `region` is a plausible region id. */
export function isValidRegion(region: string): boolean {
  return REGION_PATTERN.test(region) && region.length <= 64;
}

/** Normalises an endpoint: an http(s) URL without path, query or trailing slash; undefined when invalid. */
export function normaliseEndpoint(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username || url.password || url.search || url.hash) return undefined;
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}
