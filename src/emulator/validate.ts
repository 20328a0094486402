/** Request validation shared by the routes (reference section 9). */
import { badRequest, sdrsError } from './errors.js';

const NAME_RE = /^[\u4e00-\u9fa5A-Za-z0-9._-]+$/;

/** Names: 1-64 UTF-8 bytes of Chinese characters, letters, digits, `.`, `_`, `-` (SDRS.0202). */
export function checkName(name: unknown): string {
  if (typeof name !== 'string' || name.length === 0 || Buffer.byteLength(name, 'utf8') > 64 || !NAME_RE.test(name)) {
    throw sdrsError('SDRS.0202', 'Invalid name: use 1 to 64 bytes of letters, digits, Chinese characters, ".", "_" or "-".');
  }
  return name;
}

/** Descriptions: optional, 1-64 UTF-8 bytes, no `<` or `>` (SDRS.0212). */
export function checkDescription(d: unknown): string | null {
  if (d === undefined || d === null) return null;
  if (typeof d !== 'string' || d.length === 0 || Buffer.byteLength(d, 'utf8') > 64 || /[<>]/.test(d)) {
    throw sdrsError('SDRS.0212', 'Invalid description: at most 64 bytes, without "<" or ">".');
  }
  return d;
}

/** Parses a JSON body from the raw bytes; undefined for an empty body. */
export function parseJsonBody(raw: Buffer | undefined): unknown {
  if (!raw || raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw badRequest('the request body is not valid JSON');
  }
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The object under `key` in the body, or SDRS.0201. */
export function wrapped(body: unknown, key: string): Record<string, unknown> {
  if (!isObject(body) || !isObject(body[key])) throw badRequest(`the body must be an object with the key "${key}"`);
  return body[key] as Record<string, unknown>;
}

/** `limit` (0-1000, default 1000, SDRS.0221) and `offset` (>=0, default 0, SDRS.0222). */
export function paging(q: URLSearchParams): { limit: number; offset: number } {
  const rawLimit = q.get('limit');
  const rawOffset = q.get('offset');
  const limit = rawLimit === null || rawLimit === '' ? 1000 : Number(rawLimit);
  const offset = rawOffset === null || rawOffset === '' ? 0 : Number(rawOffset);
  if (!Number.isInteger(limit) || limit < 0 || limit > 1000) throw sdrsError('SDRS.0221', 'Invalid limit: it must be an integer from 0 to 1000.');
  if (!Number.isInteger(offset) || offset < 0) throw sdrsError('SDRS.0222', 'Invalid offset: it must be a non-negative integer.');
  return { limit, offset };
}

/** Applies paging and returns the page plus the total count of matches. */
export function page<T>(items: T[], q: URLSearchParams): { items: T[]; count: number } {
  const { limit, offset } = paging(q);
  return { items: items.slice(offset, offset + limit), count: items.length };
}

/**
 * An ID-list filter such as `server_group_ids`: accepts `['a','b']` (SDK/TF
 * style) and `["a","b"]` (OTC example). More than 30 IDs is SDRS.0226.
 */
export function idList(q: URLSearchParams, key: string): string[] | undefined {
  const raw = q.get(key);
  if (raw === null || raw.trim() === '') return undefined;
  const text = raw.trim();
  let ids: string[];
  if (text.startsWith('[')) {
    if (!text.endsWith(']')) throw badRequest(`${key} must be a list like ['id1','id2']`);
    ids = text
      .slice(1, -1)
      .split(',')
      .map((s) => s.trim().replace(/^['"]|['"]$/g, ''))
      .filter(Boolean);
  } else {
    ids = text.split(',').map((s) => s.trim()).filter(Boolean);
  }
  if (ids.length > 30) throw sdrsError('SDRS.0226', `Too many IDs in ${key}: at most 30.`);
  return ids;
}

/** Case-insensitive substring match (the documented "fuzzy" name filter). */
export function fuzzy(name: string, filter: string | null): boolean {
  return filter === null || filter === '' || name.toLowerCase().includes(filter.toLowerCase());
}

/** `query_type=status_abnormal` matches error, invalid and fault statuses. */
export function isAbnormal(status: string): boolean {
  return status === 'error' || status.startsWith('error-') || status === 'invalid' || status === 'fault';
}
