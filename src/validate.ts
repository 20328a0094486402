/**
 * Client-side validation of user input, done before anything is sent.
 * Rules from reference section 9 (the service enforces the same with SDRS.02xx codes).
 */
import { UsageError, safeText } from './errors.js';
import { text, type Text } from './i18n/index.js';
import { api as M } from './i18n/catalog/api.js';

const NAME_RE = /^[\u4e00-\u9fa5A-Za-z0-9._-]+$/u;

/** Returns an error message for a bad resource name, or undefined when it is valid. */
export function nameProblem(name: string): string | undefined {
  return nameProblemText(name)?.en;
}

/** nameProblem in both languages. */
export function nameProblemText(name: string): Text | undefined {
  const bytes = Buffer.byteLength(name, 'utf8');
  if (bytes === 0) return text(M.nameEmpty);
  if (bytes > 64) return text(M.nameTooLong, { bytes });
  if (!NAME_RE.test(name)) return text(M.nameChars);
  return undefined;
}

/** Returns an error message for a bad description, or undefined when it is valid. */
export function descriptionProblem(value: string): string | undefined {
  return descriptionProblemText(value)?.en;
}

/** descriptionProblem in both languages. */
export function descriptionProblemText(value: string): Text | undefined {
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes > 64) return text(M.descriptionTooLong, { bytes });
  if (/[<>]/.test(value)) return text(M.descriptionAngle);
  // Control characters would be silently mangled by terminals and logs.
  // eslint-disable-next-line no-control-regex -- rejecting control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(value)) return text(M.descriptionControl);
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
    throw new UsageError(text(M.badId, { flag, value: printable(value) }));
  }
  return value;
}

/** Throws a UsageError naming the flag unless `value` looks like an AZ name such as cn-north-4a. */
export function requireAz(flag: string, value: string): string {
  if (!AZ_RE.test(value)) throw new UsageError(text(M.badAz, { flag, value: printable(value) }));
  return value;
}

/** Throws a UsageError unless the name is valid. */
export function requireName(flag: string, value: string): string {
  const p = nameProblemText(value);
  if (p) throw new UsageError(text(M.badName, { flag, value: printable(value), problem: p }));
  return value;
}

/** A group reference is an id or a group name. */
export function requireGroupRef(value: string): string {
  return requireRef('group', value);
}

const REF_NOUNS: Readonly<Record<string, (typeof M)[keyof typeof M] | undefined>> = { group: M.refGroup, instance: M.refInstance, pair: M.refPair, drill: M.refDrill, server: M.refServer };

/** A reference to a group, protected instance or replication pair: an id or a name (same naming rules). */
export function requireRef(what: string, value: string): string {
  if (isWellFormedId(value) || nameProblem(value) === undefined) return value;
  const noun = REF_NOUNS[what];
  throw new UsageError(text(M.badRef, { what: noun ? text(noun) : what, value: printable(value) }));
}

const DEVICE_RE = /^\/dev\/(vd|sd)[a-z]$/;

/** Throws a UsageError unless `value` is a disk device name such as /dev/vdb or /dev/sdb (reference 3.2). */
export function requireDevice(flag: string, value: string): string {
  if (!DEVICE_RE.test(value)) throw new UsageError(text(M.badDevice, { flag, value: printable(value) }));
  return value;
}

/** Quotes a user value for an error message: control characters (C0, DEL, C1, bidi) escaped, long values cut. */
export function printable(value: string): string {
  const cut = value.length > 80 ? value.slice(0, 77) + '...' : value;
  return safeText(JSON.stringify(cut));
}
