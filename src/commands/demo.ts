/**
 * `sdrs demo`: a narrated DR drill against an embedded emulator. Every step
 * runs the real command line in this process (ctx.runSdrs, i.e. main()), so the
 * drill exercises exactly the code paths an operator uses against the cloud,
 * and prints that command.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Command } from 'commander';
import type { Context, MainDeps } from '../context.js';
import { InterruptedError, SdrsError } from '../errors.js';
import { palette } from '../io/color.js';
import { SINGLE_EXECUTABLE } from '../version.js';
import { formatElapsed } from '../watch/progress.js';
import { bind, examples, type Runner, type RunF } from './shared/command.js';
import { out, result, say, table, type Result } from './shared/output.js';
import { say as sayNow } from './shared/ui.js';
import { en, language, local, t, text, type Entry, type Params, type Text } from '../i18n/index.js';
import { demo as M } from '../i18n/catalog/demo.js';

/** The options of one run. */
export interface DemoOptions {
  /** Shorter jobs (800 ms instead of 3 s). */
  fast: boolean;
}

/** What commander parses. */
interface DemoFlags {
  fast?: boolean;
}

interface Step {
  /** The title in English (the --json document's `title`). */
  title: string;
  /** The title for people. */
  titleText: Text;
  args: string[];
  /** The exit code this step must end with (3: a refusal the drill shows on purpose). */
  expect: number;
  note?: Text;
}

/** One finished step, as printed in the summary. */
export interface StepResult {
  step: number;
  title: string;
  command: string;
  exit_code: number;
  expected_exit_code: number;
  ok: boolean;
  duration_ms: number;
}

/** The drill's steps, given the seeded world. */
export function drillSteps(names: { group: string; domain: string; vpc: string; local: string; remote: string; servers: string[] }): Step[] {
  const { group, local, remote, servers } = names;
  const titled = (entry: Entry, params?: Params) => ({ title: en(entry, params), titleText: text(entry, params) });
  return [
    { ...titled(M.stepCreate), args: ['group', 'create', '--name', 'drill-group', '--domain', names.domain, '--vpc', names.vpc], expect: 0 },
    { ...titled(M.stepLook, { group }), args: ['group', 'show', group], expect: 0 },
    { ...titled(M.stepTryReverse), args: ['group', 'reverse', group, '--to', 'target', '--yes'], expect: 3, note: text(M.noteRefused) },
    {
      ...titled(M.stepDrill),
      args: ['drill', 'run', group, '--yes', '--verify', DEMO_VERIFY],
      expect: 0,
      note: text(M.noteDrill),
    },
    { ...titled(M.stepStopLocal, { az: local }), args: ['server', 'stop', ...servers, '--az', local, '--yes'], expect: 0 },
    { ...titled(M.stepReverse, { az: remote }), args: ['group', 'reverse', group, '--to', 'target', '--yes'], expect: 0 },
    { ...titled(M.stepStartRemote, { az: remote }), args: ['server', 'start', ...servers, '--az', remote], expect: 0 },
    { ...titled(M.stepWhere), args: ['group', 'list'], expect: 0 },
    { ...titled(M.stepStopRemote, { az: remote }), args: ['server', 'stop', ...servers, '--az', remote, '--yes'], expect: 0 },
    { ...titled(M.stepBack, { az: local }), args: ['group', 'reverse', group, '--to', 'source', '--yes'], expect: 0 },
    { ...titled(M.stepStartLocal, { az: local }), args: ['server', 'start', ...servers, '--az', local], expect: 0 },
  ];
}

/**
 * The demo's drill check: reads the drill servers the way an operator's --verify would (a
 * real one would reach them, e.g. curl their health page). Node, so it runs with sh and cmd;
 * the single-file executable is for hosts without Node (and is linux-only), so there it is
 * sh with its built-ins alone, reading the per-server variables.
 */
export const DEMO_VERIFY = SINGLE_EXECUTABLE
  ? `i=1; while [ "$i" -le "$SDRS_DRILL_SERVER_COUNT" ]; do eval "echo drill server \\"\\$SDRS_DRILL_SERVER_\${i}_NAME\\" \\"\\$SDRS_DRILL_SERVER_\${i}_ADDRESS\\""; i=$((i + 1)); done`
  : `node -e "for (const s of JSON.parse(process.env.SDRS_DRILL_SERVERS)) console.log('drill server', s.name, s.status, s.addresses[0])"`;

