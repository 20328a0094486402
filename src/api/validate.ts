/** Checks on values that end up inside a URL, done before anything is sent. */
import { UsageError } from '../errors.js';
import { isWellFormedId } from '../validate.js';
import { text } from '../i18n/index.js';
import { api as M } from '../i18n/catalog/api.js';

/**
 * Returns `value` when it is a safe path parameter (a well-formed id: no `/`, `?`, `%`, `.` or
 * whitespace); otherwise UsageError (exit 2) naming `param`.
 */
export function validateId(param: string, value: unknown): string {
  if (typeof value !== 'string' || !isWellFormedId(value)) {
    const shown = typeof value === 'string' ? JSON.stringify(value.length > 60 ? value.slice(0, 60) + '…' : value) : String(value);
    throw new UsageError(
      text(M.badPathId, { param, value: shown }),
      { details: { parameter: param } },
    );
  }
  return value;
}

/** Validates every id in a list (for batch calls). */
export function validateIds(param: string, values: readonly unknown[]): string[] {
  if (values.length === 0) throw new UsageError(text(M.noIds, { param }), { details: { parameter: param } });
  return values.map((v) => validateId(param, v));
}
