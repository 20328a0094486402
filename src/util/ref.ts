/** Names quoted for the commands sdrs prints (hints, next steps): a value the shell and sdrs read back as printed. */

/** Quotes a name for a shell command line unless it is plainly safe. */
export function shellArg(s: string): string {
  return /^[\w.\-\u4e00-\u9fa5]+$/u.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Characters a name in a printed command must not carry: controls, bidi overrides, line separators. */
// eslint-disable-next-line no-control-regex -- rejecting control characters is the point
const UNTYPABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/u;
const ID_SHAPED = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$|^[0-9a-f]{32}$/i;

/**
 * How a printed command names a group, instance or pair: its name (quoted) when the
 * name is a usable value, else its id, which the client has checked. Never `null`,
 * `undefined` or an empty word: a name missing from an answer, one that is not a
 * string, blank, shaped like an id (it would be looked up as an id), starting with
 * `-` (it would be read as an option) or holding characters no one can type.
 */
export function refOf(r: { id: string; name?: unknown }): string {
  const n = r.name;
  const usable = typeof n === 'string' && n.trim() === n && n !== '' && n.length <= 255 && !n.startsWith('-') && !ID_SHAPED.test(n) && !UNTYPABLE.test(n);
  return shellArg(usable ? n : r.id);
}
