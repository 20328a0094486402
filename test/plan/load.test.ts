/** The plan file loader (src/plan/load.ts): every problem with its line and column, exit 2; the schema shipped and published. */
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse as parseYaml } from 'yaml';
import { loadPlan, parsePlan, PlanInvalidError } from '../../src/plan/load.js';
import { ROOT } from '../helpers/run.js';

/** The problems of a text, as `line:column message` strings. */
async function problems(text: string): Promise<string[]> {
  try {
    await parsePlan(text, 'p.yaml');
  } catch (err) {
    expect(err).toBeInstanceOf(PlanInvalidError);
    const e = err as PlanInvalidError;
    expect(e.exitCode).toBe(2);
    expect(e.code).toBe('PLAN_INVALID');
    return e.problems.map((p) => `${p.line}:${p.column} ${p.path}: ${p.message}`);
  }
  throw new Error('the plan was accepted');
}

const GOOD = `name: erp
groups:
  db: erp-db
  app: erp-app
steps:
  - name: database
    switchover: [db]
    timeout: 30m
  - name: check
    confirm: check the data
  - name: app
    failover: [app]
    concurrency: 4
  - name: start
    start: [db, app]
  - name: stop-old
    stop: [db]
    site: dr
  - name: pause
    wait: 1m30s
  - name: smoke
    run: ./smoke.sh
    timeout: 90
    on_failure: continue
`;

