/**
 * Client-side validation of user input, done before anything is sent.
 * Rules from reference section 9 (the service enforces the same with SDRS.02xx codes).
 */
import { UsageError, safeText } from './errors.js';

const NAME_RE = /^[\u4e00-\u9fa5A-Za-z0-9._-]+$/u;

/** Returns an error message for a bad resource name, or undefined when it is valid. */
export function nameProblem(name: string): string | undefined {
  const bytes = Buffer.byteLength(name, 'utf8');
  if (bytes === 0) return 'must not be empty';
  if (bytes > 64) return `is ${bytes} bytes long; the limit is 64 bytes (a Chinese character takes 3)`;
  if (!NAME_RE.test(name)) return 'may contain only Chinese characters, letters, digits, ".", "_" and "-"';
  return undefined;
}

/** Returns an error message for a bad description, or undefined when it is valid. */
export function descriptionProblem(text: string): string | undefined {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > 64) return `is ${bytes} bytes long; the limit is 64 bytes`;
  if (/[<>]/.test(text)) return 'must not contain "<" or ">"';
  // Control characters would be silently mangled by terminals and logs.
  // eslint-disable-next-line no-control-regex -- rejecting control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(text)) return 'must not contain control characters';
  return undefined;
}

const ID_RE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
const AZ_RE = /^[a-z0-9][a-z0-9-]{1,62}$/;

/** True when the value is a well-formed id (UUID, 32-hex job id, or similar). */
export function isWellFormedId(value: string): boolean {
  return ID_RE.test(value);
}

/** Throws a UsageError naming the flag unless `value` is a well-formed id. */
export function requireId(flag: string, value: string): string {
  if (!isWellFormedId(value)) {
    throw new UsageError(`${flag} ${printable(value)} is not a well-formed id (letters, digits, "-" and "_", at most 128)`);
  }
  return value;
}

/** Throws a UsageError naming the flag unless `value` looks like an AZ name such as cn-north-4a. */
export function requireAz(flag: string, value: string): string {
  if (!AZ_RE.test(value)) throw new UsageError(`${flag} ${printable(value)} is not an availability zone name (e.g. cn-north-4a)`);
  return value;
}

/** Throws a UsageError unless the name is valid. */
export function requireName(flag: string, value: string): string {
  const p = nameProblem(value);
  if (p) throw new UsageError(`${flag} ${printable(value)} ${p}`);
  return value;
}

/** A group reference is an id or a group name. */
export function requireGroupRef(value: string): string {
  return requireRef('group', value);
}

/** A reference to a group, protected instance or replication pair: an id or a name (same naming rules). */
export function requireRef(what: string, value: string): string {
  if (isWellFormedId(value) || nameProblem(value) === undefined) return value;
  throw new UsageError(`${what} ${printable(value)} is neither a well-formed id nor a valid ${what} name`);
}

const DEVICE_RE = /^\/dev\/(vd|sd)[a-z]$/;

/** Throws a UsageError unless `value` is a disk device name such as /dev/vdb or /dev/sdb (reference 3.2). */
export function requireDevice(flag: string, value: string): string {
  if (!DEVICE_RE.test(value)) throw new UsageError(`${flag} ${printable(value)} is not a device name like /dev/vdb or /dev/sdb (/dev/vd or /dev/sd and one letter)`);
  return value;
}

/** Quotes a user value for an error message: control characters (C0, DEL, C1, bidi) escaped, long values cut. */
export function printable(value: string): string {
  const cut = value.length > 80 ? value.slice(0, 77) + '...' : value;
  return safeText(JSON.stringify(cut));
}
