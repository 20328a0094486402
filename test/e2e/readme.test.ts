/**
 * The README's two commands, taken literally: the install-and-drill command runs on a
 * fresh `git clone` of this checkout, and CI runs the README's test command.
 */
import { expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers/run.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const block = /## Try it: two commands on a fresh machine[\s\S]*?```bash\n([\s\S]*?)```/.exec(readme)![1];
const [installAndDrill, testCommand] = block
  .trim()
  .split('\n')
  .map((l) => l.replace(/\s+#.*$/, '').trim());

it('the README gives exactly two commands, and CI runs its test command', () => {
  expect(block.trim().split('\n')).toHaveLength(2);
  expect(installAndDrill).toBe('npm install && npm start');
  expect(testCommand).toBe('npm test');
  const ci = readFileSync(join(ROOT, '.ci', 'run'), 'utf8');
  expect(ci.split('\n').map((l) => l.trim())).toContain(testCommand);
});

it('the install-and-drill command works as written on a fresh clone', () => {
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