describe('parsePlan', () => {
  it('reads every step kind, with defaults and positions', async () => {
    const p = await parsePlan(GOOD, 'erp.yaml');
    expect(p.name).toBe('erp');
    expect(p.file).toBe('erp.yaml');
    expect(p.groups).toEqual([{ alias: 'db', ref: 'erp-db' }, { alias: 'app', ref: 'erp-app' }]);
    expect(p.steps.map((s) => s.kind)).toEqual(['switchover', 'confirm', 'failover', 'start', 'stop', 'wait', 'run']);
    expect(p.steps[0]).toEqual({ name: 'database', kind: 'switchover', groups: ['db'], timeout_ms: 1_800_000, on_failure: 'stop', loc: { line: 6, column: 5 } });
    expect(p.steps[2].concurrency).toBe(4);
    expect(p.steps[3]).toMatchObject({ site: 'dr', groups: ['db', 'app'] });
    expect(p.steps[4]).toMatchObject({ site: 'dr' });
    expect(p.steps[5].duration_ms).toBe(90_000);
    expect(p.steps[6]).toMatchObject({ command: './smoke.sh', timeout_ms: 90_000, on_failure: 'continue', loc: { line: 21, column: 5 } });
    expect((await parsePlan(GOOD.replace('site: dr', 'site: production'), 'x')).steps[4].site).toBe('production');
    expect((await parsePlan(GOOD.replace('    site: dr\n', ''), 'x')).steps[4].site).toBe('production');
  });

  it('reads JSON with the same parser (positions, duplicate keys)', async () => {
    const json = JSON.stringify({ name: 'j', groups: { a: 'g' }, steps: [{ name: 's', switchover: ['a'] }] }, null, 2);
    expect((await parsePlan(json, 'p.json')).steps[0].loc).toEqual({ line: 7, column: 5 });
    expect(await problems('{"name": "j", "groups": {"a": "g"}, "steps": [{"name": "s", "wait": 1}], "name": "k"}')).toEqual(['1:74 : duplicate key "name": a key (a group alias, a step\'s key) is given once']);
  });

  it('reports bad YAML, an empty file and a non-mapping with line and column', async () => {
    expect((await problems('name: x\nsteps: [\n'))[0]).toMatch(/^3:1 : YAML: /);
    expect(await problems('')).toEqual(['0:0 : the file is empty; a plan has a name, groups and steps (docs/plans.md)']);
    expect(await problems('- a\n')).toEqual(['1:1 : must be a mapping (key: value)']);
  });

  it('reports an unknown step kind, a step of two kinds and schema errors all at once, in file order', async () => {
    const text = `name: erp
groups:
  db: erp-db
  9x: foo
steps:
  - name: database
    reverse: [db]
  - name: w
    wait: 3x
  - name: both
    wait: 3s
    run: ls
  - name: s
    switchover: [db]
    on_failure: maybe
  - 7
extra: 1
`;
    expect(await problems(text)).toEqual([
      '4:3 groups.9x: group alias "9x": start with a letter or _, then letters, digits, _ or - (at most 32)',
      '7:5 steps[0] "database": unknown step kind "reverse"; a step is one of: switchover, failover, stop, start, wait, confirm, run',
      '9:11 steps[1] "w".wait: must be a duration: 500ms, 30s, 10m, 1h30m, or a number of seconds',
      '12:5 steps[2] "both": the step is both wait and run; a step does one thing (split it into steps)',
      '15:17 steps[3] "s".on_failure: must be one of: stop, continue',
      '16:5 steps[4]: must be a mapping (key: value)',
      '17:1 extra: unknown key "extra"; expected one of: name, description, groups, steps',
    ]);
  });

  it('reports unknown aliases, duplicate step names, a group moved twice, one group under two aliases, keys that do not apply', async () => {
    const text = `name: x
groups: {a: g1, b: g2, c: g1}
steps:
  - {name: one, switchover: [a, nope]}
  - {name: one, failover: [a], site: dr}
  - {name: w, wait: 5s, timeout: 3s, }
  - {name: r, run: ls, concurrency: 2}
  - {name: t, wait: 200h}
`;
    expect(await problems(text)).toEqual([
      '2:24 groups.c: names the same group as "a" ("g1"); one alias per group',
      '4:33 steps[0] "one".switchover[1]: unknown group alias "nope"; the plan\'s groups: a, b, c',
      '5:12 steps[1] "one".name: duplicate step name; steps[0] has it too (step names are unique)',
      '5:28 steps[1] "one".failover[0]: group "a" is already moved to the DR site by steps[0] "one"; a plan moves each group once',
      '5:32 steps[1] "one".site: site does not apply to a failover step (site is for stop and start steps)',
      '6:25 steps[2] "w".timeout: timeout does not apply to a wait step (the wait is its own duration)',
      '7:24 steps[3] "r".concurrency: concurrency does not apply to a run step (it acts on no groups)',
      '8:21 steps[4] "t".wait: "200h" is not a duration from 0 to 7 days (500ms, 30s, 10m, 1h30m, or seconds)',
    ]);
  });

  it('names every problem in the error: the first in the message, all in the hint, file:line:column', async () => {
    try {
      await parsePlan('name: x\ngroups: {a: g}\nsteps:\n  - {name: s, switchover: [b]}\n  - {name: s, wait: 1s}\n', 'plans/p.yaml');
      throw new Error('accepted');
    } catch (err) {
      const e = err as PlanInvalidError;
      expect(e.message).toBe('plans/p.yaml:4:28: steps[0] "s".switchover[0]: unknown group alias "b"; the plan\'s groups: a (and 1 more problem)');
      expect(e.hint?.split('\n')).toEqual([
        'plans/p.yaml:4:28: steps[0] "s".switchover[0]: unknown group alias "b"; the plan\'s groups: a',
        'plans/p.yaml:5:12: steps[1] "s".name: duplicate step name; steps[0] has it too (step names are unique)',
      ]);
      expect(e.toJSON().error).toMatchObject({ code: 'PLAN_INVALID', exit_code: 2, file: 'plans/p.yaml', problems: [{ line: 4, column: 28 }, { line: 5, column: 12 }] });
    }
  });

  it('reads a file, and says why one cannot be read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sdrs-plan-'));
    writeFileSync(join(dir, 'p.yaml'), GOOD);
    expect((await loadPlan(join(dir, 'p.yaml'))).steps).toHaveLength(7);
    await expect(loadPlan(join(dir, 'missing.yaml'))).rejects.toMatchObject({ code: 'PLAN_INVALID', message: `${join(dir, 'missing.yaml')}: cannot read the plan file: no such file` });
  });
});

describe('the schema', () => {
  const src = readFileSync(join(ROOT, 'src/plan/schema.json'), 'utf8');

  it('is published unchanged as docs/plan.schema.json', async () => {
    expect(readFileSync(join(ROOT, 'docs/plan.schema.json'), 'utf8')).toBe(src);
  });

  it('accepts both documented examples (as an editor would check them) and they load', async () => {
    const validate = new Ajv2020({ allErrors: true }).compile(JSON.parse(src));
    for (const f of ['two-tier.yaml', 'region.yaml']) {
      const path = join(ROOT, 'docs/examples', f);
      expect(validate(parseYaml(readFileSync(path, 'utf8'))), JSON.stringify(validate.errors)).toBe(true);
      expect((await loadPlan(path)).steps.length).toBeGreaterThan(4);
    }
  });
});
