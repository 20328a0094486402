/**
 * The one exit-code table and the typed errors that carry those codes.
 *
 * These numbers are a contract runbooks depend on (docs/exit-codes.md).
 * Only `main()` in src/cli.ts turns an error into a number.
 */
import { type Text, text } from './i18n/index.js';
import { programMsg } from './i18n/catalog/program.js';

export const ExitCode = {
  /** Success, including a no-op. */
  OK: 0,
  /** Internal error (a bug in sdrs). */
  INTERNAL: 1,
  /** Usage or validation error: nothing was sent. */
  USAGE: 2,
  /** The API rejected the request (4xx, not found, wrong status), or a pre-flight check failed. */
  API: 3,
  /** Authentication, permission or configuration problem. */
  AUTH: 4,
  /** A job failed or the resource ended in an error status. */
  JOB_FAILED: 5,
  /** Timed out waiting; the job is still running. */
  TIMEOUT: 6,
  /** The service could not be reached, kept failing after retries, or the outcome is unknown. */
  UNREACHABLE: 7,
  /** Checked, and not ready: `sdrs check` found a group NOT READY (or DEGRADED with --fail-on degraded), or `sdrs rpo --fail-above` was exceeded. */
  NOT_READY: 8,
  /** A `--verify` command (or a plan hook) failed or timed out; the rest of the run went through. */
  VERIFY_FAILED: 9,
  /** Interrupted (SIGINT / Ctrl-C). */
  INTERRUPTED: 130,
  /** Terminated (SIGTERM). */
  TERMINATED: 143,
  /** Hung up (SIGHUP: the terminal or SSH session went away). */
  HANGUP: 129,
} as const;

/** The signals that stop a run, and the exit code each gives. */
export type StopSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP';

/** The signal an abort reason names ('SIGINT' for anything else, e.g. a test's abort). */
export function stopSignalOf(reason: unknown): StopSignal {
  return reason === 'SIGTERM' || reason === 'SIGHUP' ? reason : 'SIGINT';
}

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** Extra, machine-readable fields carried into the `--json` error document. */
export type ErrorDetails = Record<string, unknown>;

export interface SdrsErrorOptions {
  /** A line telling the user what to do next (a Text where it has a Chinese rendering). */
  hint?: string | Text;
  /** Fields for the JSON error document (job_id, group_id, request_id ...). */
  details?: ErrorDetails;
  cause?: unknown;
}

/**
 * Characters that must never reach a terminal raw from an error: C0 controls
 * other than tab and newline (ESC starts terminal escape sequences, CR
 * overwrites the line), DEL, C1 controls, line/paragraph separators and the
 * bidirectional overrides that can make a message read differently from what
 * it says. Messages often quote user input and server text.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_CHARS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Escapes every unsafe character as `\uXXXX`, so an error stays readable and on its lines. */
