/**
 * The built binary: a reverse SIGKILLed while it watches its job leaves an unfinished
 * run naming the job, which `sdrs history` shows with `sdrs job wait <id>`; and 20
 * processes appending to one journal at once (the real writer, bundled from
 * src/journal/store.ts) lose or corrupt no record.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { JOB_MS, useDemoWorld } from '../helpers/cli-env.js';
import { ROOT, runSdrs } from '../helpers/run.js';
import { runMain } from '../helpers/in-process.js';

const binary = !process.env.SDRS_TEST_QUICK;
const w = useDemoWorld();

describe.skipIf(!binary)('a killed run', () => {
  it('SIGKILL mid-reverse: history shows it unfinished, with its job id and the resume command', async () => {
    await w.stopServers('cn-north-4a');
    // A reverse that takes an hour: the process is killed while it watches.
    await w.client.admin('PUT', '/config', { job_duration_ms: { default: JOB_MS, reverseProtectionGroupNoCG: 3_600_000 } });
    const env = w.freshEnv();
    const r = await runSdrs(['--note', 'CHG-77', 'group', 'reverse', 'demo-erp', '--to', 'target', '--yes'], {
      env,
      onStderr: (_chunk, child) => {
        if (/watching job [0-9a-f]{32}/.test(_chunk)) child.kill('SIGKILL');
      },
    });
    expect(r.signal).toBe('SIGKILL');
    const jobId = /watching job ([0-9a-f]{32})/.exec(r.stderr)![1];

    const h = await runMain(['history', '--json'], { env });
    expect(h.code, h.stderr).toBe(0);
    const [op] = JSON.parse(h.stdout).operations;
    expect(op).toMatchObject({ state: 'unfinished', outcome: 'unfinished', kind: 'switchover', note: 'CHG-77', resume: `sdrs job wait ${jobId}` });
    expect(op.jobs.map((j: { job_id: string }) => j.job_id)).toEqual([jobId]);
    const people = await runMain(['history'], { env });
    expect(people.stdout).toContain('UNFINISHED');
    expect(people.stdout).toContain(`resume with: sdrs job wait ${jobId}`);
  });
});

describe('concurrent appends', () => {
  it('20 processes appending 100 records each to one journal: 2,000 whole records, none lost', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sdrs-journal-'));
    const writer = join(dir, 'store.mjs');
    buildSync({ entryPoints: [join(ROOT, 'src/journal/store.ts')], bundle: true, platform: 'node', format: 'esm', outfile: writer, logLevel: 'silent' });
    const path = join(dir, 'state', 'journal.jsonl');
    // Records larger than a pipe buffer (4 KiB), so any interleaving would show.
    const script = `
      const { appendRecord } = await import(${JSON.stringify(writer)});
      const [who, path] = process.argv.slice(1);
      const pad = 'x'.repeat(6000 + Number(who) * 37);
      for (let i = 0; i < 100; i++) appendRecord(path, { v: 1, type: 'job', run: 'p' + who, at: new Date().toISOString(), operation: pad, job_id: who + '-' + i, resume: 'r' });
    `;
    const procs = Array.from({ length: 20 }, (_, who) => new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, ['--input-type=module', '-e', script, String(who), path], { stdio: ['ignore', 'ignore', 'inherit'] });
      child.on('error', reject);
      child.on('close', resolve);
    }));
    expect(await Promise.all(procs)).toEqual(Array(20).fill(0));
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(2000);
    const ids = new Set(lines.map((l) => {
      const r = JSON.parse(l);
      expect(r.operation).toHaveLength(6000 + Number(r.run.slice(1)) * 37);
      return r.job_id;
    }));
    expect(ids.size).toBe(2000);
  });
});
