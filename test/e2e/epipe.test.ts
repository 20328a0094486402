/**
 * A reader that goes away (`| head`) ends nothing with a stack trace or an error message:
 * the binary exits with its real code (0 here), quietly.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { BIN, baseEnv } from '../helpers/run.js';
import { useDemoWorld } from '../helpers/cli-env.js';

/** Runs a bash pipeline where `sdrs` is the built binary; prints the exit code of sdrs last. */
function pipeline(cmd: string, env: Record<string, string>): Promise<{ out: string; err: string; sdrsCode: number }> {
  return new Promise((resolve, reject) => {
    const script = `sdrs() { "${process.execPath}" "${BIN}" "$@"; }\n${cmd}\necho "sdrs-exit=\${PIPESTATUS[0]}"`;
    const child = spawn('bash', ['-c', script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', () => {
      const m = /sdrs-exit=(\d+)\n$/.exec(out);
      resolve({ out: out.replace(/sdrs-exit=\d+\n$/, ''), err, sdrsCode: m ? Number(m[1]) : -1 });
    });
  });
}

describe('EPIPE: the reader goes away', () => {
  const w = useDemoWorld();

  it('sdrs group list | head -1: the header line, exit 0, nothing on stderr', async () => {
    await w.client.admin('POST', '/groups', { name: 'many', count: 1000 });
    const r = await pipeline('sdrs group list | head -1', w.env);
    expect(r.sdrsCode, r.err).toBe(0);
    expect(r.out.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.err).toBe('');
  });

  it('sdrs server list --json 2>&1 | head -c 1: exit 0, quietly', async () => {
    await w.client.admin('POST', '/groups', { name: 'many', count: 1000 });
    const r = await pipeline('sdrs server list --json 2>&1 | head -c 1', w.env);
    expect(r.sdrsCode, r.err).toBe(0);
    expect(r.out).toBe('[');
    expect(r.err).toBe('');
  });

  it('sdrs demo --fast 2>&1 | head -2: the first two lines, then the drill ends quietly with exit 0', async () => {
    const r = await pipeline('sdrs demo --fast 2>&1 | head -2', w.env);
    expect(r.sdrsCode, r.err).toBe(0);
    const lines = r.out.split('\n').filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^sdrs demo: a DR drill against a local SDRS emulator .*\(jobs take 0\.8s\)/);
    expect(r.err).toBe('');
  }, 60_000);
});

describe('demo --fast help', () => {
  it('names the job durations the drill uses', async () => {
    const r = await pipeline('sdrs demo --help', baseEnv());
    expect(r.out).toContain('shorten job durations (0.8s instead of 3s)');
  });
});
