/**
 * The interactive paths in a real pseudo-terminal (issue 5, "Tests"): the built
 * binary runs under node-pty, so stdin and stderr are real TTYs, prompts are
 * drawn by @inquirer/prompts and the job watcher draws its ora spinner.
 *
 * Needs `npm run build` first (npm test does it).
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pty, { type IPty } from 'node-pty';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SEED_IDS, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { emulatorClient, type EmulatorClient } from '../helpers/emulator-client.js';
import { BIN, ROOT } from '../helpers/run.js';

const KEY = { enter: '\r', ctrlC: '\x03', backspace: '\x7f', down: '\x1b[B' };
const SPINNER = '[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

/** Removes ANSI escapes (CSI, OSC, two-byte) and turns CRLF into LF. */
export function stripAnsi(s: string): string {
  return s
    .replace(/\x1b\[[0-?]*[ -/]*[@-~]/g, '')
    .replace(/\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g, '')
    .replace(/\x1b[@-Z\\-_]/g, '')
    .replace(/\r\n/g, '\n');
}

/** One run of the built binary in a pseudo-terminal. */
class Terminal {
  private raw = '';
  readonly exit: Promise<{ exitCode: number; signal?: number }>;
  private done = false;
  private readonly proc: IPty;

  constructor(
    readonly args: string[],
    env: Record<string, string>,
  ) {
    this.proc = pty.spawn(process.execPath, [BIN, ...args], { name: 'xterm-256color', cols: 120, rows: 40, cwd: ROOT, env });
    this.proc.onData((d) => (this.raw += d));
    this.exit = new Promise((resolve) =>
      this.proc.onExit((e) => {
        this.done = true;
        resolve(e);
      }),
    );
  }

  /** Everything shown so far, without escapes. */
  get text(): string {
    return stripAnsi(this.raw);
  }

  write(keys: string): void {
    this.proc.write(keys);
  }

  /** Polls the output until `pattern` shows up after position `from` of the stripped text; returns its match. */
  async waitFor(pattern: RegExp | string, { from = 0, timeoutMs = 15_000 } = {}): Promise<RegExpMatchArray> {
    const re = typeof pattern === 'string' ? new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : pattern;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const m = this.text.slice(from).match(re);
      if (m) return m;
      if (this.done || Date.now() > deadline) {
        throw new Error(
          `sdrs ${this.args.join(' ')}: ${this.done ? 'exited' : `no output matching ${re} within ${timeoutMs} ms`}` +
            `\n--- terminal (from ${from}) ---\n${this.text.slice(from)}\n---`,
        );
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Waits for the exit code. */
  async exitCode(timeoutMs = 20_000): Promise<number> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`sdrs ${this.args.join(' ')} did not exit within ${timeoutMs} ms\n${this.text}`)), timeoutMs);
    });
    try {
      return (await Promise.race([this.exit, timeout])).exitCode;
    } finally {
      clearTimeout(timer);
    }
  }

  kill(): void {
    if (!this.done) this.proc.kill('SIGKILL');
  }
}

let emu: RunningEmulator;
let api: EmulatorClient;
let env: Record<string, string>;
const running: Terminal[] = [];

function sdrs(...args: string[]): Terminal {
  const t = new Terminal(args, env);
  running.push(t);
  return t;
}

/** Requests the emulator received, by "METHOD route". */
async function counters(): Promise<Record<string, number>> {
  return (await api.admin('GET', '/counters')).body.routes as Record<string, number>;
}

const mutations = (routes: Record<string, number>) => Object.keys(routes).filter((r) => !r.startsWith('GET '));

