/**
 * The built binary against `sdrs emulator --tls-cert/--tls-key` (a child process): Node's own
 * NODE_EXTRA_CA_CERTS, read at start-up, trusts the private CA; without it, exit 4.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { emulatorEnv } from '../helpers/cli-env.js';
import { runMain } from '../helpers/in-process.js';
import { runSdrs, baseEnv } from '../helpers/run.js';
import { makeTestCa } from '../helpers/tls.js';
import { PassThrough } from 'node:stream';
import { main } from '../../src/cli.js';

describe('sdrs emulator --tls-cert, and the binary with NODE_EXTRA_CA_CERTS', () => {
  let pki: { ca: string; cert: string; key: string };
  let emu: { url: string; ak: string; sk: string; projectId: string };
  const stop = new AbortController();
  let done: Promise<number>;
  beforeAll(async () => {
    pki = makeTestCa(mkdtempSync(join(tmpdir(), 'sdrs-ca-')));
    // `sdrs emulator` itself, in this process (main() until the signal): one process fewer to start.
    const out = new PassThrough();
    const listening = new Promise<string>((resolve) => {
      let text = '';
      out.on('data', (c) => {
        text += String(c);
        if (text.includes('\n')) resolve(text);
      });
    });
    done = main(['--json', 'emulator', '--port', '0', '--seed', 'demo', '--tls-cert', pki.cert, '--tls-key', pki.key], {
      stdout: out, stderr: new PassThrough(), env: baseEnv(), handleSignals: false, signal: stop.signal,
    });
    const info = JSON.parse(await listening);
    emu = { url: info.url, ak: info.ak, sk: info.sk, projectId: info.project_id };
  });
  afterAll(async () => {
    stop.abort('SIGTERM');
    await done;
  });

  test('the emulator says https; NODE_EXTRA_CA_CERTS makes it trusted, without it exit 4 TLS_UNTRUSTED', async () => {
    expect(emu.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const env = emulatorEnv(emu);
    const [ok, refused] = await Promise.all([
      runSdrs(['group', 'list'], { env: { ...env, NODE_EXTRA_CA_CERTS: pki.ca } }),
      runSdrs(['group', 'list'], { env }),
    ]);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('demo-erp');
    expect(refused.code).toBe(4);
    expect(refused.stderr).toMatch(/^error: cannot trust 127\.0\.0\.1:\d+: its certificate is not signed by a CA this machine trusts \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\); nothing was sent\n.*--ca-bundle FILE/);
  });

  test('--tls-cert without --tls-key, or files that are not a certificate and its key: exit 2', async () => {
    const env = baseEnv();
    const junk = join(env.HOME, 'junk.pem');
    writeFileSync(junk, 'junk\n');
    const alone = await runMain(['emulator', '--port', '0', '--tls-cert', pki.cert], { env });
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('--tls-cert and --tls-key go together');
    const bad = await runMain(['emulator', '--port', '0', '--tls-cert', junk, '--tls-key', pki.key], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error: --tls-cert \S+ and --tls-key \S+ are not a PEM certificate and its key/);
    expect(bad.stderr).not.toContain('PRIVATE KEY');
  });
});
