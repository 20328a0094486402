/**
 * `sdrs plan show <file> [--mode m] [--format outline|mermaid]`: the plan's steps and waves
 * (the groups of a step in batches of its concurrency) as a readable outline, or a Mermaid
 * flowchart for wikis. Reads the file only; nothing is read from or sent to the service.
 */
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { UsageError, safeLine } from '../../errors.js';
import { formatDuration } from '../../config/duration.js';
import { loadPlan } from '../../plan/load.js';
import { DEFAULT_CONCURRENCY, PLAN_MODES, type Plan, type PlanMode, type PlanStep } from '../../plan/model.js';
import { bind, examples, type RunF, type Runner } from '../shared/command.js';
import { out, result, type Result } from '../shared/output.js';
import { skippedIn, skippedWhy } from './preflight.js';
import { parseMode } from './validate.js';
import { type Text, language, t, text } from '../../i18n/index.js';
import { planMsg as M } from '../../i18n/catalog/plan.js';

export type ShowFormat = 'outline' | 'mermaid';

/** The options of one run. */
export interface ShowOptions {
  file: string;
  format: ShowFormat;
  /** Describe each step as this mode runs it; undefined: as the plan says it. */
  mode?: PlanMode;
}

/** What commander parses. */
interface ShowFlags {
  format?: string;
  mode?: string;
}

/** One step as `plan show --json` gives it. */
export interface ShownStep {
  index: number;
  name: string;
  kind: PlanStep['kind'];
  /** What the step does (in --mode's terms when given). */
  does: string;
  groups?: { alias: string; ref: string }[];
  /** The groups in batches of the step's concurrency. */
  waves?: string[][];
  site?: string;
  concurrency?: number;
  duration_ms?: number;
  timeout_ms?: number;
  message?: string;
  command?: string;
  on_failure: 'stop' | 'continue';
  /** Why the mode skips the step (stop/start in a failover or a drill). */
  skipped?: string;
  line: number;
  column: number;
}

/** The `plan show --json` document. */
export interface ShowDocument {
  file: string;
  name: string;
  description?: string;
  mode: PlanMode | null;
  groups: { alias: string; ref: string }[];
  steps: ShownStep[];
  /** With --format mermaid: the flowchart. */
  mermaid?: string;
}

/** Flags to options (exit 2 on bad values). */
export function parseShow(args: string[], f: ShowFlags): ShowOptions {
  const file = args[0];
  if (!file) throw new UsageError(text(M.missingShowFile));
  const format = f.format ?? 'outline';
  if (format !== 'outline' && format !== 'mermaid') throw new UsageError(text(M.badFormat, { value: JSON.stringify(safeLine(format)) }));
  const mode = parseMode(f.mode);
  return { file, format, ...(mode ? { mode } : {}) };
}

/** `plan show`'s arguments, help and wiring. */
export function registerShow(parent: Command, run: Runner, runF: RunF<ShowOptions> = runShow): Command {
  const cmd = parent
    .command('show')
    .description('show a plan file: its steps and waves as an outline, or a Mermaid flowchart (--format mermaid); reads the file only')
    .argument('<file>', 'the plan file (YAML or JSON)')
    .option('--format <format>', 'outline or mermaid (default: outline)')
    .option('--mode <mode>', `describe each step as this mode runs it: ${PLAN_MODES.join(', ')}`);
  examples(cmd, [
    '$ sdrs plan show erp.yaml --mode switchover',
    '$ sdrs plan show erp.yaml --format mermaid > erp-plan.mmd',
    "$ sdrs plan show erp.yaml --json | jq -r '.steps[] | \"\\(.index) \\(.name): \\(.does)\"'",
  ]);
  return bind(cmd, run, parseShow, runF);
}

/** Reads the plan (exit 2 when invalid) and describes it. */
export async function runShow(_ctx: Context, o: ShowOptions): Promise<Result<ShowDocument>> {
  const plan = await loadPlan(o.file);
  const steps = plan.steps.map((s, i) => shownStep(plan, s, i + 1, o.mode));
  const doc: ShowDocument = {
    file: o.file, name: plan.name, ...(plan.description !== undefined ? { description: plan.description } : {}),
    mode: o.mode ?? null, groups: plan.groups.map(({ alias, ref }) => ({ alias, ref })), steps,
  };
  if (o.format === 'mermaid') {
    doc.mermaid = mermaid(plan, steps);
    return result(doc, out(doc.mermaid));
  }
  return result(doc, out(outline(plan, steps, o.mode)));
}

/** What a group step does in a mode. */
function moveText(mode: PlanMode | undefined): Text {
  if (mode === 'switchover') return text(M.moveSwitchover);
  if (mode === 'failover') return text(M.moveFailover);
  if (mode === 'drill') return text(M.moveDrill);
  return text(M.moveAny);
}

/** What a step does, in both languages (the JSON's `does` is the English). */
function doesText(s: Pick<PlanStep, 'kind' | 'site' | 'duration_ms' | 'message' | 'command'>, mode: PlanMode | undefined): Text {
  switch (s.kind) {
    case 'switchover':
    case 'failover': return moveText(mode);
    case 'stop': return text(M.showStop, { site: s.site });
    case 'start': return text(M.showStart, { site: s.site });
    case 'wait': return text(M.showWait, { time: formatDuration(s.duration_ms ?? 0) });
    case 'confirm': return text(M.showConfirm, { message: s.message });
    case 'run': return text(M.showRun, { command: s.command });
  }
}

