/** Runs the runbook-style shell script (bash, set -e, jq, exit codes) against the real binary. */
import { expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { baseEnv } from '../helpers/run.js';

it('the runbook creates a group, is refused while servers run, and reverses to target and back', () => {
  const script = fileURLToPath(new URL('./drill.sh', import.meta.url));
  const r = spawnSync('bash', [script], { env: baseEnv(), encoding: 'utf8', timeout: 120_000 });
  expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
  expect(r.stdout).toContain("ok: 'sdrs group reverse demo-erp --to target --yes' exited 3");
  expect(r.stdout).toContain("ok: 'sdrs group reverse demo-erp --to target' exited 2");
  expect(r.stdout).toContain('runbook: all steps passed');
}, 130_000);
