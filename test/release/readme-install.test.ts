/**
 * The README's install-and-drill command, taken literally, on a fresh `git clone` of this
 * checkout: a network `npm install`, then `npm start`. Part of `npm run test:release`
 * (which CI runs after `npm test`), not of `npm test`: it takes a minute and needs the registry.
 */
import { expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readmeCommands } from '../helpers/readme.js';
import { ROOT } from '../helpers/run.js';

const { installAndDrill } = readmeCommands();

it('the install-and-drill command works as written on a fresh clone', () => {
  expect(installAndDrill).toBe('npm install && npm start');
  const dir = mkdtempSync(join(tmpdir(), 'sdrs-clone-'));
  try {
    execFileSync('git', ['clone', '--quiet', ROOT, join(dir, 'sdrs')]);
    const r = spawnSync('bash', ['-c', installAndDrill], {
      cwd: join(dir, 'sdrs'),
      // The real environment, HOME included: npm's own settings (registry, CA, the Node
      // headers for native dev dependencies) live in ~/.npmrc, as on a newcomer's machine.
      env: { ...process.env, NO_COLOR: '1' },
      encoding: 'utf8',
      timeout: 600_000,
    });
    expect(r.status, `${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`).toBe(0);
    expect(r.stdout).toMatch(/^STEP\s+RESULT\s+TIME\s+WHAT/m);
    expect(r.stdout).toMatch(/demo-erp\s+protected\s+cn-north-4a \(source\)/);
    expect(r.stderr).toContain('Production now runs in cn-north-4b (target)');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 620_000);
