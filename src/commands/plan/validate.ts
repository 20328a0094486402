/**
 * `sdrs plan validate <file>`: is the plan well-formed (exit 2 with every problem's line and
 * column), and could it run now in each mode (exit 3 with every check that fails)? Nothing
 * is sent. `--offline` checks the file only, without reading the service.
 */
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { UsageError, safeLine } from '../../errors.js';
import { loadPlan } from '../../plan/load.js';
import { PLAN_MODES, type Plan, type PlanMode } from '../../plan/model.js';
import { bind, examples, type RunF, type Runner } from '../shared/command.js';
import { out, result, say, type Block, type Result } from '../shared/output.js';
import { checkText, notReadyError, planPreflight, resolvePlanGroups, resolvedView, type ModeReadiness, type ResolvedGroup } from './preflight.js';
import { t, text } from '../../i18n/index.js';
import { planMsg as M } from '../../i18n/catalog/plan.js';

/** The options of one run. */
export interface ValidateOptions {
  file: string;
  /** The modes checked (default: all three). */
  modes: PlanMode[];
  /** Check the file only; read nothing from the service. */
  offline: boolean;
}

/** What commander parses. */
interface ValidateFlags {
  mode?: string;
  offline?: boolean;
}

/** The `plan validate --json` document. */
export interface ValidateDocument {
  file: string;
  plan: string;
  /** The file is a valid plan (always true in a document: an invalid file is the PLAN_INVALID error). */
  valid: true;
  /** Every mode checked is ready; null with --offline (the service was not read). */
  ready: boolean | null;
  groups: ResolvedGroup[] | { alias: string; ref: string }[];
  steps: { name: string; kind: string; groups?: string[]; line: number; column: number }[];
  modes: ModeReadiness[];
}

/** A --mode value (exit 2 on anything else). */
export function parseMode(value: string | undefined, flag = '--mode'): PlanMode | undefined {
  if (value === undefined) return undefined;
  if (!(PLAN_MODES as readonly string[]).includes(value)) throw new UsageError(text(M.badMode, { flag, value: JSON.stringify(safeLine(value)), modes: PLAN_MODES.join(', ') }));
  return value as PlanMode;
}

/** Flags to options (exit 2 on bad values). */
export function parseValidate(args: string[], f: ValidateFlags): ValidateOptions {
  const file = args[0];
  if (!file) throw new UsageError(text(M.missingValidateFile));
  const mode = parseMode(f.mode);
  if (mode && f.offline) throw new UsageError(text(M.modeAndOffline));
  return { file, modes: mode ? [mode] : [...PLAN_MODES], offline: f.offline === true };
}

/** `plan validate`'s arguments, help and wiring. */
export function registerValidate(parent: Command, run: Runner, runF: RunF<ValidateOptions> = runValidate): Command {
  const cmd = parent
    .command('validate')
    .description('check a plan file (exit 2: every problem with its line and column) and whether it could run now in each mode (exit 3: every check that fails); sends nothing')
    .argument('<file>', 'the plan file (YAML or JSON; format: docs/plans.md)')
    .option('--mode <mode>', `check one mode only: ${PLAN_MODES.join(', ')} (default: all three)`)
    .option('--offline', 'check the file only, without reading the service');
  examples(cmd, [
    '$ sdrs plan validate erp.yaml',
    '$ sdrs plan validate erp.yaml --mode failover --json | jq \'.modes[].failures[] | "\\(.step) \\(.group): \\(.message)"\'',
    '$ sdrs plan validate erp.yaml --offline || exit 1   # in CI: the file only',
  ]);
  return bind(cmd, run, parseValidate, runF);
}

/** Loads the plan (exit 2), resolves its groups, runs every check of the modes asked for (exit 3). */
export async function runValidate(ctx: Context, o: ValidateOptions): Promise<Result<ValidateDocument>> {
  const plan = await loadPlan(o.file);
  const steps = plan.steps.map((s) => ({ name: s.name, kind: s.kind, ...(s.groups ? { groups: s.groups } : {}), line: s.loc.line, column: s.loc.column }));
  if (o.offline) {
    const doc: ValidateDocument = { file: o.file, plan: plan.name, valid: true, ready: null, groups: plan.groups, steps, modes: [] };
    return result(doc, out(t(M.validOffline, { file: safeLine(o.file), plan: safeLine(plan.name), groups: plan.groups.length, steps: plan.steps.length })));
  }
  const api = await ctx.api();
  const groups = await resolvePlanGroups(api, plan);
  const modes = await planPreflight(api, plan, groups, o.modes);
  const ready = modes.every((m) => m.ready);
  const doc: ValidateDocument = { file: o.file, plan: plan.name, valid: true, ready, groups: resolvedView(plan, groups), steps, modes };
  const r = result(doc, ...describe(plan, modes));
  return ready ? r : { ...r, error: notReadyError(plan, modes, !ctx.globals.json) };
}

/** The verdict for people: one line per mode, then each failed check. */
function describe(plan: Plan, modes: ModeReadiness[]): Block[] {
  const lines = [t(M.valid, { file: safeLine(plan.file), plan: safeLine(plan.name), groups: plan.groups.length, steps: plan.steps.length })];
  for (const m of modes) {
    const skipped = m.skipped.length ? t(M.modeSkipped, { n: m.skipped.length }) : '';
    lines.push(m.ready ? t(M.modeReady, { mode: m.mode, n: m.passed, skipped }) : t(M.modeNotReady, { mode: m.mode, n: m.failures.length, skipped }));
    for (const f of m.failures) lines.push(t(f.group ? M.failureLineGroup : M.failureLine, { step: JSON.stringify(safeLine(f.step)), group: f.group, message: safeLine(checkText(f)) }));
  }
  return [out(lines.join('\n')), ...(modes.every((m) => m.ready) ? [say(t(M.nothingSent))] : [])];
}
