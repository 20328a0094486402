/**
 * `sdrs report` after a scripted switchover, a stop/start and a drill (a drill's end
 * record as the drill command writes it): one model, four renderers that agree. The
 * HTML is opened in headless Chromium (Debian's package): one SVG bar per phase, one
 * operations row per journaled operation, no external URL in the DOM and no request
 * from the page in Chromium's network log. Skipped, saying so, when Chromium is absent.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useDemoWorld } from '../helpers/cli-env.js';
import { runMain } from '../helpers/in-process.js';
import { SEED_IDS } from '../../src/emulator/seed.js';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));
const w = useDemoWorld();

/** The drill command's end record (kind drill, its phases and recovery time), as the journal hook writes it. */
function drillRecord(at: number) {
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    v: 1, type: 'end', run: 'drill-run-1', at: iso(at + 9000), started_at: iso(at), duration_ms: 9000,
    command: 'drill run', argv: ['drill', 'run', 'demo-erp', '--yes'], user: 'auditor', host: 'h', pid: 1, sdrs_version: 't',
    outcome: 'ok', exit_code: 0, kind: 'drill', groups: [{ id: SEED_IDS.demoGroup, name: 'demo-erp' }],
    sent: [{ operation: 'Creating drill', state: 'done', job_id: 'f'.repeat(32) }], final_statuses: [],
    phases: [
      { name: 'create-drill', group: 'demo-erp', started_at: iso(at), ended_at: iso(at + 6000), result: 'ok' },
      { name: 'cleanup', group: 'demo-erp', started_at: iso(at + 6000), ended_at: iso(at + 9000), result: 'ok' },
    ],
    recovery_ms: 6000,
  };
}