async function stopDemoProductionServers(): Promise<void> {
  for (const name of ['erp-app-01', 'erp-db-01']) {
    const r = await api.admin('PUT', `/servers/${SEED_IDS.server(name)}/power`, { status: 'SHUTOFF' });
    expect(r.status, `stop ${name}`).toBe(200);
  }
}

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'dist', 'cli.js'))) throw new Error('dist/cli.js is missing: run `npm run build` first');
  emu = await startEmulator({ port: 0, seed: 'demo', jobDurationMs: 300 });
  api = emulatorClient(emu);
  const home = mkdtempSync(join(tmpdir(), 'sdrs-pty-'));
  // A clean environment: a terminal with colour (no NO_COLOR, no CI), credentials for the emulator only.
  env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    XDG_CACHE_HOME: join(home, '.cache'),
    TERM: 'xterm-256color',
    LANG: 'C.UTF-8',
    SDRS_ENDPOINT: emu.url,
    HUAWEICLOUD_SDK_AK: emu.ak,
    HUAWEICLOUD_SDK_SK: emu.sk,
    SDRS_PROJECT_ID: emu.projectId,
  };
});

afterAll(async () => {
  await emu?.stop();
});

beforeEach(async () => {
  await api.admin('PUT', '/config', { job_duration_ms: 300 });
  await api.admin('POST', '/reset', { seed: 'demo' });
  await api.admin('DELETE', '/counters');
});

afterEach(() => {
  for (const t of running.splice(0)) t.kill();
});