/** How long each emulator job takes in the drill, ms: the `--fast` help says these numbers. */
export const DEMO_JOB_MS = { fast: 800, normal: 3000 } as const;

/** Completes the top-level `demo` command (named and described by commands/index.ts). */
export function registerDemo(cmd: Command, run: Runner, runF: RunF<DemoOptions> = runDemo): Command {
  cmd.option('--fast', `shorten job durations (${DEMO_JOB_MS.fast / 1000}s instead of ${DEMO_JOB_MS.normal / 1000}s)`);
  examples(cmd, ['$ sdrs demo', '$ sdrs demo --fast 2>drill.log; echo "drill exit $?"']);
  return bind(cmd, run, (_args, f: DemoFlags): DemoOptions => ({ fast: f.fast === true }), runF);
}

/** The `--json` document of the demo. */
export interface DemoSummary {
  emulator: string;
  total_ms: number;
  steps: StepResult[];
  groups: { name: string; status: string; production: string }[];
}

/**
 * Runs the drill: narration on stderr while it runs; the summary (two tables and
 * what to do next, or the JSON document) is the result.
 */
export async function runDemo(ctx: Context, o: DemoOptions): Promise<Result<DemoSummary>> {
  const p = palette(ctx.io.colorLevel);
  const { startEmulator, SEED_IDS, LOCAL_AZ, REMOTE_AZ } = await import('../emulator/index.js');
  const jobMs = o.fast ? DEMO_JOB_MS.fast : DEMO_JOB_MS.normal;
  const emu = await startEmulator({ port: 0, seed: 'demo', jobDurationMs: jobMs });
  // A private HOME and cache: the drill must not read the operator's config nor teach
  // the real job-duration history the emulator's timings.
  const home = mkdtempSync(join(tmpdir(), 'sdrs-demo-'));
  const env: NodeJS.ProcessEnv = {
    PATH: ctx.env.PATH,
    TERM: ctx.env.TERM,
    ...(ctx.env.NO_COLOR !== undefined ? { NO_COLOR: ctx.env.NO_COLOR } : {}),
    ...(ctx.env.FORCE_COLOR !== undefined ? { FORCE_COLOR: ctx.env.FORCE_COLOR } : {}),
    HOME: home,
    XDG_CACHE_HOME: join(home, '.cache'),
    SDRS_ENDPOINT: emu.url,
    // Its own loopback emulator is reached directly, whatever proxy the operator uses (no
    // proxy variable is passed on; this also keeps a later one from applying).
    NO_PROXY: '*',
    SDRS_PROJECT_ID: emu.projectId,
    HUAWEICLOUD_SDK_AK: emu.ak,
    HUAWEICLOUD_SDK_SK: emu.sk,
    // The steps speak the demo's language (main() sets the language of every run it starts).
    SDRS_LANG: language(),
  };
  // Every step runs with the demo's streams and clock, and no signal handlers of its own. Its
  // emulator stops with the demo: a step's "resume with: sdrs job wait <id>" would point at nothing.
  const stepErr = withoutResumeHints(ctx.io.err);
  const deps = (stdout: MainDeps['stdout']): Partial<MainDeps> => ({
    stdin: ctx.io.in, stdout, stderr: stepErr, env, cwd: home, homeDir: home,
    clock: ctx.clock, handleSignals: false, signal: ctx.signal,
  });
  const steps = drillSteps({ group: 'demo-erp', domain: 'dom-cn-north-4', vpc: SEED_IDS.vpc, local: LOCAL_AZ, remote: REMOTE_AZ, servers: ['erp-app-01', 'erp-db-01'] });
  const results: StepResult[] = [];
  const titles = new Map<number, Text>();
  const started = ctx.clock.now();
  sayNow(ctx, t(M.intro, { url: emu.url, seconds: jobMs / 1000 }), 'bold');
  sayNow(ctx, t(M.realCloud), 'dim');
  try {
    for (const [i, step] of steps.entries()) {
      const command = `sdrs ${step.args.map(shellWord).join(' ')}`;
      sayNow(ctx, `\n${p.bold(t(M.stepHeading, { n: i + 1, total: steps.length, title: local(step.titleText) }))}\n${p.cyan(`$ ${command}`)}`);
      const t0 = ctx.clock.now();
      const color = ctx.io.color ? [] : ['--no-color'];
      // Sub-commands' data goes to stderr too: the demo's stdout is its summary only.
      const code = await ctx.runSdrs([...color, '--no-input', ...step.args], deps(stepErr));
      titles.set(i + 1, step.titleText);
      results.push({ step: i + 1, title: step.title, command, exit_code: code, expected_exit_code: step.expect, ok: code === step.expect, duration_ms: ctx.clock.now() - t0 });
      if (ctx.signal.aborted) throw new InterruptedError(text(M.interrupted, { n: i + 1 }), { signal: ctx.signal.reason === 'SIGTERM' ? 'SIGTERM' : 'SIGINT' });
      if (code !== step.expect) {
        throw new SdrsError('DEMO_STEP_FAILED', code === 0 ? 1 : (code as SdrsError['exitCode']), text(M.stepFailed, { n: i + 1, title: step.titleText, code, expected: step.expect }), {
          hint: text(M.stepFailedHint),
        });
      }
      if (step.note) sayNow(ctx, local(step.note), 'ok');
    }
    const groups = await finalGroups(ctx, deps);
    const summary: DemoSummary = { emulator: emu.url, total_ms: ctx.clock.now() - started, steps: results, groups };
    return result(
      summary,
      say(''),
      say(t(M.complete), 'bold'),
      table([t(M.colStep), t(M.colResult), t(M.colTime), t(M.colWhat)], results.map((r) => [
        r.step, r.expected_exit_code === 0 ? t(M.ok) : t(M.refusedAsExpected, { code: r.exit_code }), formatElapsed(r.duration_ms), local(titles.get(r.step) ?? r.title),
      ])),
      out(''),
      table([t(M.colGroup), t(M.colStatus), t(M.colProduction)], groups.map((g) => [g.name, g.status, g.production])),
      out(''),
      out(t(M.total, { elapsed: formatElapsed(summary.total_ms) })),
    );
  } finally {
    await emu.stop();
    rmSync(home, { recursive: true, force: true });
  }
}

