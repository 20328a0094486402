/**
 * Bad input, property-based (fast-check): random names, descriptions, ids,
 * durations, unicode, very long strings, control characters and path
 * separators, first against the validators, then through the argument
 * parser (`main()` in process, and a sample through the real binary).
 * Every one must end in a one-line error with exit 2, never a stack trace,
 * and never a request (the emulator's counters stay at zero).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UsageError, ExitCode } from '../../src/errors.js';
import { descriptionProblem, isWellFormedId, nameProblem, printable, requireAz, requireGroupRef, requireId, requireName } from '../../src/validate.js';
import { validateId } from '../../src/api/validate.js';
import { MAX_DURATION_MS, parseDuration } from '../../src/config/duration.js';
import { runSdrs } from '../helpers/run.js';
import { expectCleanError, runMain, startWorld, summary, type World } from './helpers.js';

const RUNS = 150;
const tried = { validators: 0, parser: 0, binary: 0 };

// --- Independent oracles (written from reference section 9, not from src/) ---
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
const NAME_CHARS = /^[\u4e00-\u9fa5A-Za-z0-9._-]+$/u;
const validName = (s: string) => bytes(s) >= 1 && bytes(s) <= 64 && NAME_CHARS.test(s);
 
const validDescription = (s: string) => bytes(s) <= 64 && !/[<>\u0000-\u001f\u007f]/.test(s);
const validId = (s: string) => /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/.test(s);
const validAz = (s: string) => /^[a-z0-9][a-z0-9-]{1,62}$/.test(s);

// --- Hostile strings ---
const nasty = fc.constantFrom(
  '', ' ', '../../etc/passwd', '..\\..\\windows\\system32', '/', 'a/b', 'a\\b', '%2e%2e%2f', 'C:\\x', '~', '$(reboot)', '`id`', ';rm -rf /',
  '\u001b[2J\u001b[H', '\u001b]0;pwned\u0007', 'a\rb', 'line1\nline2', '\u0000', '\u007f', '\u009b31m', '\u202eevil', '\u2028', '\ufeff',
  '<script>', '{"a":1}', "' OR 1=1 --", '名'.repeat(22), 'é', '🙂', '\ud800', 'x'.repeat(65), 'x'.repeat(100_000), 'http://[::1', '--help', '-h', '-V',
);
const anyString = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', minLength: 60, maxLength: 4000 }) },
  { weight: 2, arbitrary: nasty },
  { weight: 1, arbitrary: fc.tuple(fc.string({ unit: 'grapheme-ascii', maxLength: 10 }), nasty, fc.string({ unit: 'grapheme-ascii', maxLength: 10 })).map((p) => p.join('')) },
);
const badName = anyString.filter((s) => !validName(s));
const badDescription = anyString.filter((s) => !validDescription(s));
const badId = anyString.filter((s) => !validId(s));
const badRef = anyString.filter((s) => !validId(s) && !validName(s));
const badAz = anyString.filter((s) => !validAz(s));
const badDuration = anyString.filter((s) => !/^\s*(\d+(\.\d+)?|(\d+(\.\d+)?(ms|s|m|h))+)\s*$/i.test(s));

/** The contract of a validation error: UsageError, exit 2, one bounded line without raw control characters. */
function expectUsageError(fn: () => unknown): void {
  tried.validators++;
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(UsageError);
  const e = err as UsageError;
  expect(e.exitCode).toBe(ExitCode.USAGE);
  expect(e.message).not.toMatch(/\n/);
   
  expect(e.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
  expect(e.message.length).toBeLessThan(600);
}

describe('validators', () => {
  it('names: valid exactly when the reference says so; otherwise a one-line usage error', () => {
    fc.assert(
      fc.property(fc.oneof(anyString, fc.stringMatching(/^[A-Za-z0-9._\u4e00-\u9fa5-]{1,30}$/)), (s) => {
        expect(nameProblem(s) === undefined).toBe(validName(s));
        if (validName(s)) expect(requireName('--name', s)).toBe(s);
        else expectUsageError(() => requireName('--name', s));
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('descriptions', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        expect(descriptionProblem(s) === undefined).toBe(validDescription(s));
      }),
      { numRuns: RUNS * 2 },
    );
    tried.validators += RUNS * 2;
  });

  it('ids (flags and URL path parameters) and AZs', () => {
    fc.assert(
      fc.property(fc.oneof(anyString, fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,40}$/)), (s) => {
        expect(isWellFormedId(s)).toBe(validId(s));
        if (validId(s)) {
          expect(validateId('group id', s)).toBe(s);
        } else {
          expectUsageError(() => requireId('--vpc', s));
          expectUsageError(() => validateId('group id', s));
        }
        if (!validAz(s)) expectUsageError(() => requireAz('--source-az', s));
        if (!validId(s) && !validName(s)) expectUsageError(() => requireGroupRef(s));
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('durations: a number of ms between 0 and 7 days, or a one-line usage error', () => {
    fc.assert(
      fc.property(fc.oneof(anyString, fc.stringMatching(/^\d{1,7}(\.\d{1,3})?(ms|s|m|h)?$/), fc.stringMatching(/^(\d{1,3}(ms|s|m|h)){1,4}$/)), (s) => {
        let ms: number | undefined;
        try {
          ms = parseDuration(s, '--timeout');
        } catch {
          expectUsageError(() => parseDuration(s, '--timeout'));
          return;
        }
        tried.validators++;
        expect(Number.isInteger(ms)).toBe(true);
        expect(ms).toBeGreaterThanOrEqual(0);
        expect(ms).toBeLessThanOrEqual(MAX_DURATION_MS);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('printable(): any value is quoted on one line, escaped and cut', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const p = printable(s);
         
        expect(p).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e]/);
        expect(p.length).toBeLessThan(600);
      }),
      { numRuns: RUNS },
    );
    tried.validators += RUNS;
  });
});

describe('the argument parser (main() in process) sends nothing for bad input', () => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld({ seed: 'demo' });
  });
  afterAll(async () => {
    await w?.stop();
  });
  beforeEach(async () => {
    await w.admin('DELETE', '/counters');
  });

  /** Runs argv in process; asserts exit 2 and a clean error (or one JSON error line with --json). */
  const refuse = async (argv: string[]) => {
    tried.parser++;
    const r = await runMain(argv, { env: w.env });
    const what = JSON.stringify(argv).slice(0, 300);
    expect(r.code, `${what}\n${r.stderr}`).toBe(2);
    expect(r.stdout, what).toBe('');
    if (argv.includes('--json')) {
      const lines = r.stderr.trim().split('\n');
      expect(lines, what).toHaveLength(1);
      expect(JSON.parse(lines[0]).error).toMatchObject({ exit_code: 2 });
    } else {
      expectCleanError(r.stderr, what);
    }
  };
  const prop = async <T>(arb: fc.Arbitrary<T>, toArgv: (v: T) => string[]) => {
    // Global flags go first: after `--` everything is an operand.
    await fc.assert(fc.asyncProperty(arb, fc.boolean(), async (v, json) => refuse([...(json ? ['--json'] : []), ...toArgv(v)])), { numRuns: RUNS });
    expect(await w.requests()).toBe(0);
  };
  const create = ['group', 'create', '--domain=dom-cn-north-4', '--vpc=vpc-1'];

  it('group create --name', () => prop(badName, (s) => [...create, `--name=${s}`]));
  it('group create --description', () => prop(badDescription, (s) => [...create, '--name=ok', `--description=${s}`]));
  it('group create --vpc', () => prop(badRef, (s) => ['group', 'create', '--name=ok', '--domain=d', `--vpc=${s}`]));
  it('group create --source-az', () => prop(badAz, (s) => [...create, '--name=ok', `--source-az=${s}`]));
  it('group create --timeout', () => prop(badDuration, (s) => [...create, '--name=ok', `--timeout=${s}`]));
  it('group reverse <group>', () => prop(badRef, (s) => ['group', 'reverse', '--to=target', '--yes', '--', s]));
  it('group reverse --to', () => prop(anyString.filter((s) => s !== 'target' && s !== 'source'), (s) => ['group', 'reverse', '--yes', `--to=${s}`, 'demo-erp']));
  it('group show <group>', () => prop(badRef, (s) => ['group', 'show', '--', s]));
  it('job show <job-id>', () => prop(badId, (s) => ['job', 'show', '--', s]));
  it('job wait <job-id> --interval', () => prop(badDuration, (s) => ['job', 'wait', `--interval=${s}`, '0123456789abcdef0123456789abcdef']));
  // An empty or blank global flag means "not given" (the environment applies), so only non-blank values are bad input.
  it('global --region', () => prop(anyString.filter((s) => s.trim() !== '' && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(s.trim())), (s) => [`--region=${s}`, 'group', 'list']));
  it('global --project-id', () => prop(badId.filter((s) => s.trim() !== '' && !validId(s.trim())), (s) => [`--project-id=${s}`, 'group', 'list']));
  it('global --endpoint', () => prop(anyString.filter((s) => s.trim() !== '' && !/^https?:\/\/[^/?#@\s]+(\/[^?#]*)?$/.test(s.trim())), (s) => [`--endpoint=${s}`, 'domain', 'list']));
  it('unknown commands and options', () =>
    prop(fc.tuple(fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 30 }).filter((s) => /^[a-z][a-z0-9-]*$/i.test(s)), fc.boolean()), ([s, asOption]) =>
      asOption ? ['group', 'list', `--x-${s}`] : [`x-${s}`],
    ));
});

describe('a sample through the real binary', () => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld({ seed: 'demo' });
  });
  afterAll(async () => {
    summary(
      `bad input: ${tried.validators} validator inputs, ${tried.parser} argument lists through main(), ${tried.binary} through the binary; ` +
        `every one exit 2 with a one-line error, stack traces: 0, requests sent: 0`,
    );
    await w?.stop();
  });

  it('refuses hostile values with exit 2, one clean line, and no request', async () => {
    const cases: string[][] = [
      ['group', 'create', '--name', '../../etc/passwd', '--domain', 'd', '--vpc', 'v'],
      ['group', 'create', '--name', 'x'.repeat(100_000), '--domain', 'd', '--vpc', 'v'],
      ['group', 'create', '--name', 'ok', '--description', '\u001b]0;pwned\u0007', '--domain', 'd', '--vpc', 'v'],
      ['group', 'create', '--name', '名'.repeat(22), '--domain', 'd', '--vpc', 'v'],
      ['group', 'create', '--name', 'ok', '--domain', 'd', '--vpc', 'a/../b'],
      ['group', 'reverse', 'a/b', '--to', 'target', '--yes'],
      ['group', 'reverse', 'demo-erp', '--to', '\u001b[31mtarget\r', '--yes'],
      ['group', 'show', '\u202eevil'],
      ['job', 'show', '../jobs/x'],
      ['job', 'wait', '0123456789abcdef0123456789abcdef', '--timeout', '\u001b[2J1s'],
      ['job', 'wait', '0123456789abcdef0123456789abcdef', '--interval', '8d'],
      ['--region', 'cn north 4', 'group', 'list'],
      ['--endpoint', 'file:///etc/passwd', 'domain', 'list'],
      ['group', 'frobnicate'],
    ];
    await w.admin('DELETE', '/counters');
    const results = await Promise.all(cases.map((argv) => runSdrs(argv, { env: w.env })));
    for (const [i, r] of results.entries()) {
      tried.binary++;
      const what = JSON.stringify(cases[i]).slice(0, 200);
      expect(r.code, `${what}\n${r.stderr}`).toBe(2);
      expect(r.stdout).toBe('');
      expectCleanError(r.stderr, what);
      expect(r.stderr.length, what).toBeLessThan(1000);
    }
    expect(await w.requests()).toBe(0);
  });
});
