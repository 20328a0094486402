/**
 * Reading a recovery plan file (YAML or JSON, docs/plans.md) into a `Plan`.
 *
 *   parse (yaml 2, with source positions; JSON is read by the same parser, so a duplicate
 *   key is caught in both) -> what each step is (exactly one of the step kinds) -> the
 *   JSON Schema (src/plan/schema.json, ajv, draft 2020-12) -> the checks a schema cannot
 *   express: unknown group aliases, duplicate step names, a group moved twice, the same
 *   group under two aliases, keys that do not apply to the step's kind, durations.
 *
 * Every problem is reported with its line and column (1-based) and where in the plan it
 * is, all of them at once; any problem is PLAN_INVALID, exit 2, and nothing is sent.
 */
import { readFile } from 'node:fs/promises';
import type { Document, LineCounter, Node as YamlNode } from 'yaml';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { ExitCode, SdrsError, safeLine } from '../errors.js';
import { type Entry, type Params, type Text, text as bothOf } from '../i18n/index.js';
import { planMsg as M } from '../i18n/catalog/plan.js';
import { MAX_DURATION_MS } from '../config/duration.js';
import { durationMs } from '../util/duration.js';
import { GROUP_STEP_KINDS, STEP_KINDS, type Plan, type PlanStep, type StepKind } from './model.js';

/**
 * The parser, the validator and the schema are loaded on first use: the plan commands are
 * registered with the rest of the tree (dist/cli.js), and `sdrs --help` or any other command
 * must not pay for loading yaml and ajv. (A lazily imported module of src/ would instead split
 * the code it shares with dist/cli.js into chunk files that every start-up loads.)
 */
interface Deps {
  yaml: typeof import('yaml');
  validator: ValidateFunction;
  schema: typeof import('./schema.json');
  stepKeys: Set<string>;
  topKeys: string[];
}
let deps: Promise<Deps> | undefined;
function loadDeps(): Promise<Deps> {
  deps ??= (async () => {
    const [yaml, ajv, json] = await Promise.all([import('yaml'), import('ajv/dist/2020.js'), import('./schema.json', { with: { type: 'json' } })]);
    const schema = json.default;
    const validator = new ajv.Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true }).compile(schema);
    return { yaml, validator, schema, stepKeys: new Set(Object.keys(schema.$defs.step.properties)), topKeys: Object.keys(schema.properties).filter((k) => k !== '$schema') };
  })();
  return deps;
}

/** One problem in a plan file. */
export interface PlanProblem {
  /** 1-based; 0 when the file has no position for it (an empty file). */
  line: number;
  column: number;
  /** Where in the plan: `steps[2] "app tier".wait`, `groups.db`. */
  path: string;
  message: string;
}

/** A problem as found: its message in both languages (the error's details keep the English `message` only). */
export type FoundProblem = PlanProblem & { zh?: string };

/** The plan file is not a valid plan: every problem with its line and column. Exit 2, nothing sent. */
export class PlanInvalidError extends SdrsError {
  readonly problems: PlanProblem[];
  constructor(file: string, found: FoundProblem[]) {
    const problems: PlanProblem[] = found.map(({ line, column, path, message }) => ({ line, column, path, message }));
    const both = (l: keyof Text): string[] => found.map((p) => formatProblem(file, { ...p, message: l === 'zh' ? p.zh ?? p.message : p.message }));
    const lines: Text = { en: both('en').join('\n'), zh: both('zh').join('\n') };
    const first: Text = found.length ? { en: both('en')[0], zh: both('zh')[0] } : bothOf(M.notAPlan, { file: safeLine(file) });
    const n = found.length - 1;
    const message = n <= 0 ? first : n === 1 ? { en: M.andMore.en.replace('{first}', first.en), zh: M.andMore.zh.replace('{first}', first.zh) }
      : { en: M.andMoreN.en.replace('{first}', first.en).replace('{n}', String(n)), zh: M.andMoreN.zh.replace('{first}', first.zh).replace('{n}', String(n)) };
    super('PLAN_INVALID', ExitCode.USAGE, message, {
      hint: found.length > 1 ? lines : bothOf(M.formatHint),
      details: { file, problems },
    });
    this.problems = problems;
  }
}

/** `plan.yaml:12:5: steps[2] "app": unknown group alias "ap"` (the position and path stay as they are in every language). */
export function formatProblem(file: string, p: PlanProblem): string {
  const at = p.line > 0 ? `${safeLine(file)}:${p.line}:${p.column}` : safeLine(file);
  return `${at}: ${p.path ? `${p.path}: ` : ''}${safeLine(p.message)}`;
}

