/**
 * The package as published: `npm pack`, installed into another project, runs. Part of
 * `npm run test:release` (which CI runs after `npm test`), not of `npm test`.
 */
import { expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, baseEnv } from '../helpers/run.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

it('npm pack produces a package that installs and runs elsewhere', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sdrs-pack-'));
  try {
    const tgz = execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').pop()!;
    const app = join(dir, 'app');
    execFileSync('mkdir', ['-p', app]);
    writeFileSync(join(app, 'package.json'), '{"name":"app","version":"1.0.0","private":true}');
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', join(dir, tgz)], { cwd: app, encoding: 'utf8', stdio: 'pipe' });
    const out = execFileSync(join(app, 'node_modules', '.bin', 'sdrs'), ['group', '--help'], { encoding: 'utf8', env: baseEnv() });
    expect(out).toContain('reverse');
    const v = execFileSync(join(app, 'node_modules', '.bin', 'sdrs'), ['--version'], { encoding: 'utf8' });
    expect(v.trim()).toBe(pkg.version);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 180_000);