describe('sdrs report', () => {
  it('one model in four formats; the HTML in headless Chromium: a bar per phase, a row per operation, nothing loaded', async () => {
    const env = w.freshEnv();
    const sdrs = (args: string[]) => runMain(args, { env });
    expect((await sdrs(['group', 'reverse', 'demo-erp', '--to', 'target', '--yes'])).code).toBe(3); // refused: no bar
    expect((await sdrs(['group', 'reverse', 'demo-erp', '--to', 'target', '--stop-servers', '--start-servers', '--yes'])).code).toBe(0); // 3 phases
    expect((await sdrs(['group', 'stop', 'demo-erp', '--yes'])).code).toBe(0); // 1 bar
    expect((await sdrs(['group', 'start', 'demo-erp', '--yes'])).code).toBe(0); // 1 bar
    appendFileSync(join(env.HOME, '.local', 'state', 'sdrs', 'journal.jsonl'), JSON.stringify(drillRecord(Date.now() - 3_600_000)) + '\n'); // 2 phases
    // RPO points: one pair counted over its RPO for two of the emulator's 5-minute periods.
    await w.client.admin('PUT', `/replications/${SEED_IDS.demoReplication('erp-app-01', 'data')}/rpo`, { exceeded: true });
    await w.client.admin('POST', '/clock/advance', { ms: 11 * 60_000 });

    const json = await sdrs(['report', '--format', 'json']);
    expect(json.code, json.stderr).toBe(0);
    const m = JSON.parse(json.stdout);
    expect(m.operations).toHaveLength(5);
    expect(m.timeline).toHaveLength(7);
    const g = m.groups.find((x: { name: string }) => x.name === 'demo-erp');
    expect(g.current).toMatchObject({ status: 'protected', production: 'target', source: 'service' });
    expect(g.drills).toEqual({ count: 0, source: 'service' });
    expect(g.last_drill).toMatchObject({ run: 'drill-run-1', outcome: 'ok', recovery_ms: 6000, source: 'journal' });
    expect(g.last_switchover).toMatchObject({ outcome: 'ok', source: 'journal' });
    expect(g.last_switchover.downtime_ms).toBeGreaterThan(0);
    expect(g.failures).toMatchObject([{ code: 'PREFLIGHT_FAILED', source: 'journal' }]);
    expect(m.rpo.points.length).toBeGreaterThanOrEqual(2);
    expect(m.rpo.max).toBe(1);
    expect(m.readiness).toMatchObject([{ group: 'demo-erp', verdict: 'READY', ready: true, reasons: [], source: 'service' }]);
    const runs: string[] = m.operations.map((o: { run: string }) => o.run);

    const md = await sdrs(['report', '--format', 'md']);
    for (const run of runs) expect(md.stdout).toContain(run);
    expect(md.stdout.match(/^\| demo-erp \| (?:switchover|stop|start|drill) \| /gm)).toHaveLength(7);
    const csv = await sdrs(['report', '--format', 'csv']);
    // The operations first; after a blank line, the other facts (readiness, failures, sources).
    const [opsCsv, factsCsv] = csv.stdout.trim().split('\n\n');
    const rows = opsCsv.split('\n');
    expect(rows).toHaveLength(6);
    expect(factsCsv.split('\n').filter((r) => r.startsWith('readiness,demo-erp,'))).toHaveLength(1);
    expect(rows.slice(1).map((r) => r.split(',')[0])).toEqual(runs);

    const file = join(env.HOME, 'r.html');
    const written = await sdrs(['report', '--format', 'html', '-o', file]);
    expect(written.code, written.stderr).toBe(0);
    const html = readFileSync(file, 'utf8');
    // Self-contained: nothing that loads anything (the endpoint appears only as text).
    expect(html).not.toMatch(/\s(?:src|href|xlink:href|srcset|action|poster)=|url\(|@import|<script|<link|<iframe|<img/i);

    // CI installs Chromium (.ci/run): there, its absence is a failure, not a skip.
    if (!CHROMIUM && process.env.CI) throw new Error('Chromium is not installed (apt-get install chromium), and CI must run the browser half of this test');
    if (!CHROMIUM) {
      console.warn('report.test.ts: Chromium is not installed (apt-get install chromium): the headless-browser half of this test is skipped');
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), 'sdrs-chromium-'));
    const netlog = join(dir, 'net.json');
    const c = spawnSync(CHROMIUM, [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-extensions', `--user-data-dir=${join(dir, 'profile')}`,
      `--log-net-log=${netlog}`, '--dump-dom', `file://${file}`,
    ], { encoding: 'utf8', timeout: 60_000 });
    expect(c.status, c.stderr).toBe(0);
    const dom = c.stdout;
    // The parsed document: the SVG timeline with one bar per phase, the operations table with one row per run.
    const svg = /<svg id="timeline"[\s\S]*?<\/svg>/.exec(dom)?.[0] ?? '';
    expect(svg.match(/<rect class="bar /g)).toHaveLength(7);
    for (const b of m.timeline) expect(svg).toContain(`data-run="${b.run}" data-phase="${b.phase}"`);
    const ops = /<table id="operations">[\s\S]*?<\/table>/.exec(dom)?.[0] ?? '';
    expect([...ops.matchAll(/<tr data-run="([^"]+)"/g)].map((x) => x[1])).toEqual(runs);
    expect(/<table id="readiness">[\s\S]*?<\/table>/.exec(dom)?.[0]).toContain('demo-erp');
    // The RPO sparkline: one bar per point, those over their RPO marked.
    const rpo = /<svg id="rpo"[\s\S]*?<\/svg>/.exec(dom)?.[0] ?? '';
    expect(rpo.match(/<rect class="rpo/g)).toHaveLength(m.rpo.points.length);
    expect(rpo.match(/<rect class="rpo over"/g)?.length).toBe(m.rpo.points.filter((p: { resource_num: number }) => p.resource_num > 0).length);
    expect(dom).not.toMatch(/\s(?:src|href|xlink:href|srcset)=/i);
    // No request from the page: the network log names only the file and Chromium's own background hosts.
    const urls = [...readFileSync(netlog, 'utf8').matchAll(/"url":"([^"]+)"/g)].map((x) => x[1]);
    const fromPage = urls.filter((u) => !u.startsWith('file://') && !u.startsWith('data:') && !/^https?:\/\/[^/]*(?:google\.com|googleapis\.com|gstatic\.com|gvt1\.com)\//.test(u));
    expect(fromPage).toEqual([]);
    expect(urls.some((u) => u.includes('127.0.0.1'))).toBe(false);
  });

  it('escapes journal text (a note) in every format; a CSV cell cannot start a formula', async () => {
    const env = w.freshEnv();
    const note = '<script>alert(1)</script> | =HYPERLINK("http://evil")';
    expect((await runMain(['--note', note, 'group', 'stop', SEED_IDS.demoGroup, '--yes'], { env })).code).toBe(0);
    const html = (await runMain(['report', '--format', 'html'], { env })).stdout;
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;');
    const md = (await runMain(['report', '--format', 'md'], { env })).stdout;
    expect(md).toContain('\\<script\\>alert(1)\\</script\\> \\| =HYPERLINK');
    const csv = (await runMain(['report', '--format', 'csv'], { env })).stdout;
    expect(csv).not.toMatch(/,=HYPERLINK/);
    expect(csv).toContain('<script>alert(1)</script> | =HYPERLINK(""http://evil"")');
    expect((await runMain(['--note', '=1+1', 'group', 'start', SEED_IDS.demoGroup, '--yes'], { env })).code).toBe(0);
    const csv2 = (await runMain(['report', '--format', 'csv'], { env })).stdout;
    expect(csv2).toContain(",'=1+1,");
  });
});