/** A problem's message in both languages. */
const say = (entry: Entry, params?: Params): { message: string; zh: string } => {
  const t = bothOf(entry, params);
  return { message: t.en, zh: t.zh };
};
/** A message that is the same in both languages (what a library said). */
const same = (message: string): { message: string; zh: string } => ({ message, zh: message });

/** Larger plan files are refused before parsing (a plan is a page or two). */
export const MAX_PLAN_BYTES = 1024 * 1024;

/** Reads and checks a plan file. Throws PlanInvalidError (exit 2) with every problem. */
export async function loadPlan(file: string): Promise<Plan> {
  let text: string;
  try {
    const buf = await readFile(file);
    if (buf.length > MAX_PLAN_BYTES) throw new PlanInvalidError(file, [{ line: 0, column: 0, path: '', ...say(M.tooBig, { size: buf.length, max: MAX_PLAN_BYTES }) }]);
    text = buf.toString('utf8');
  } catch (err) {
    if (err instanceof PlanInvalidError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const why: Text = code === 'ENOENT' ? bothOf(M.noSuchFile) : code === 'EISDIR' ? bothOf(M.isDirectory) : code === 'EACCES' ? bothOf(M.permissionDenied)
      : { en: String((err as Error).message), zh: String((err as Error).message) };
    throw new PlanInvalidError(file, [{ line: 0, column: 0, path: '', message: M.cannotRead.en.replace('{why}', why.en), zh: M.cannotRead.zh.replace('{why}', why.zh) }]);
  }
  return parsePlan(text, file);
}

type Seg = string | number;

/** Where things are in the parsed document. */
class Locator {
  constructor(private readonly doc: Document, private readonly lc: LineCounter, private readonly y: typeof import('yaml')) {}

  /** The node at `path` (the key's node when `key` is set and the last segment is a map key). */
  node(path: Seg[], key = false): YamlNode | undefined {
    let cur: unknown = this.doc.contents;
    let last: YamlNode | undefined = cur as YamlNode | undefined;
    const { isMap, isScalar, isSeq } = this.y;
    for (const [i, seg] of path.entries()) {
      if (isMap(cur)) {
        const pair = cur.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === seg);
        if (!pair) return last;
        if (key && i === path.length - 1 && isScalar(pair.key)) return pair.key;
        cur = pair.value;
      } else if (isSeq(cur) && typeof seg === 'number') {
        cur = cur.items[seg];
      } else return last;
      if (cur && typeof cur === 'object' && 'range' in cur) last = cur as YamlNode;
    }
    return last;
  }

  pos(path: Seg[], key = false): { line: number; column: number } {
    const n = this.node(path, key);
    const off = n?.range?.[0];
    if (off === undefined) return { line: 1, column: 1 };
    const p = this.lc.linePos(off);
    return { line: p.line, column: p.col };
  }
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const q = (s: unknown) => JSON.stringify(String(s));

/** Parses and checks a plan's text. Rejects with PlanInvalidError (exit 2) with every problem, sorted by position. */
export async function parsePlan(text: string, file: string): Promise<Plan> {
  const { yaml, validator, stepKeys: STEP_KEYS, topKeys } = await loadDeps();
  const validate = (data: unknown): ErrorObject[] => (validator(data) ? [] : [...(validator.errors ?? [])]);
  const lc = new yaml.LineCounter();
  const doc = yaml.parseDocument(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: true, strict: true });
  const problems: FoundProblem[] = [];
  const seen = new Set<string>();
  const add = (p: FoundProblem) => {
    const k = `${p.line}:${p.column}:${p.path}:${p.message}`;
    if (seen.has(k)) return;
    seen.add(k);
    problems.push(p);
  };
  if (doc.errors.length) {
    for (const e of doc.errors) {
      const lp = e.linePos?.[0];
      const msg = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
      const key = e.code === 'DUPLICATE_KEY' ? /^["']?([^"':\s]{1,64})/.exec(text.slice(e.pos[0]))?.[1] : undefined;
      add({ line: lp?.line ?? 0, column: lp?.col ?? 0, path: '', ...(e.code === 'DUPLICATE_KEY' ? say(M.duplicateKey, { key: key ? ` ${q(key)}` : '' }) : say(M.yamlError, { message: msg })) });
    }
    throw new PlanInvalidError(file, problems);
  }
  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  if (data === null || data === undefined) throw new PlanInvalidError(file, [{ line: 0, column: 0, path: '', ...say(M.emptyFile) }]);
  const loc = new Locator(doc, lc, yaml);
  const at = (path: Seg[], key = false) => loc.pos(path, key);

  const steps = isObj(data) && Array.isArray(data.steps) ? (data.steps as unknown[]) : [];
  const stepName = (i: number) => (isObj(steps[i]) && typeof steps[i].name === 'string' ? ` ${q(safeLine(steps[i].name as string))}` : '');
  const where = (path: Seg[]) => path.map((s, i) => (typeof s === 'number' ? `[${s}]${path[i - 1] === 'steps' && i === 1 ? stepName(s) : ''}` : `${i ? '.' : ''}${s}`)).join('');

  // What each step is: exactly one kind. Reported here, in words, rather than as the schema's oneOf.
  const kindReported = new Set<number>();
  for (const [i, s] of steps.entries()) {
    if (!isObj(s)) continue;
    const kinds = Object.keys(s).filter((k) => (STEP_KINDS as readonly string[]).includes(k));
    if (kinds.length === 1) continue;
    kindReported.add(i);
    if (kinds.length === 0) {
      const unknown = Object.keys(s).filter((k) => !STEP_KEYS.has(k));
      add({
        ...at(['steps', i, unknown[0] ?? 'name'], unknown.length > 0), path: where(['steps', i]),
        ...(unknown.length
          ? say(M.unknownKind, { kind: q(unknown[0]), kinds: STEP_KINDS.join(', ') })
          : say(M.doesNothing, { kinds: STEP_KINDS.join(', ') })),
      });
    } else {
      add({ ...at(['steps', i, kinds[1]], true), path: where(['steps', i]), ...say(M.twoKinds, { kinds: kinds.join(' and ') }) });
    }
  }

  for (const e of validate(data)) {
    const path = e.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    const stepIndex = path[0] === 'steps' && typeof path[1] === 'number' ? path[1] : undefined;
    if (stepIndex !== undefined && kindReported.has(stepIndex) && path.length === 2 && (e.keyword === 'oneOf' || e.schemaPath.includes('/oneOf/') || e.keyword === 'additionalProperties')) continue;
    const p = problemOf(e, path, topKeys, STEP_KEYS);
    if (p) add({ ...at(p.path, p.key), path: where(p.path), message: p.message, zh: p.zh });
  }
  if (problems.length) throw new PlanInvalidError(file, sortProblems(problems));

  // The schema passed: the shapes are right.
  const raw = data as { name: string; description?: string; groups: Record<string, string>; steps: Record<string, unknown>[] };
  const groups = Object.entries(raw.groups).map(([alias, ref]) => ({ alias, ref }));
  const aliases = new Set(groups.map((g) => g.alias));
  const byRef = new Map<string, string>();
  for (const g of groups) {
    const other = byRef.get(g.ref);
    if (other !== undefined) add({ ...at(['groups', g.alias], true), path: `groups.${g.alias}`, ...say(M.sameGroup, { other: q(other), ref: q(safeLine(g.ref)) }) });
    else byRef.set(g.ref, g.alias);
  }
  const names = new Map<string, number>();
  const movedIn = new Map<string, number>();
  const out: PlanStep[] = [];
  for (const [i, s] of raw.steps.entries()) {
    const kind = STEP_KINDS.find((k) => k in s) as StepKind;
    const name = String(s.name);
    const dup = names.get(name);
    if (dup !== undefined) add({ ...at(['steps', i, 'name']), path: where(['steps', i, 'name']), ...say(M.duplicateStep, { dup }) });
    else names.set(name, i);
    const step: PlanStep = { name, kind, on_failure: s.on_failure === 'continue' ? 'continue' : 'stop', loc: at(['steps', i]) };
    const isGroupStep = (GROUP_STEP_KINDS as readonly string[]).includes(kind);
    const notFor = (key: string, what: Entry) => {
      if (key in s) add({ ...at(['steps', i, key], true), path: where(['steps', i, key]), message: fillWhat(M.notFor.en, key, kind, what.en), zh: fillWhat(M.notFor.zh, key, kind, what.zh) });
    };
    if (isGroupStep) {
      const list = s[kind] as string[];
      for (const [j, a] of list.entries()) {
        if (!aliases.has(a)) add({ ...at(['steps', i, kind, j]), path: where(['steps', i, kind, j]), ...say(M.unknownAlias, { alias: q(safeLine(a)), aliases: [...aliases].join(', ') }) });
        if (kind === 'switchover' || kind === 'failover') {
          const before = movedIn.get(a);
          if (before !== undefined) add({ ...at(['steps', i, kind, j]), path: where(['steps', i, kind, j]), ...say(M.movedTwice, { alias: q(a), before, name: q(String(raw.steps[before].name)) }) });
          else movedIn.set(a, i);
        }
      }
      step.groups = [...list];
      step.concurrency = typeof s.concurrency === 'number' ? s.concurrency : undefined;
      if (kind === 'stop' || kind === 'start') step.site = (s.site as PlanSite | undefined) ?? (kind === 'stop' ? 'production' : 'dr');
      else notFor('site', M.whatSite);
    } else {
      notFor('concurrency', M.whatNoGroups);
      notFor('site', M.whatSite);
    }
    const ms = (key: string): number | undefined => {
      const v = s[key];
      if (v === undefined) return undefined;
      const n = typeof v === 'number' ? v * 1000 : durationMs(String(v), 's');
      if (n === undefined || !Number.isFinite(n) || n < 0 || n > MAX_DURATION_MS) {
        add({ ...at(['steps', i, key]), path: where(['steps', i, key]), ...say(M.badDuration, { value: q(v) }) });
        return undefined;
      }
      return Math.round(n);
    };
    if (kind === 'wait') step.duration_ms = ms('wait');
    if (kind === 'confirm') step.message = String(s.confirm);
    if (kind === 'run') step.command = String(s.run);
    if (kind === 'wait' || kind === 'confirm') notFor('timeout', kind === 'wait' ? M.whatWait : M.whatConfirm);
    else step.timeout_ms = ms('timeout');
    if (step.concurrency === undefined) delete step.concurrency;
    if (step.timeout_ms === undefined) delete step.timeout_ms;
    out.push(step);
  }
  if (problems.length) throw new PlanInvalidError(file, sortProblems(problems));
  return { name: raw.name, ...(raw.description !== undefined ? { description: raw.description } : {}), groups, steps: out, file };
}

type PlanSite = NonNullable<PlanStep['site']>;

/** `{key} does not apply to a {kind} step ({what})` in one language. */
const fillWhat = (template: string, key: string, kind: string, what: string) => template.replace('{key}', key).replace('{kind}', kind).replace('{what}', what);

const sortProblems = (ps: FoundProblem[]) => [...ps].sort((a, b) => a.line - b.line || a.column - b.column);

/** One schema error as a sentence, at the node it is about (`key`: point at the key, not its value). */
function problemOf(e: ErrorObject, path: Seg[], TOP_KEYS: string[], STEP_KEYS: Set<string>): { path: Seg[]; key: boolean; message: string; zh: string } | undefined {
  const params = e.params as Record<string, unknown>;
  if (e.schemaPath.startsWith('#/$defs/duration')) {
    // The duration's oneOf gives a type error for one branch and a pattern error for the other: one sentence.
    if (e.keyword !== 'oneOf') return undefined;
    return { path, key: false, ...say(M.mustBeDuration) };
  }
  switch (e.keyword) {
    case 'required':
      return { path, key: false, ...say(path.length === 0 ? M.missingTopKey : M.missingKey, { key: q(params.missingProperty) }) };
    case 'additionalProperties': {
      const k = String(params.additionalProperty);
      const allowed = path.length === 0 ? TOP_KEYS : [...STEP_KEYS];
      return { path: [...path, k], key: true, ...say(M.unknownKey, { key: q(k), allowed: allowed.join(', ') }) };
    }
    case 'propertyNames':
      return { path: [...path, String(params.propertyName)], key: true, ...say(M.badAlias, { alias: q(params.propertyName) }) };
    case 'pattern':
      if ((e as ErrorObject & { propertyName?: string }).propertyName !== undefined) return undefined; // said by propertyNames
      if (path.length === 1 && path[0] === 'name') return { path, key: false, ...say(M.badPlanName) };
      return { path, key: false, ...same(e.message ?? 'does not match') };
    case 'enum':
      return { path, key: false, ...say(M.mustBeOneOf, { values: (params.allowedValues as unknown[]).join(', ') }) };
    case 'type':
      return { path, key: false, ...(params.type === 'object' ? say(M.mustBeMapping) : params.type === 'array' ? say(M.mustBeList) : say(M.mustBeType, { type: String(params.type) })) };
    case 'minItems':
      return { path, key: false, ...say(path[path.length - 1] === 'steps' ? M.atLeastOneStep : M.atLeastOneAlias) };
    case 'minProperties':
      return { path, key: false, ...say(M.atLeastOneGroup) };
    case 'uniqueItems':
      return { path, key: false, ...say(M.aliasTwice) };
    case 'oneOf':
      return undefined; // the step kinds: said above, in words
    default:
      return { path, key: false, ...same(e.message ?? e.keyword) };
  }
}