describe('sdrs at a terminal (node-pty)', () => {
  it('group create with no flags asks for everything, validates the name as typed, then waits with a spinner', async () => {
    const t = sdrs('group', 'create');
    await t.waitFor('? Group name');
    let mark = t.text.length;
    t.write('bad name!' + KEY.enter);
    await t.waitFor('The name may contain only Chinese characters, letters, digits', { from: mark });
    expect(t.text).not.toContain('Description');

    mark = t.text.length;
    t.write(KEY.backspace.repeat('bad name!'.length) + 'erp-pty' + KEY.enter);
    await t.waitFor(/✔ Group name erp-pty\n/, { from: mark });
    await t.waitFor('? Description (optional)', { from: mark });
    t.write(KEY.enter); // empty: no description

    mark = t.text.length;
    await t.waitFor(/\? Active-active domain\n❯ dom-cn-north-4: cn-north-4a -> cn-north-4b/, { from: mark });
    t.write(KEY.enter);
    await t.waitFor(/\? Production AZ cn-north-4a, DR AZ cn-north-4b \(from domain dom-cn-north-4\)\. Use these\? \(Y\/n\)/, { from: mark });
    t.write(KEY.enter); // the default is yes

    mark = t.text.length;
    await t.waitFor(/\? VPC of the production servers\n❯ vpc-prod \(192\.168\.0\.0\/16\)/, { from: mark });
    t.write(KEY.enter);

    expect(await t.exitCode()).toBe(0);
    const out = t.text.slice(mark);
    expect(out).toMatch(new RegExp(`${SPINNER} Creating group erp-pty`)); // the ora spinner ran
    expect(out).toMatch(/✔ Creating group erp-pty · done in \d+s · group available/);
    const id = out.match(new RegExp(`\\n(${UUID.source})\\n*$`))?.[1];
    expect(id, `the new group id on a line of its own at the end:\n${out}`).toBeDefined();

    const group = (await api.get(`/server-groups/${id}`)).body.server_group;
    expect(group).toMatchObject({
      name: 'erp-pty',
      status: 'available',
      source_availability_zone: 'cn-north-4a',
      target_availability_zone: 'cn-north-4b',
      domain_id: SEED_IDS.domain,
      source_vpc_id: SEED_IDS.vpc,
    });
    expect(group.description ?? '').toBe('');
    expect((await counters())['POST /v1/{project_id}/server-groups']).toBe(1);
  });

  it("group create: declined AZs are picked among the domain's two; the VPC list can be navigated", async () => {
    const t = sdrs('group', 'create');
    await t.waitFor('? Group name');
    t.write('erp-swapped' + KEY.enter);
    await t.waitFor('? Description (optional)');
    t.write('swapped AZs' + KEY.enter);
    await t.waitFor(/❯ dom-cn-north-4/);
    t.write(KEY.enter);
    await t.waitFor('Use these? (Y/n)');
    t.write('n' + KEY.enter);

    let mark = t.text.length;
    // Picking the production AZ picks the DR AZ: the domain's other one.
    await t.waitFor(/\? Production AZ .*\n❯ cn-north-4b \(DR AZ: cn-north-4a\)\n\s+cn-north-4a \(DR AZ: cn-north-4b\)/, { from: mark });
    t.write(KEY.enter);

    mark = t.text.length;
    await t.waitFor(/❯ vpc-prod .*\n\s+vpc-lab/, { from: mark });
    t.write(KEY.down);
    await t.waitFor(/❯ vpc-lab/, { from: mark });
    t.write(KEY.enter);
    expect(await t.exitCode()).toBe(0);

    const id = t.text.match(new RegExp(`\\n(${UUID.source})\\n*$`))?.[1];
    expect((await api.get(`/server-groups/${id}`)).body.server_group).toMatchObject({
      name: 'erp-swapped',
      description: 'swapped AZs',
      status: 'available',
      source_availability_zone: 'cn-north-4b',
      target_availability_zone: 'cn-north-4a',
      source_vpc_id: SEED_IDS.testVpc,
    });
  });

  it('group create with every required flag asks nothing; Ctrl-C while the spinner runs stops watching (exit 130), the job goes on', async () => {
    await api.admin('PUT', '/config', { job_duration_ms: 20_000 });
    const t = sdrs('group', 'create', '--name', 'erp-flags', '--domain', 'dom-cn-north-4', '--vpc', SEED_IDS.vpc);
    await t.waitFor(new RegExp(`${SPINNER} Creating group erp-flags · job (INIT|RUNNING)`));
    expect(t.text).not.toMatch(/^\? /m); // no prompt: the optional questions belong to a guided session
    t.write(KEY.ctrlC);
    expect(await t.exitCode()).toBe(130);
    const jobId = t.text.match(/job ([0-9a-f]{32})/)?.[1];
    expect(jobId).toBeDefined();
    expect(t.text).toMatch(/still running/);
    expect(t.text).toContain(`sdrs job wait ${jobId}`);
    expect((await api.get(`/jobs/${jobId}`)).body.status).toMatch(/^(INIT|RUNNING)$/);
    const groups = (await api.get('/server-groups?name=erp-flags')).body.server_groups;
    expect(groups).toHaveLength(1);
    expect(groups[0].status).toBe('creating');
    expect((await counters())['POST /v1/{project_id}/server-groups']).toBe(1);
  });

  describe('group reverse demo-erp --to target', () => {
    beforeEach(stopDemoProductionServers);

    /** Runs the reverse up to its confirmation prompt; returns the terminal and the prompt's text. */
    async function atConfirmation(): Promise<{ t: Terminal; prompt: string }> {
      const t = sdrs('group', 'reverse', 'demo-erp', '--to', 'target');
      await t.waitFor('Pre-flight checks for reversing demo-erp to target (cn-north-4b):');
      const m = await t.waitFor(/\? (Reverse demo-erp[^]*?)\(y\/N\)/);
      return { t, prompt: m[1].replace(/\s+/g, ' ') };
    }

    it('shows the checklist and a default-no confirmation that says what will happen', async () => {
      const { t, prompt } = await atConfirmation();
      for (const check of ['group exists: demo-erp', 'status is protected', 'has replication pairs (4)', 'no protected instance is invalid', 'is stopped']) {
        expect(t.text).toMatch(new RegExp(`✔ [^\\n]*${check.replace(/[()]/g, '\\$&')}`));
      }
      expect(prompt).toMatch(/cn-north-4b \(target\)/); // which AZ becomes production
      expect(prompt).toMatch(/\b2 protected instance/); // how many instances move
      t.write(KEY.enter); // Enter takes the default: no
      expect(await t.exitCode()).toBe(2);
      expect(t.text).toMatch(/nothing was sent/);
      expect(mutations(await counters())).toEqual([]);
      expect((await api.get(`/server-groups/${SEED_IDS.demoGroup}`)).body.server_group).toMatchObject({ status: 'protected', priority_station: 'source' });
    });

    it('answering n exits 2 and sends nothing', async () => {
      const { t } = await atConfirmation();
      t.write('n' + KEY.enter);
      expect(await t.exitCode()).toBe(2);
      expect(mutations(await counters())).toEqual([]);
      expect((await api.get(`/server-groups/${SEED_IDS.demoGroup}`)).body.server_group.priority_station).toBe('source');
    });

    it('answering y reverses with a spinner, exits 0 and prints where production runs and the login note', async () => {
      const { t } = await atConfirmation();
      const mark = t.text.length;
      t.write('y' + KEY.enter);
      expect(await t.exitCode()).toBe(0);
      const out = t.text.slice(mark);
      expect(out).toMatch(new RegExp(`${SPINNER} Reversing demo-erp to target`));
      expect(out).toMatch(/Production now runs in cn-north-4b \(target\)/);
      expect(out).toMatch(/Cloudbase-Init/);
      expect(await counters()).toMatchObject({ 'POST /v1/{project_id}/server-groups/{server_group_id}/action': 1 });
      expect((await api.get(`/server-groups/${SEED_IDS.demoGroup}`)).body.server_group).toMatchObject({ status: 'protected', priority_station: 'target' });
    });

    it('Ctrl-C at the confirmation exits 130 and sends nothing', async () => {
      const { t } = await atConfirmation();
      t.write(KEY.ctrlC);
      expect(await t.exitCode()).toBe(130);
      expect(t.text).toMatch(/nothing was sent/);
      expect(mutations(await counters())).toEqual([]);
      expect((await api.get(`/server-groups/${SEED_IDS.demoGroup}`)).body.server_group.priority_station).toBe('source');
    });
  });

  it('Ctrl-C at a group create prompt exits 130 and sends nothing', async () => {
    const t = sdrs('group', 'create');
    await t.waitFor('? Group name');
    t.write('half-typed');
    await t.waitFor('half-typed');
    t.write(KEY.ctrlC);
    expect(await t.exitCode()).toBe(130);
    expect(t.text).toMatch(/cancelled at the prompt; nothing was sent/);
    expect(mutations(await counters())).toEqual([]);
    expect(Object.values((await api.get('/server-groups')).body.server_groups).map((g: any) => g.name)).toEqual(['demo-erp']);
  });
});