/** Where each group's production runs at the end, read with `sdrs --json group list`. */
async function finalGroups(ctx: Context, deps: (stdout: MainDeps['stdout']) => Partial<MainDeps>): Promise<DemoSummary['groups']> {
  let text = '';
  const stdout = new Writable({ write(chunk, _enc, cb) { text += String(chunk); cb(); } });
  const code = await ctx.runSdrs(['--json', 'group', 'list'], deps(stdout));
  if (code !== 0) return [];
  return (JSON.parse(text) as { name: string; status: string; priority_station: string; source_availability_zone: string; target_availability_zone: string }[]).map((g) => ({
    name: g.name,
    status: g.status,
    production: `${g.priority_station === 'source' ? g.source_availability_zone : g.target_availability_zone} (${g.priority_station})`,
  }));
}

/** A hint that resumes or checks a job of the demo's emulator, which is gone once the demo ends. */
const RESUME_HINT = /(?:(?:[Rr]esume watching|[Cc]heck (?:it|the result)|[Ww]atch it|follow it)(?: with)?: |(?:可用以下命令继续观察|请用以下命令检查(?:结果)?|可用以下命令观察|可用以下命令跟踪)：)sdrs job (?:wait|show) [0-9a-zA-Z_-]+(?: --ecs)?/g;
export const DEMO_RESUME_NOTE = en(M.resumeNote);

/**
 * The demo's stderr for its steps: everything passes through unchanged (a terminal stays a
 * terminal: the spinner and colours draw on it), except a hint to resume one of the demo's jobs.
 */
export function withoutResumeHints(err: Writable): Writable {
  type Tty = Writable & Record<string, unknown>;
  const target = err as Tty;
  const w = new Writable({
    write(chunk, _enc, cb) {
      const text = String(chunk);
      target.write(RESUME_HINT.test(text) ? text.replace(RESUME_HINT, t(M.resumeNote)) : text, cb);
      RESUME_HINT.lastIndex = 0;
    },
  }) as Tty;
  for (const k of ['isTTY', 'columns', 'rows']) {
    if (k in target) Object.defineProperty(w, k, { get: () => target[k] });
  }
  for (const m of ['cursorTo', 'moveCursor', 'clearLine', 'clearScreenDown', 'getColorDepth', 'hasColors', 'getWindowSize']) {
    const f = target[m];
    if (typeof f === 'function') w[m] = (f as (...a: unknown[]) => unknown).bind(target);
  }
  w.on('error', () => undefined);
  return w;
}

function shellWord(w: string): string {
  return /^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`;
}
