/**
 * `sdrs report`'s service sections against the real emulator (demo seed), in process:
 * readiness as `sdrs check` gives it (a pair at fault level 5 is NOT READY with its fix),
 * the task centre's failures with their codes and what was done (open, then recovered by
 * a later successful reverse the journal shows), the RPO-exceedance trend while a fault
 * lasts, and when readiness was last verified (`sdrs check` journals a `check` record; an
 * openmetrics run does not). Every format carries the same facts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useDemoWorld } from '../helpers/cli-env.js';
import { runMain } from '../helpers/in-process.js';
import { SEED_IDS } from '../../src/emulator/seed.js';
import { ApiError } from '../../src/errors.js';
import { readService } from '../../src/commands/report/sources.js';
import { buildReport } from '../../src/journal/report.js';
import { renderCsv, renderHtml, renderMarkdown } from '../../src/journal/render.js';

const w = useDemoWorld();
const PAIR = SEED_IDS.demoReplication('erp-app-01', 'data');
const GROUP = SEED_IDS.demoGroup;

describe('sdrs report: what the service knows', () => {
  it('a pair at fault level 5: NOT READY with its reason and fix, the RPO breach, and the last check, in all four formats', async () => {
    const env = w.freshEnv();
    const sdrs = (args: string[]) => runMain(args, { env });
    await w.client.admin('PUT', `/replications/${PAIR}/fault`, { fault_level: '5' });
    await w.client.admin('POST', '/clock/advance', { ms: 16 * 60_000 });
    const checked = await sdrs(['check', '--all']);
    expect(checked.code).toBe(8);
    expect((await sdrs(['check', '--all', '--format', 'openmetrics'])).code).toBe(8); // not journaled
    const journal = readFileSync(join(env.HOME, '.local', 'state', 'sdrs', 'journal.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(journal).toHaveLength(1);
    expect(journal[0]).toMatchObject({ type: 'end', kind: 'check', outcome: 'ok', exit_code: 8, groups: [{ id: GROUP, name: 'demo-erp' }], extra: { verdict: 'NOT_READY' } });
    expect(journal[0].extra.checks[0].not_ok).toMatchObject([{ reason: 'fault_level', severity: 'not_ready' }]);
    // An unwritable journal: the same check, the same exit, one warning.
    const unwritable = await runMain(['check', '--all'], { env: { ...env, SDRS_JOURNAL: join(env.HOME, 'nowhere', '\0', 'j.jsonl') } });
    expect(unwritable.code).toBe(8);
    expect(unwritable.stdout).toBe(checked.stdout);
    expect(unwritable.stderr.match(/warning: the journal could not be written/g)).toHaveLength(1);
    const hist = await sdrs(['history', '--kind', 'check', '--json']);
    expect(JSON.parse(hist.stdout).operations).toMatchObject([{ kind: 'check', outcome: 'ok', exit_code: 8 }]);

    const r = await sdrs(['report', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const m = JSON.parse(r.stdout);
    expect(m.readiness).toMatchObject([{ group: 'demo-erp', verdict: 'NOT_READY', ready: false, source: 'service' }]);
    expect(m.readiness[0].reasons).toEqual([expect.objectContaining({ reason: 'fault_level', severity: 'not_ready', fix: 'sdrs group status demo-erp' })]);
    const g = m.groups.find((x: { name: string }) => x.name === 'demo-erp');
    expect(g.last_check).toMatchObject({ verdict: 'NOT_READY', source: 'journal', run: journal[0].run });
    expect(m.timeline).toEqual([]); // a check is a read: no bar
    expect(m.rpo.source).toBe('service');
    expect(m.rpo.points.length).toBeGreaterThanOrEqual(3);
    expect(m.rpo.max).toBe(1);
    expect(m.rpo.latest.resource_num).toBe(1);
    expect(m.service.every((s: { state: string }) => s.state === 'ok')).toBe(true);

    const md = (await sdrs(['report', '--format', 'md'])).stdout;
    expect(md).toMatch(/^\| demo-erp \| NOT READY \| protected \| .* fault\\_level: 1 pair at fault level 5.* \(fix: sdrs group status demo-erp\) \|$/m);
    expect(md).toMatch(/^## RPO exceedance \(service\)$/m);
    expect(md).toMatch(/most pairs over their RPO at once: 1/);
    expect(md).toMatch(/^`[▁█]+`$/m);
    expect(md).toMatch(/ \| [^|]+, NOT READY \| 1 \|$/m); // last check in the groups table

    const csv = (await sdrs(['report', '--format', 'csv'])).stdout.split('\n');
    expect(csv).toContain('section,group,group_id,time,name,value,code,message,action,source');
    expect(csv.filter((l) => l.startsWith('readiness,demo-erp,') && l.includes(',verdict,NOT_READY,'))).toHaveLength(1);
    expect(csv.filter((l) => l.startsWith('readiness,demo-erp,') && l.includes(',fault_level,not_ready,') && l.endsWith(',sdrs group status demo-erp,service'))).toHaveLength(1);
    expect(csv.filter((l) => l.startsWith('rpo,'))).toHaveLength(m.rpo.points.length);
    expect(csv.filter((l) => l.startsWith('last_check,demo-erp,'))).toHaveLength(1);

    const html = (await sdrs(['report', '--format', 'html'])).stdout;
    expect(html).toMatch(/<tr data-group="[^"]+" data-verdict="NOT_READY">/);
    expect(html).toContain('<li data-reason="fault_level">');
    const svg = /<svg id="rpo"[\s\S]*?<\/svg>/.exec(html)?.[0] ?? '';
    expect(svg.match(/<rect class="rpo/g)).toHaveLength(m.rpo.points.length);
    expect(svg).toContain('<rect class="rpo over"');
    expect(html).not.toMatch(/\s(?:src|href|xlink:href|srcset|action|poster)=|url\(|@import|<script|<link|<iframe|<img/i);
  });

  it('an injected failed reverse: in the failures with its code, open; recovered once the journal shows a reverse that succeeded', async () => {
    const env = w.freshEnv();
    const sdrs = (args: string[]) => runMain(args, { env });
    // The service's clock ahead of this machine's: "later" is read on this machine's clock where the journal can tell.
    await w.client.admin('POST', '/clock/advance', { ms: 10 * 60_000 });
    await w.stopServers('cn-north-4a');
    await w.client.admin('POST', '/fail-next', { job_type: 'reverseProtectionGroupNoCG', error_code: 'SDRS.0402', fail_reason: 'injected <b>reverse</b> failure' });
    expect((await sdrs(['group', 'reverse', 'demo-erp', '--to', 'target', '--yes'])).code).toBe(5);

    const failuresOf = async () => {
      const r = await sdrs(['report', '--format', 'json']);
      expect(r.code, r.stderr).toBe(0);
      const m = JSON.parse(r.stdout);
      // The failed run knew only the group's id: its timeline lane takes the service's name.
      expect(m.timeline.map((b: { group: string }) => b.group)).toContain('demo-erp');
      expect(m.timeline.map((b: { group: string }) => b.group)).not.toContain(GROUP);
      return m.groups.find((x: { name: string }) => x.name === 'demo-erp').failures as Record<string, unknown>[];
    };
    const before = (await failuresOf()).find((f) => f.source === 'service')!;
    expect(before).toMatchObject({ operation: 'reverseFail', failure_status: 'reverseFail', code: 'SDRS.0402', message: 'injected <b>reverse</b> failure', state: 'open', resource: { type: 'server_groups', id: GROUP } });
    expect(before.action).toMatch(/^open: review with sdrs job failures --group demo-erp/);
    const md = (await sdrs(['report', '--format', 'md'])).stdout;
    expect(md).toMatch(/^\| demo-erp \| [^|]+ \| reverseFail \| SDRS\.0402 \| injected \\<b\\>reverse\\<\/b\\> failure \| open \| .*\| service \|$/m);
    const html = (await sdrs(['report', '--format', 'html'])).stdout;
    expect(html).toContain('injected &#60;b&#62;reverse&#60;/b&#62; failure');
    expect(html).toMatch(/<tr data-state="open" data-source="service"><td>demo-erp<\/td><td>[^<]*reverseFail — SDRS\.0402/);
    const csv = (await sdrs(['report', '--format', 'csv'])).stdout.split('\n');
    expect(csv.filter((l) => l.startsWith('failure,demo-erp,') && l.includes(',reverseFail,open,SDRS.0402,'))).toHaveLength(1);

    // The fix the check prints: reverse again; the journal shows it succeeded, so the failure is recovered.
    expect((await sdrs(['group', 'reverse', 'demo-erp', '--to', 'target', '--yes'])).code).toBe(0);
    const after = await failuresOf();
    expect(after.find((f) => f.source === 'service')).toMatchObject({ code: 'SDRS.0402', state: 'recovered', recovered_by: { kind: 'switchover' }, journal_run: expect.any(String) });
    expect(after.find((f) => f.source === 'journal')).toMatchObject({ operation: 'switchover', code: 'SDRS.0402', state: 'recovered' });
  });

  it('a source the service refuses (4xx) is skipped with a note in every format; any other error is a failed source', async () => {
    const refuse = (status: number, apiCode: string) => () => Promise.reject(new ApiError(`HTTP ${status}`, { status, apiCode }));
    const { facts, status } = await readService([
      { name: 'task centre', read: refuse(404, 'HTTP_404') },
      { name: 'RPO trend', read: refuse(400, 'SDRS.0201') },
      { name: 'readiness', read: () => Promise.reject(new Error('socket hang up')) },
      { name: 'groups', read: () => Promise.resolve({ groups: [] }) },
    ]);
    expect(status).toEqual([
      { name: 'task centre', state: 'skipped', note: 'the service does not have this API (HTTP 404)' },
      { name: 'RPO trend', state: 'skipped', note: 'the service refused it (HTTP 400 SDRS.0201)' },
      { name: 'readiness', state: 'failed', note: expect.stringContaining('socket hang up') },
      { name: 'groups', state: 'ok' },
    ]);
    const m = buildReport({ ops: [], journalPath: '/j', skipped: 0, since: 's', now: new Date(0).toISOString(), groupFilter: [], service: facts, sources: status });
    expect(m.rpo).toBeNull();
    expect(renderMarkdown(m)).toContain('- service: RPO trend: skipped (the service refused it (HTTP 400 SDRS.0201))');
    expect(renderMarkdown(m)).toMatch(/## RPO exceedance \(service\)\n\nNot read \(see Sources\)\./);
    expect(renderHtml(m)).toContain('<li>service: task centre: skipped (the service does not have this API (HTTP 404))</li>');
    expect(renderCsv(m)).toContain('source,,,,RPO trend,skipped,,the service refused it (HTTP 400 SDRS.0201),,service');
  });
});
