/**
 * The newcomer's drill, piped (as CI and `npm start | tee` run it). Each run starts its own
 * emulator with a private HOME, and mostly waits for its jobs: the two run at once.
 */
import { expect, it } from 'vitest';
import { runSdrs } from '../helpers/run.js';

it.concurrent('sdrs demo --fast runs the whole drill piped and ends with exit 0 and a summary', async () => {
  const r = await runSdrs(['demo', '--fast'], { timeoutMs: 120_000 });
  expect(r.code, r.stderr).toBe(0);
  // Narration with the equivalent commands, on stderr.
  for (const cmd of [
    '$ sdrs group create --name drill-group --domain dom-cn-north-4 --vpc ',
    '$ sdrs group reverse demo-erp --to target --yes',
    '$ sdrs server stop erp-app-01 erp-db-01 --az cn-north-4a --yes',
    '$ sdrs group reverse demo-erp --to source --yes',
    '$ sdrs drill run demo-erp --yes --verify ',
  ]) expect(r.stderr).toContain(cmd);
  // The drill before the switchover: its check saw the drill servers, and it reported the recovery time.
  expect(r.stderr).toMatch(/drill server erp-app-01 ACTIVE \d+\.\d+\.\d+\.\d+/);
  expect(r.stderr).toMatch(/✔ Drill passed \(verify passed\): recovery time \d+\.\ds\./);
  expect(r.stderr).toContain('Production now runs in cn-north-4b (target)');
  expect(r.stderr).not.toMatch(/\u001b\[/);
  // The summary on stdout: eleven steps, the refusal shown on purpose, final statuses.
  const lines = r.stdout.split('\n');
  expect(lines[0]).toMatch(/^STEP\s+RESULT\s+TIME\s+WHAT/);
  expect(lines.filter((l) => /^\d+\s+ok\s/.test(l))).toHaveLength(10);
  expect(r.stdout).toMatch(/^3\s+refused \(exit 3\), as expected/m);
  expect(r.stdout).toMatch(/demo-erp\s+protected\s+cn-north-4a \(source\)/);
  expect(r.stdout).toMatch(/drill-group\s+available/);
}, 130_000);

it.concurrent('sdrs demo --fast --json prints the summary as one JSON document', async () => {
  const r = await runSdrs(['demo', '--fast', '--json'], { timeoutMs: 120_000 });
  expect(r.code, r.stderr).toBe(0);
  const doc = JSON.parse(r.stdout);
  expect(doc.steps).toHaveLength(11);
  expect(doc.steps.every((s: { ok: boolean }) => s.ok)).toBe(true);
  expect(doc.groups.find((g: { name: string }) => g.name === 'demo-erp')).toMatchObject({ status: 'protected' });
}, 130_000);
