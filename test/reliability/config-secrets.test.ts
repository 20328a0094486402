/**
 * Secrets that reach sdrs by mistake or through someone else's file:
 *
 * - typed on the command line (`config init --secret-key=<SK>`, a key pasted as a
 *   command or as an option's value): the usage error never repeats an argv value;
 * - written unquoted into a config file: the parse error says file, line, column
 *   and the kind of problem, never a byte of the content;
 * - a config file that is not the user's own (a cloned repository's `.sdrsrc`,
 *   found by walking up from the working directory) naming the endpoint: the
 *   credentials from the environment are not sent there without an opt-in.
 *
 * Hostile endpoints are small node:http servers on loopback that record what
 * reaches them.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseEnv } from '../helpers/run.js';
import { expectCleanError, runMain, summary } from './helpers.js';

const SK = 'SKcfgSecret9f8e7d6c5b4a3210fedcba98';
const TOKEN = 'MIIcfgToken77aa88bb99ccddeeff00112233';
const STS = 'STScfgToken5e4d3c2b1a09abcdef012345';
let checks = 0;

/** Every 8-character slice of every secret found in `text`. */
function leaks(text: string): string[] {
  const found: string[] = [];
  for (const s of [SK, TOKEN, STS]) {
    for (let i = 0; i + 8 <= s.length; i++) {
      if (text.includes(s.slice(i, i + 8))) {
        found.push(`${s.slice(0, 5)}… (slice at ${i})`);
        break;
      }
    }
  }
  return found;
}

/** A server that answers every request with an empty group list and remembers what it got. */
interface Recorder {
  url: string;
  requests: { method: string; url: string; headers: http.IncomingHttpHeaders }[];
  close(): Promise<void>;
}
async function recorder(): Promise<Recorder> {
  const requests: Recorder['requests'] = [];
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ server_groups: [], count: 0 }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