export function safeText(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(UNSAFE_CHARS, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

/**
 * `safeText` kept on one line (newline and tab escaped too): for service text inside a line that
 * sdrs composes, such as a progress line or a row of the multi-group view, where a newline in a
 * name could forge a line of its own.
 */
export function safeLine(text: string): string {
  // A service may send null where its model says string: shown as a template literal would show it, never a crash.
  return safeText(typeof text === 'string' ? text : String(text)).replace(/[\n\t]/g, (x) => (x === '\n' ? '\\n' : '\\t'));
}

/** A message (or a Text) escaped with safeText, in both languages. */
function safeBoth(m: string | Text): Text {
  if (typeof m === 'string') {
    const s = safeText(m);
    return { en: s, zh: s };
  }
  return { en: safeText(m.en), zh: safeText(m.zh) };
}

/** Base class of every error sdrs reports on purpose. */
export class SdrsError extends Error {
  /** Stable, machine-readable code such as `USAGE` or `SDRS.1013`. */
  readonly code: string;
  readonly exitCode: ExitCodeValue;
  /** The hint in English (the JSON document's `hint`). */
  readonly hint?: string;
  readonly details: ErrorDetails;
  /** The message in both languages; `message` is its English (docs/i18n.md). */
  readonly text: Text;
  /** The hint in both languages. */
  readonly hintText?: Text;

  constructor(code: string, exitCode: ExitCodeValue, message: string | Text, opts: SdrsErrorOptions = {}) {
    const text = safeBoth(message);
    super(text.en, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.code = code;
    this.exitCode = exitCode;
    this.text = text;
    this.hintText = opts.hint === undefined ? undefined : safeBoth(opts.hint);
    this.hint = this.hintText?.en;
    this.details = opts.details ?? {};
  }

  /** The `{"error": {...}}` document printed on stderr with `--json`. */
  toJSON(): { error: Record<string, unknown> } {
    return {
      error: {
        code: this.code,
        message: this.message,
        exit_code: this.exitCode,
        ...(this.hint ? { hint: this.hint } : {}),
        ...this.details,
      },
    };
  }
}

/** Bad flags or values; nothing was sent. Exit 2. */
export class UsageError extends SdrsError {
  constructor(message: string | Text, opts: SdrsErrorOptions = {}) {
    super('USAGE', ExitCode.USAGE, message, opts);
  }
}

/** Missing credentials, bad config file, 401/403. Exit 4. */
export class AuthError extends SdrsError {
  constructor(message: string | Text, opts: SdrsErrorOptions & { code?: string } = {}) {
    super(opts.code ?? 'AUTH', ExitCode.AUTH, message, opts);
  }
}

/** A configuration file that cannot be used. Exit 4. */
export class ConfigError extends SdrsError {
  constructor(message: string | Text, opts: SdrsErrorOptions = {}) {
    super('CONFIG', ExitCode.AUTH, message, opts);
  }
}

/** A pre-flight check or a client-side precondition failed. Exit 3. */
export class PreconditionError extends SdrsError {
  constructor(code: string, message: string | Text, opts: SdrsErrorOptions = {}) {
    super(code, ExitCode.API, message, opts);
  }
}

export interface ApiErrorInit extends SdrsErrorOptions {
  status: number;
  /** The service's code (`SDRS.1013`, `APIGW.0301`) or `HTTP_<status>` when the body had none. */
  apiCode: string;
  requestId?: string;
  method?: string;
  url?: string;
}

/**
 * The service answered with an error. 401/403 become exit 4, 5xx and 429
 * (after retries) exit 7, anything else exit 3.
 */
export class ApiError extends SdrsError {
  readonly status: number;
  readonly apiCode: string;
  readonly requestId?: string;

  constructor(message: string | Text, init: ApiErrorInit) {
    const exit =
      init.status === 401 || init.status === 403
        ? ExitCode.AUTH
        : init.status >= 500 || init.status === 429
          ? ExitCode.UNREACHABLE
          : ExitCode.API;
    super(init.apiCode, exit, message, {
      ...init,
      details: {
        http_status: init.status,
        ...(init.requestId ? { request_id: init.requestId } : {}),
        ...init.details,
      },
    });
    this.status = init.status;
    this.apiCode = init.apiCode;
    this.requestId = init.requestId;
  }
}

/** The service could not be reached, or kept failing. Exit 7. */
export class NetworkError extends SdrsError {
  constructor(message: string | Text, opts: SdrsErrorOptions & { code?: string } = {}) {
    super(opts.code ?? 'UNREACHABLE', ExitCode.UNREACHABLE, message, opts);
  }
}

/** A mutating request was sent but its outcome is unknown (connection dropped, 5xx). Exit 7. */
export class UnknownOutcomeError extends SdrsError {
  constructor(message: string | Text, opts: SdrsErrorOptions = {}) {
    super('OUTCOME_UNKNOWN', ExitCode.UNREACHABLE, message, opts);
  }
}

/** A job ended in FAIL, or the resource ended in an error status. Exit 5. */
export class JobFailedError extends SdrsError {
  constructor(message: string | Text, opts: SdrsErrorOptions & { code?: string } = {}) {
    super(opts.code ?? 'JOB_FAILED', ExitCode.JOB_FAILED, message, opts);
  }
}

/** The wait timed out; the job is still running. Exit 6. */
export class WaitTimeoutError extends SdrsError {
  constructor(message: string | Text, opts: SdrsErrorOptions = {}) {
    super('WAIT_TIMEOUT', ExitCode.TIMEOUT, message, opts);
  }
}

/** The user interrupted (Ctrl-C: 130, SIGTERM: 143). */
export class InterruptedError extends SdrsError {
  constructor(message: string | Text, opts: SdrsErrorOptions & { signal?: StopSignal } = {}) {
    super(
      'INTERRUPTED',
      opts.signal === 'SIGTERM' ? ExitCode.TERMINATED : opts.signal === 'SIGHUP' ? ExitCode.HANGUP : ExitCode.INTERRUPTED,
      message,
      opts,
    );
  }
}

/** A check ran and its answer is "not ready" (exit 8): not an error of sdrs or the service. */
export class NotReadyError extends SdrsError {
  constructor(message: string | Text, opts: SdrsErrorOptions & { code?: string } = {}) {
    super(opts.code ?? 'NOT_READY', ExitCode.NOT_READY, message, opts);
  }
}

/** Converts anything thrown into an SdrsError (unknown errors become INTERNAL, exit 1). */
export function toSdrsError(err: unknown): SdrsError {
  if (err instanceof SdrsError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new SdrsError('INTERNAL', ExitCode.INTERNAL, text(programMsg.internalError, { message }), {
    hint: text(programMsg.internalHint),
    cause: err,
  });
}