describe('group failover at a terminal: the group name is typed to confirm', () => {
  it('a wrong name exits 2 and sends nothing', async () => {
    const t = sdrs('group', 'failover', 'demo-erp');
    await t.waitFor(/Type the group name to confirm/);
    expect(t.text).toMatch(/production moves to cn-north-4b \(target\)/);
    t.write('demo-er' + KEY.enter);
    expect(await t.exitCode()).toBe(2);
    expect(t.text).toMatch(/failover cancelled: the typed name "demo-er" does not match "demo-erp"; nothing was sent/);
    expect(mutations(await counters())).toEqual([]);
  });

  it('the right name fails over with a spinner and exits 0', async () => {
    const t = sdrs('group', 'failover', 'demo-erp');
    await t.waitFor(/Type the group name to confirm/);
    const mark = t.text.length;
    t.write('demo-erp' + KEY.enter);
    expect(await t.exitCode()).toBe(0);
    expect(t.text.slice(mark)).toMatch(new RegExp(`${SPINNER} Failing over demo-erp`));
    expect(t.text.slice(mark)).toMatch(/Production now runs in cn-north-4b \(target\)/);
    expect((await api.get(`/server-groups/${SEED_IDS.demoGroup}`)).body.server_group).toMatchObject({ status: 'failed-over', priority_station: 'target' });
  });

  it('group reverse --stop-servers --start-servers asks once, naming every phase', async () => {
    const t = sdrs('group', 'reverse', 'demo-erp', '--to', 'target', '--stop-servers', '--start-servers');
    const m = await t.waitFor(/\? (Switch over demo-erp[^]*?)\(y\/N\)/);
    expect(m[1].replace(/\s+/g, ' ')).toMatch(/stop 2 server\(s\) at cn-north-4a \(source\) until SHUTOFF; then reverse production .*; then start 2 server\(s\) at cn-north-4b \(target\) until ACTIVE/);
    t.write('n' + KEY.enter);
    expect(await t.exitCode()).toBe(2);
    expect(mutations(await counters())).toEqual([]);
  });
});
