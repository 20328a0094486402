/**
 * The package and the global CLI contract, through the real binary. (`npm pack` and an
 * install of the tarball: test/release/pack.test.ts, in `npm run test:release`.)
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { ROOT, baseEnv, runSdrs } from '../helpers/run.js';
import { buildProgram } from '../../src/cli.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

describe('package', () => {
  it('declares the Node versions it supports and a bin', () => {
    expect(pkg.engines.node).toMatch(/^>=20/);
    expect(pkg.bin.sdrs).toBe('bin/sdrs.js');
    expect(pkg.type).toBe('module');
  });

  it('--version prints the package version', async () => {
    const r = await runSdrs(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(pkg.version + '\n');
  });

  it('npx sdrs --help works from the clone', () => {
    // npx in the package's own directory runs its prepare script (a rebuild of dist/) first,
    // under the feet of the test files that run the binary meanwhile: the suite built it already.
    const out = execFileSync('npx', ['--no-install', 'sdrs', '--help'], { cwd: ROOT, encoding: 'utf8', env: baseEnv({ npm_config_ignore_scripts: 'true' }) });
    expect(out).toContain('Usage: sdrs');
  });
});

function walk(cmd: Command, prefix: string[] = []): { path: string[]; cmd: Command }[] {
  return cmd.commands.flatMap((c) => {
    const path = [...prefix, c.name()];
    return c.commands.length ? walk(c, path) : [{ path, cmd: c }];
  });
}

const program = await buildProgram(async () => undefined);

describe('help', () => {
  const leaves = walk(program);

  it('lists every noun and the exit codes', async () => {
    const r = await runSdrs(['--help']);
    expect(r.code).toBe(0);
    for (const noun of ['group', 'job', 'domain', 'config', 'emulator', 'demo', 'completion']) expect(r.stdout).toContain(noun);
    expect(r.stdout).toMatch(/Exit codes: 0 ok, 1 internal, 2 usage/);
  });

  it.each(leaves.map((l) => [l.path.join(' '), l.path]))('sdrs %s --help has a scripting example', async (_name, path) => {
    const r = await runSdrs([...(path as string[]), '--help']);
    expect(r.code).toBe(0);
    const examples = r.stdout.split('Examples:')[1] ?? '';
    expect(examples).toMatch(/\$ sdrs /);
    // At least one example shows scripting: jq, an exit code, a redirect or a pipe.
    expect(examples).toMatch(/jq|\$\?|\|\||>|\|/);
  });
});

describe('errors and streams', () => {
  it('an unknown command is a one-line usage error, exit 2', async () => {
    const r = await runSdrs(['grup', 'list']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toMatch(/^error: unknown command 'grup'/);
    expect(r.stdout).toBe('');
  });

  it('a huge bad value is not repeated: one short line naming the option', async () => {
    const r = await runSdrs(['group', 'reverse', 'erp', '--yes', '--to', 'x'.repeat(100_000)]);
    expect(r.code).toBe(2);
    const first = r.stderr.split('\n')[0];
    expect(first.length).toBeLessThan(400);
    expect(first).toContain("option '--to <side>': invalid value (not repeated)");
    expect(r.stderr).not.toContain('xxxxxxxx');
  });

  it('with --json, an error is one JSON document on stderr and stdout is empty', async () => {
    const r = await runSdrs(['group', 'create', '--name', 'bad name', '--json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const doc = JSON.parse(r.stderr);
    expect(doc).toEqual({ error: expect.objectContaining({ code: 'USAGE', exit_code: 2, message: expect.stringContaining('--name') }) });
  });

  it('no colour when stderr is not a terminal, even with FORCE_COLOR unset and NO_COLOR unset', async () => {
    const env = baseEnv();
    delete env.NO_COLOR;
    const r = await runSdrs(['group', 'create', '--name', 'bad name'], { env });
    expect(r.stderr).not.toMatch(/\u001b\[/);
  });

  it('FORCE_COLOR turns colour on, and NO_COLOR or --no-color turn it off again', async () => {
    const forced = await runSdrs(['group', 'create', '--name', 'bad name'], { env: { ...baseEnv({ FORCE_COLOR: '1' }), NO_COLOR: '' } });
    expect(forced.stderr).toMatch(/\u001b\[31merror: /);
    const noColor = await runSdrs(['group', 'create', '--name', 'bad name'], { env: baseEnv({ FORCE_COLOR: '1', NO_COLOR: '1' }) });
    expect(noColor.stderr).not.toMatch(/\u001b\[/);
    const flag = await runSdrs(['--no-color', 'group', 'create', '--name', 'bad name'], { env: { ...baseEnv({ FORCE_COLOR: '1' }), NO_COLOR: '' } });
    expect(flag.stderr).not.toMatch(/\u001b\[/);
  });

  it('an id that would escape the URL path is a usage error before any request', async () => {
    // The endpoint is closed: a request would fail with exit 7, not 2.
    const r = await runSdrs(['job', 'show', '../../x'], { env: baseEnv({ SDRS_ENDPOINT: 'http://127.0.0.1:9', SDRS_PROJECT_ID: 'p', HUAWEICLOUD_SDK_AK: 'a', HUAWEICLOUD_SDK_SK: 'b' }) });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not a well-formed id');
  });

  it('an unreachable service is exit 7 after retries', async () => {
    const r = await runSdrs(['domain', 'list'], { env: baseEnv({ SDRS_ENDPOINT: 'http://127.0.0.1:9', SDRS_PROJECT_ID: 'p', HUAWEICLOUD_SDK_AK: 'a', HUAWEICLOUD_SDK_SK: 'b' }) });
    expect(r.code).toBe(7);
    expect(r.stderr).toMatch(/could not reach 127\.0\.0\.1:9/);
  }, 60_000);
});

describe('config show', () => {
  it('prints resolved settings with their sources, secrets masked, and warns about an exposed config file', async () => {
    const env = baseEnv({ HW_REGION_NAME: 'cn-east-3' });
    const rc = join(env.HOME, '.sdrsrc');
    writeFileSync(rc, 'profiles:\n  default:\n    projectId: 0123456789abcdef0123456789abcdef\n    accessKey: AKIDEXAMPLE1234\n    secretKey: TOPSECRETVALUE\n');
    chmodSync(rc, 0o644);
    const r = await runSdrs(['config', 'show', '--json'], { env, cwd: env.HOME });
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(JSON.stringify(doc)).not.toContain('TOPSECRETVALUE');
    expect(JSON.stringify(doc)).not.toContain('AKIDEXAMPLE1234');
    expect(JSON.stringify(doc)).toContain('cn-east-3');
    expect(r.stderr).toContain(`chmod 600 ${rc}`);
    const human = await runSdrs(['--region', 'cn-north-4', 'config', 'show'], { env, cwd: env.HOME });
    expect(human.stdout).toMatch(/region\s+cn-north-4\s+flag/);
    expect(human.stdout).toContain('https://sdrs.cn-north-4.myhuaweicloud.com');
  });
});

describe('internal errors', () => {
  const boom = async (extra: string[]) => {
    const { main } = await import('../../src/cli.js');
    const { PassThrough, Writable } = await import('node:stream');
    let err = '';
    const stderr = new PassThrough();
    stderr.on('data', (c) => (err += String(c)));
    // A stdout that breaks: the command's own code fails in a way no SdrsError describes.
    const stdout = new Writable({ write: () => { throw new TypeError('stdout exploded'); } });
    const home = baseEnv().HOME;
    const code = await main([...extra, 'completion', 'bash'], { stdin: new PassThrough(), stdout, stderr, env: { HOME: home }, homeDir: home, cwd: home, handleSignals: false });
    return { code, err };
  };

  it('are exit 1 with a hint, and --debug adds the stack the hint asks for', async () => {
    const plain = await boom([]);
    expect(plain.code).toBe(1);
    expect(plain.err).toContain('internal error: stdout exploded');
    expect(plain.err).toContain('Re-run with --debug');
    expect(plain.err).not.toMatch(/\n\s+at /);
    const debug = await boom(['--debug']);
    expect(debug.code).toBe(1);
    expect(debug.err).toMatch(/TypeError: stdout exploded\n\s+at /);
  });
});
