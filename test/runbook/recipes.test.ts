/**
 * The shell recipes of README.md ("Runbook recipes") and docs/exit-codes.md ("In a runbook"),
 * as written there, run with bash against the emulator with `sdrs` on PATH: once succeeding
 * and once failing. A failing reverse must fail the script with its own exit code, never 0.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ROOT } from '../helpers/run.js';
import { useDemoWorld } from '../helpers/cli-env.js';

/** The first ```bash block after a heading. */
function recipe(file: string, heading: string): string {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const block = new RegExp(`${heading}\\n[\\s\\S]*?\`\`\`bash\\n([\\s\\S]*?)\`\`\``).exec(text);
  if (!block) throw new Error(`no bash block after '${heading}' in ${file}`);
  // The recipes name the group `erp`; the demo seed calls it `demo-erp` (same servers and AZs).
  const script = block[1].replace(/group reverse erp /g, 'group reverse demo-erp ');
  expect(script).toContain('group reverse demo-erp ');
  return script;
}

/** A directory holding an `sdrs` that runs the built binary. */
function sdrsOnPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sdrs-path-'));
  const sdrs = join(dir, 'sdrs');
  writeFileSync(sdrs, `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(sdrs, 0o755);
  return dir;
}

function bash(script: string, env: Record<string, string>): Promise<{ status: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', script], { env: { ...env, PATH: `${sdrsOnPath()}:${env.PATH}` }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, out }));
  });
}

describe('shell recipes in the docs', () => {
  const w = useDemoWorld();
  const readme = () => recipe('README.md', '## Runbook recipes');
  const exitCodes = () => recipe('docs/exit-codes.md', '## In a runbook');

  it('README runbook recipe: exit 0 after a reverse to the DR site', async () => {
    const r = await bash(readme(), w.env);
    expect(r.status, r.out).toBe(0);
    const g = (await w.client.get('/server-groups')).body.server_groups.find((x: { name: string }) => x.name === 'demo-erp');
    expect(g.priority_station).toBe('target');
  }, 60_000);

  it('README runbook recipe: a failed reverse job fails the script with exit 5, not 0', async () => {
    await w.client.admin('POST', '/fail-next', { job_type: 'reverseProtectionGroupNoCG', error_code: 'SDRS.1029', fail_reason: 'injected' });
    const r = await bash(readme(), w.env);
    expect(r.status, r.out).toBe(5);
    expect(r.out).toContain('SDRS.1029');
  }, 60_000);

  it('docs/exit-codes.md runbook recipe: exit 0 when the reverse succeeds', async () => {
    await w.stopServers('cn-north-4a');
    const r = await bash(exitCodes(), w.env);
    expect(r.status, r.out).toBe(0);
    expect(r.out).toContain('production now runs on the DR site');
  }, 60_000);

  it('docs/exit-codes.md runbook recipe: a refused pre-flight (production servers running) exits 3', async () => {
    const r = await bash(exitCodes(), w.env);
    expect(r.status, r.out).toBe(3);
    expect(r.out).toContain('pre-flight failed or the service refused');
  }, 60_000);
});