/** One step, described. */
export function shownStep(plan: Plan, s: PlanStep, index: number, mode: PlanMode | undefined): ShownStep {
  const byAlias = new Map(plan.groups.map((g) => [g.alias, g]));
  const conc = s.concurrency ?? DEFAULT_CONCURRENCY;
  const does = doesText(s, mode).en;
  const skipped = mode ? skippedIn(mode, s) : undefined;
  const groups = s.groups?.map((a) => byAlias.get(a) ?? { alias: a, ref: a });
  const waves: string[][] = [];
  for (let i = 0; s.groups && i < s.groups.length; i += conc) waves.push(s.groups.slice(i, i + conc));
  return {
    index, name: s.name, kind: s.kind, does,
    ...(groups ? { groups, waves, concurrency: conc } : {}),
    ...(s.site ? { site: s.site } : {}),
    ...(s.duration_ms !== undefined ? { duration_ms: s.duration_ms } : {}),
    ...(s.timeout_ms !== undefined ? { timeout_ms: s.timeout_ms } : {}),
    ...(s.message !== undefined ? { message: s.message } : {}),
    ...(s.command !== undefined ? { command: s.command } : {}),
    on_failure: s.on_failure,
    ...(skipped ? { skipped } : {}),
    line: s.loc.line, column: s.loc.column,
  };
}

/** The outline: the plan, its groups, then each step with its waves. */
export function outline(plan: Plan, steps: ShownStep[], mode: PlanMode | undefined): string {
  const zh = language() === 'zh-CN';
  const lines = [plan.description
    ? t(M.outlinePlanDesc, { plan: safeLine(plan.name), description: safeLine(plan.description.trim().split('\n')[0]) })
    : t(M.outlinePlan, { plan: safeLine(plan.name) })];
  if (mode) lines.push(t(M.outlineMode, { mode }));
  lines.push(t(M.outlineGroups, { n: plan.groups.length, list: plan.groups.map((g) => `${g.alias} = ${safeLine(g.ref)}`).join(', ') }), '');
  for (const s of steps) {
    const extra = [
      s.timeout_ms !== undefined ? t(M.outlineTimeout, { time: formatDuration(s.timeout_ms) }) : '',
      s.on_failure === 'continue' ? t(M.outlineContinue) : '',
    ].filter(Boolean);
    const step = plan.steps[s.index - 1];
    const does = zh && step ? doesText(step, mode).zh : s.does;
    const why = mode && s.skipped && step ? skippedWhy(mode, step) : undefined;
    const skipped = s.skipped ? t(M.outlineSkipped, { why: why ? t(why) : s.skipped }) : '';
    lines.push(`${s.index}. ${safeLine(s.name)}: ${safeLine(does)}${extra.length ? (zh ? `（${extra.join('，')}）` : ` (${extra.join(', ')})`) : ''}${skipped}`);
    if (s.waves) {
      const many = s.waves.length > 1;
      s.waves.forEach((w, i) => lines.push(`     ${many ? t(M.outlineWave, { i: i + 1, n: s.waves!.length, groups: w.join(', ') }) : t(M.outlineParallel, { groups: w.join(', '), n: s.concurrency })}`));
    }
  }
  return lines.join('\n');
}

/** Text inside a Mermaid label: quotes and angle brackets as entities, one line, bounded. */
function label(text: string): string {
  const t = safeLine(text).replace(/\s+/g, ' ');
  const cut = t.length > 80 ? t.slice(0, 77) + '...' : t;
  return cut.replace(/&/g, '#amp;').replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');
}

/** A Mermaid flowchart: one node per step (a box of group nodes for group steps), in order. */
export function mermaid(plan: Plan, steps: ShownStep[]): string {
  const lines = ['flowchart TD', `  start(["${label(`plan ${plan.name}`)}"])`];
  let prev = 'start';
  let prevContinue = false;
  for (const s of steps) {
    const id = `s${s.index}`;
    const title = `${s.index}. ${s.name}`;
    if (s.groups) {
      lines.push(`  subgraph ${id}["${label(`${title}: ${s.kind}${s.kind === 'stop' || s.kind === 'start' ? ` at ${s.site}` : ''}, up to ${s.concurrency} at once`)}"]`);
      s.groups.forEach((g, j) => lines.push(`    ${id}_g${j + 1}["${label(`${g.alias}: ${g.ref}`)}"]`));
      lines.push('  end');
    } else if (s.kind === 'confirm') lines.push(`  ${id}{"${label(`${title}: ${s.message ?? ''}`)}"}`);
    else if (s.kind === 'wait') lines.push(`  ${id}(["${label(`${title}: ${s.does}`)}"])`);
    else lines.push(`  ${id}[["${label(`${title}: ${s.command ?? ''}`)}"]]`);
    if (s.skipped) lines.push(`  style ${id} stroke-dasharray: 5 5`);
    lines.push(`  ${prev} ${prevContinue ? '-->|on failure: continue|' : '-->'} ${id}`);
    prev = id;
    prevContinue = s.on_failure === 'continue';
  }
  lines.push(`  done(["done"])`, `  ${prev} ${prevContinue ? '-->|on failure: continue|' : '-->'} done`);
  return lines.join('\n');
}
