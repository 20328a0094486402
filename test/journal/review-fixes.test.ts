/**
 * Review findings on the journal's readers (3, a, b, d): a mistyped record is skipped like a torn
 * line (history and report do not crash); report's failure hint names the group as a command
 * reads it back; history rejects a --kind no operation has; the report file is written 0600.
 */
import { appendFileSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Command } from 'commander';
import { useDemoWorld } from '../helpers/cli-env.js';
import { runMain } from '../helpers/in-process.js';
import { SEED_IDS } from '../../src/emulator/seed.js';
import { buildProgram } from '../../src/cli.js';
import { defaultKind } from '../../src/commands/shared/journal.js';
import { JOURNAL_KINDS } from '../../src/commands/history.js';

const w = useDemoWorld();
const journalOf = (env: Record<string, string>) => join(env.HOME, '.local', 'state', 'sdrs', 'journal.jsonl');

/** A well-formed end record, with `over` replacing fields. */
function endRecord(over: Record<string, unknown>): string {
  return JSON.stringify({
    v: 1, type: 'end', run: 'r1', at: '2026-11-30T10:00:05.000Z', started_at: '2026-11-30T10:00:00.000Z', duration_ms: 5000,
    command: 'drill run', argv: ['drill', 'run', 'demo-erp'], user: 'u', host: 'h', pid: 1, sdrs_version: 't',
    outcome: 'ok', exit_code: 0, kind: 'drill', groups: [{ id: SEED_IDS.demoGroup, name: 'demo-erp' }], sent: [], final_statuses: [], phases: [],
    ...over,
  });
}

describe('the journal readers and the report file', () => {
  it('a record with a field of the wrong type is skipped and counted, never a crash of history or report', async () => {
    const env = w.freshEnv();
    const path = journalOf(env);
    mkdirSync(join(env.HOME, '.local', 'state', 'sdrs'), { recursive: true });
    const bad = [
      endRecord({ run: 'b1', sent: null }),
      endRecord({ run: 'b2', argv: 'x' }),
      endRecord({ run: 'b3', phases: 5 }),
      endRecord({ run: 'b4', groups: [null] }),
      endRecord({ run: 'b5', final_statuses: [{ id: 7 }] }),
      endRecord({ run: 'b6', phases: [{ name: 'x' }] }),
      JSON.stringify({ v: 1, type: 'start', run: 'b7', at: 'now', started_at: 'now', command: 'group stop', argv: [null], kind: 'stop', operation: 'o', check: 'c' }),
      JSON.stringify({ v: 1, type: 'job', run: 'b8', at: 'now', operation: 'o', job_id: { x: 1 }, resume: 'r' }),
    ];
    appendFileSync(path, [endRecord({ run: 'good' }), ...bad].join('\n') + '\n');
    const h = await runMain(['history', '--since', 'all', '--json'], { env });
    expect(h.code, h.stderr).toBe(0);
    expect(JSON.parse(h.stdout).operations.map((o: { run: string }) => o.run)).toEqual(['good']);
    expect(h.stderr.match(/warning: skipped 8 line\(s\)/g)).toHaveLength(1);
    const plain = await runMain(['history', '--since', 'all'], { env });
    expect(plain.code, plain.stderr).toBe(0);
    const rep = await runMain(['report', '--since', 'all', '--no-service'], { env });
    expect(rep.code, rep.stderr).toBe(0);
    expect(rep.stderr).toMatch(/warning: skipped 8 line\(s\)/);
  });

  it("report: a failure's hint names the group as a command reads it back (quoted, or its id)", async () => {
    const env = w.freshEnv();
    await w.client.admin('PUT', `/records/groups/${SEED_IDS.demoGroup}`, { name: 'demo erp' });
    await w.client.admin('POST', '/fail-next', { job_type: '*', error_code: 'SDRS.9999', fail_reason: 'boom', count: 1 });
    expect((await runMain(['group', 'stop', SEED_IDS.demoGroup, '--yes'], { env })).code).toBe(5);
    const actions = async () => {
      const r = await runMain(['report', '--since', 'all', '--format', 'json'], { env });
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout).groups.flatMap((g: { failures: { action?: string; source: string }[] }) => g.failures.filter((f) => f.source === 'service').map((f) => f.action));
    };
    expect((await actions()).join('\n')).toContain("sdrs job failures --group 'demo erp'");
    // A name no one can type: the id.
    await w.client.admin('PUT', `/records/groups/${SEED_IDS.demoGroup}`, { name: 'x\nFORGED' });
    const a = (await actions()).join('\n');
    expect(a).toContain(`sdrs job failures --group ${SEED_IDS.demoGroup}`);
    expect(a).not.toContain('FORGED');
  });

  it('history --kind: an unknown kind is a usage error listing the kinds; known ones (comma-separated) pass', async () => {
    const env = w.freshEnv();
    const bad = await runMain(['history', '--kind', 'switchover,bogus'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--kind bogus');
    expect(bad.stderr).toMatch(/kinds: check, .*drill.*switchover/);
    expect(bad.stdout).toBe('');
    const ok = await runMain(['history', '--kind', 'switchover,failover', '--kind', 'drill'], { env });
    expect(ok.code, ok.stderr).toBe(0);
  });

  it('JOURNAL_KINDS holds the kind of every command the journal records (each with --dry-run or --yes)', async () => {
    const program = await buildProgram(async () => undefined);
    const kinds = new Set<string>();
    const walk = (c: Command, path: string[]) => {
      if (c.commands.length === 0) {
        if (path.length && c.options.some((o) => o.long === '--dry-run' || o.long === '--yes')) kinds.add(defaultKind(path.join(' ')));
        return;
      }
      for (const sub of c.commands) walk(sub, [...path, sub.name()]);
    };
    walk(program, []);
    expect(kinds.size).toBeGreaterThan(5);
    expect([...kinds].filter((k) => !JOURNAL_KINDS.includes(k))).toEqual([]);
  });

  it('report --output writes the file 0600, like the journal', async () => {
    const env = w.freshEnv();
    const file = join(env.HOME, 'report.md');
    const r = await runMain(['report', '--no-service', '--output', file], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});
