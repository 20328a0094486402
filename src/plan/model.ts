/**
 * Recovery plan model (issue 18): what a plan file means once loaded and
 * validated by src/plan/load.ts. The engine (src/plan/run.ts) and the
 * plan commands work only on these types, never on the raw file.
 */

/** How a plan is run: a planned switchover, an unplanned failover, or a drill. */
export type PlanMode = 'switchover' | 'failover' | 'drill';

export const PLAN_MODES: readonly PlanMode[] = ['switchover', 'failover', 'drill'];

/** A protection group named in the plan: `alias` is the plan's own name for it, `ref` the group name or id. */
export interface PlanGroupRef { alias: string; ref: string }

/**
 * What a step does. `switchover` and `failover` are the same step, "move production of these
 * groups to the DR site": the run's mode decides how (switchover mode: stop production servers,
 * reverse, start at the DR site; failover mode: failover, production not touched; drill mode: a
 * drill per group). The file may use either word. `stop`/`start` act on the servers of a `site`
 * (default: stop at production, start at dr); the sites are fixed when the run starts:
 * production = each group's priority_station then, dr = the other side. In failover mode the
 * stop/start steps at the production site are skipped; in drill mode every stop/start step is
 * skipped (production stays untouched; the drill servers are started by the drill).
 */
export type StepKind = 'switchover' | 'failover' | 'stop' | 'start' | 'wait' | 'confirm' | 'run';

export const STEP_KINDS: readonly StepKind[] = ['switchover', 'failover', 'stop', 'start', 'wait', 'confirm', 'run'];

/** Step kinds that act on groups (and carry `groups`). */
export const GROUP_STEP_KINDS: readonly StepKind[] = ['switchover', 'failover', 'stop', 'start'];

export type PlanSite = 'production' | 'dr';

export type OnFailure = 'stop' | 'continue';

/** Default number of groups acted on at once within one step. */
export const DEFAULT_CONCURRENCY = 10;

export interface PlanStep {
  name: string;
  kind: StepKind;
  /** aliases (switchover/failover/stop/start) */
  groups?: string[];
  /** stop/start: which site's servers */
  site?: PlanSite;
  /** groups in flight at once; default DEFAULT_CONCURRENCY */
  concurrency?: number;
  /** wait */
  duration_ms?: number;
  /** confirm */
  message?: string;
  /** run (shell) */
  command?: string;
  timeout_ms?: number;
  on_failure: OnFailure;
  /** where the step starts in the file (1-based) */
  loc: { line: number; column: number };
}

export interface Plan {
  name: string;
  description?: string;
  groups: PlanGroupRef[];
  steps: PlanStep[];
  /** the path the plan was loaded from (as given) */
  file: string;
}

/** The group refs a step acts on, in step order (aliases resolved through the plan). */
export function stepGroupRefs(plan: Plan, step: PlanStep): PlanGroupRef[] {
  if (!step.groups) return [];
  const byAlias = new Map(plan.groups.map((g) => [g.alias, g]));
  return step.groups.map((a) => byAlias.get(a)).filter((g): g is PlanGroupRef => g !== undefined);
}