describe('no argv value in a usage error', () => {
  const CASES: [string, string[]][] = [
    ['config init --secret-key=<SK>', ['config', 'init', '--secret-key=' + SK]],
    ['config init --secret-key <SK>', ['config', 'init', '--region', 'cn-north-4', '--secret-key', SK]],
    ['--json config init --secret-key=<SK>', ['--json', 'config', 'init', '--secret-key=' + SK]],
    ['a cluster of short options', ['config', 'init', '-x' + SK]],
    ['an unknown long option made of the key', ['group', 'list', '--' + SK]],
    ['the key as the command', [SK, 'list']],
    ['the key as a choice', ['group', 'reverse', 'erp', '--to=' + SK, '--yes']],
    ['the key as a choice, --json', ['--json', 'group', 'list', '--status', SK]],
    ['the key as a choice of an argument', ['completion', SK]],
  ];

  it(`${CASES.length} mistakes: exit 2, one clean line, the option named, its value never repeated`, async () => {
    const env = baseEnv();
    const problems: string[] = [];
    for (const [name, argv] of CASES) {
      checks++;
      const r = await runMain(argv, { env });
      const found = leaks(r.stdout + r.stderr);
      if (r.code !== 2 || found.length) problems.push(`${name}: exit ${r.code}, leaked ${found.join(', ') || 'nothing'}\n  ${r.stderr}`);
      if (!argv.includes('--json')) expectCleanError(r.stderr, name);
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('--secret-key is named, and the hint says how to pass a key instead', async () => {
    checks++;
    const r = await runMain(['config', 'init', '--secret-key=' + SK], { env: baseEnv() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error: unknown option '--secret-key' (its value is not repeated)");
    expect(r.stderr).toMatch(/--secret-key-stdin/);
    expect(leaks(r.stderr)).toEqual([]);
  });
});

describe('config parse errors quote nothing of the file', () => {
  const CASES: { name: string; file: string; text: string; line: number }[] = [
    { name: 'an unquoted key in .sdrsrc.json', file: '.sdrsrc.json', text: `{\n  "profiles": {\n    "default": {\n      "accessKey": "AKIDCFG0000000001",\n      "secretKey": ${SK}\n    }\n  }\n}\n`, line: 5 },
    { name: 'an unclosed string in .sdrsrc.json', file: '.sdrsrc.json', text: `{"profiles": {"default": {"secretKey": "${SK}}}}\n`, line: 1 },
    { name: 'a control character in a JSON string', file: '.sdrsrc.json', text: `{"profiles": {"default": {"secretKey": "${SK.slice(0, 10)}\t${SK.slice(10)}"}}}\n`, line: 1 },
    { name: 'the key as a YAML tag', file: '.sdrsrc', text: `profiles:\n  default:\n    secretKey: !${SK} x\n`, line: 3 },
    { name: 'the key as a YAML alias', file: '.sdrsrc', text: `profiles:\n  default:\n    secretKey: *${SK}\n`, line: 3 },
  ];

  it(`${CASES.length} broken files: exit 4 naming file, line and column; no 8-character slice of the key`, async () => {
    const problems: string[] = [];
    for (const c of CASES) {
      checks++;
      const env = baseEnv();
      const file = join(env.HOME, c.file);
      writeFileSync(file, c.text, { mode: 0o600 });
      for (const argv of [['config', 'show'], ['--json', 'config', 'show']]) {
        const r = await runMain(argv, { env });
        const found = leaks(r.stdout + r.stderr);
        const named = r.stderr.includes(`${file}:${c.line}: invalid`) && /column \d+/.test(r.stderr);
        if (r.code !== 4 || found.length || !named) problems.push(`${c.name} (${argv.join(' ')}): exit ${r.code}, leaked ${found.join(', ') || 'nothing'}\n  ${r.stderr}`);
      }
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });
});

describe("a project's config file cannot send credentials to its endpoint", () => {
  let evil: Recorder;
  let mine: Recorder;
  beforeAll(async () => {
    [evil, mine] = await Promise.all([recorder(), recorder()]);
  });
  afterAll(async () => {
    await Promise.all([evil?.close(), mine?.close()]);
    summary(`config secrets: ${checks} checks (argv values, parse errors, a project's .sdrsrc naming the endpoint); secrets leaked: 0, requests to an untrusted endpoint: ${evil?.requests.length ?? '?'}`);
  });

  /** A cloned repository outside HOME whose .sdrsrc points at the recorder. */
  function repo(profile: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'sdrs-repo-'));
    writeFileSync(join(dir, '.sdrsrc'), `profiles:\n  default:\n${profile}`);
    return dir;
  }
  const TOKEN_ENV = { SDRS_AUTH_TOKEN: TOKEN, SDRS_PROJECT_ID: 'p1' };
  const STS_ENV = { HW_ACCESS_KEY: 'AKIDCFG0000000002', HW_SECRET_KEY: SK, HW_SECURITY_TOKEN: STS, SDRS_PROJECT_ID: 'p1', SDRS_REGION: 'cn-north-4' };

  it('an IAM token or a security token from the environment: exit 4 before any request, the file and the opt-in named', async () => {
    const cases = [
      { name: 'endpoint + SDRS_AUTH_TOKEN', dir: repo(`    endpoint: ${evil.url}\n`), env: TOKEN_ENV },
      { name: 'endpoints.sdrs + temporary AK/SK', dir: repo(`    endpoints:\n      sdrs: ${evil.url}\n`), env: STS_ENV },
    ];
    for (const c of cases) {
      for (const argv of [['group', 'list'], ['--debug', 'group', 'show', 'erp'], ['group', 'create', '--name', 'x', '--domain', 'd', '--vpc', 'v', '--dry-run']]) {
        checks++;
        const r = await runMain(argv, { env: baseEnv(c.env), cwd: c.dir });
        expect(r.code, `${c.name} ${argv.join(' ')}: ${r.stderr}`).toBe(4);
        const line = expectCleanError(r.stderr, c.name);
        expect(line).toContain(join(c.dir, '.sdrsrc'));
        expect(line).toContain('nothing was sent');
        expect(r.stderr).toContain('SDRS_TRUST_PROJECT_CONFIG=1');
        expect(leaks(r.stdout + r.stderr)).toEqual([]);
      }
    }
    expect(evil.requests).toEqual([]);
  });

  it("a project file that imports ~/.sdrsrc (cosmiconfig's $import) gets neither its credentials nor a request", async () => {
    checks++;
    const env = baseEnv({ SDRS_PROJECT_ID: 'p1' });
    const own = join(env.HOME, '.sdrsrc');
    writeFileSync(own, `profiles:\n  default:\n    accessKey: AKIDCFG0000000003\n    secretKey: ${SK}\n    securityToken: ${STS}\n`, { mode: 0o600 });
    const dir = mkdtempSync(join(tmpdir(), 'sdrs-repo-'));
    writeFileSync(join(dir, '.sdrsrc'), `$import: ${own}\nprofiles:\n  default:\n    endpoint: ${evil.url}\n`);
    for (const extra of [{}, { SDRS_TRUST_PROJECT_CONFIG: '1' }] as Record<string, string>[]) {
      const r = await runMain(['group', 'list'], { env: { ...env, ...extra }, cwd: dir });
      expect(r.code, r.stderr).toBe(4);
      expect(leaks(r.stdout + r.stderr)).toEqual([]);
    }
    expect(evil.requests).toEqual([]);
  });

  it('with --json the refusal has its own code', async () => {
    checks++;
    const r = await runMain(['--json', 'group', 'list'], { env: baseEnv(TOKEN_ENV), cwd: repo(`    endpoint: ${evil.url}\n`) });
    expect(r.code).toBe(4);
    expect(JSON.parse(r.stderr).error).toMatchObject({ code: 'UNTRUSTED_CONFIG', exit_code: 4, endpoint: evil.url });
    expect(evil.requests).toEqual([]);
  });

  it('config show says the file is untrusted and its endpoints refused', async () => {
    checks++;
    const dir = repo(`    endpoint: ${evil.url}\n`);
    const r = await runMain(['--json', 'config', 'show'], { env: baseEnv(TOKEN_ENV), cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout).settings;
    expect(s.projectConfig.value).toMatch(/^untrusted: requests to its endpoints are refused \(SDRS_TRUST_PROJECT_CONFIG=1/);
    expect(s['endpoints.sdrs']).toMatchObject({ value: evil.url, source: 'config' });
    const human = await runMain(['config', 'show'], { env: baseEnv(TOKEN_ENV), cwd: dir });
    expect(human.stdout).toMatch(/projectConfig\s+untrusted: requests to its endpoints are refused/);
    const quiet = await runMain(['--json', 'config', 'show'], { env: baseEnv(TOKEN_ENV), cwd: repo('    region: cn-north-4\n') });
    expect(JSON.parse(quiet.stdout).settings.projectConfig.value).toBe('untrusted (no endpoint from it is used)');
    expect(evil.requests).toEqual([]);
  });

  it('the endpoint is used with SDRS_TRUST_PROJECT_CONFIG=1, from ~/.sdrsrc, or when --endpoint / SDRS_ENDPOINT names another', async () => {
    checks += 4;
    const before = mine.requests.length;
    const trusted = await runMain(['group', 'list'], { env: baseEnv({ ...TOKEN_ENV, SDRS_TRUST_PROJECT_CONFIG: '1' }), cwd: repo(`    endpoint: ${mine.url}\n`) });
    expect(trusted.code, trusted.stderr).toBe(0);
    expect(mine.requests.length).toBeGreaterThan(before);
    expect(mine.requests.at(-1)!.headers['x-auth-token']).toBe(TOKEN);

    const home = baseEnv(TOKEN_ENV);
    writeFileSync(join(home.HOME, '.sdrsrc'), `profiles:\n  default:\n    endpoint: ${mine.url}\n`, { mode: 0o600 });
    const own = await runMain(['group', 'list'], { env: home });
    expect(own.code, own.stderr).toBe(0);
    const shown = await runMain(['--json', 'config', 'show'], { env: home });
    expect(JSON.parse(shown.stdout).settings.projectConfig).toBeUndefined();

    const flag = await runMain(['--endpoint', mine.url, 'group', 'list'], { env: baseEnv(TOKEN_ENV), cwd: repo(`    endpoint: ${evil.url}\n`) });
    expect(flag.code, flag.stderr).toBe(0);
    const variable = await runMain(['group', 'list'], { env: baseEnv({ ...TOKEN_ENV, SDRS_ENDPOINT: mine.url }), cwd: repo(`    endpoint: ${evil.url}\n`) });
    expect(variable.code, variable.stderr).toBe(0);
    expect(evil.requests).toEqual([]);
  });
});

describe('a credential inside an endpoint URL', () => {
  it('config init --endpoint with user:password is refused without repeating the password', async () => {
    const r = await runMain(
      ['--endpoint', 'https://AKX:SuperSecretSK123@example.com', '--region', 'cn-north-4', '--project-id', '0123456789abcdef0123456789abcdef', 'config', 'init', '--access-key', 'AKIDEXAMPLE000000001', '--secret-key-stdin'],
      { env: baseEnv(), stdin: 'sk-from-stdin' },
    );
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).not.toContain('SuperSecretSK123');
    expect(r.stderr).toContain('https://***@example.com');
  });
});
