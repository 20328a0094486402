/**
 * A corrupted or hostile config file: bad YAML, wrong types, unknown keys, a
 * huge file, alias bombs, deep nesting, garbage bytes. A clear error naming
 * the file (and the line where there is one) with exit 4; unknown keys are
 * warnings naming file and line; never a crash, a hang or a stack trace.
 */
import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baseEnv } from '../helpers/run.js';
import { ConfigError } from '../../src/errors.js';
import { runSdrs } from '../helpers/run.js';
import { expectCleanError, runMain, summary } from './helpers.js';

let tried = 0;

/** A private HOME holding `name` with `text`; returns the env and the file path. */
function home(name: string, text: string | Buffer, mode = 0o600) {
  const env = baseEnv({ SDRS_REGION: undefined });
  const file = join(env.HOME, name);
  writeFileSync(file, text);
  chmodSync(file, mode);
  return { env, file };
}

const bomb = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...'bcdefghi'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
  'profiles:',
  '  default:',
  '    region: *i',
].join('\n');

/** name -> [file name, content, exit code, message (first error line), line number expected in it]. */
const CASES: Record<string, { file?: string; text: string | Buffer; exit: number; message: RegExp; line?: number; argv?: string[] }> = {
  'unclosed quote': { text: 'profiles:\n  default:\n    region: "cn-north-4\n', exit: 4, message: /invalid YAML/, line: 4 },
  'tab indentation': { text: 'profiles:\n\tdefault:\n\t\tregion: cn-north-4\n', exit: 4, message: /invalid YAML/, line: 2 },
  'duplicate key': { text: 'profiles:\n  default:\n    region: a\n    region: b\n', exit: 4, message: /invalid YAML: duplicated mapping key/, line: 4 },
  'executable tag': { text: 'profiles:\n  default:\n    region: !!js/function "function(){ return 1 }"\n', exit: 4, message: /invalid YAML/, line: 3 },
  'region is a list': { text: 'profiles:\n  default:\n    projectId: p1\n    region: [1, 2]\n', exit: 4, message: /"region" in profile "default" must be a string/, line: 4 },
  'secretKey is a number': { text: 'profiles:\n  default:\n    accessKey: AK\n    secretKey: 12345\n', exit: 4, message: /"secretKey" in profile "default" must be a string/, line: 4 },
  'profiles is a list': { text: 'profiles:\n  - default\n  - prod\n', exit: 4, message: /"profiles" must be a mapping/, line: 1 },
  'profile is a number': { text: 'profiles:\n  default: 3\n', exit: 4, message: /profile "default" must be a mapping/, line: 2 },
  'top level is a string': { text: 'just some text\n', exit: 4, message: /the top level must be a mapping/ },
  'bad duration': { text: 'profiles:\n  default:\n    timeout: forever\n', exit: 4, message: /invalid timeout "forever"/, line: 3 },
  'bad endpoint': { text: 'profiles:\n  default:\n    endpoint: "javascript:alert(1)"\n', exit: 4, message: /invalid sdrs endpoint "javascript:alert\(1\)" from .*\.sdrsrc#default\.endpoint/ },
  'alias bomb': { text: bomb, exit: 4, message: /"region" in profile "default" must be a string/, line: 12 },
  'deep nesting': { text: 'profiles: ' + '['.repeat(300_000), exit: 4, message: /invalid YAML/ },
  'garbage bytes': { text: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)), exit: 4, message: /\.sdrsrc/ },
  'huge file': { text: 'profiles:\n  default:\n    region: cn-north-4\n' + '# padding\n'.repeat(120_000), exit: 4, message: /is \d+ bytes; the limit is 1048576 bytes/ },
  'bad JSON': { file: '.sdrsrc.json', text: '{"profiles": {"default": {"region": "cn-north-4",}}}', exit: 4, message: /\.sdrsrc\.json:1: invalid JSON/ },
  'escape sequences in a value': { text: 'profiles:\n  default:\n    region: "\\e[2Jcn-north-4"\n', exit: 4, message: /invalid region "\\u001b\[2Jcn-north-4"/ },
  'reserved profile name': { text: 'profiles:\n  constructor:\n    region: cn-north-4\n', exit: 4, message: /unknown profile "constructor"/, argv: ['--profile', 'constructor', 'config', 'show'] },
  'proto profile': { text: 'profiles:\n  __proto__:\n    region: cn-north-4\n', exit: 4, message: /unknown profile "__proto__"/, argv: ['--profile', '__proto__', 'config', 'show'] },
};

describe('hostile config files', () => {
  it(`${Object.keys(CASES).length} corrupted or hostile files: exit 4, the file (and line) named`, { timeout: 60_000 }, async () => {
    const problems: string[] = [];
    for (const [name, c] of Object.entries(CASES)) {
      tried++;
      const { env, file } = home(c.file ?? '.sdrsrc', c.text);
      const started = Date.now();
      const r = await runMain(c.argv ?? ['config', 'show'], { env });
      const line = r.stderr.split('\n').find((l) => l.startsWith('error: ')) ?? '';
      const where = c.line === undefined ? file : `${file}:${c.line}`;
      if (r.code !== c.exit || !c.message.test(line) || !line.includes(c.argv ? '' : where) || Date.now() - started > 10_000) {
        problems.push(`${name}: exit ${r.code}, want ${c.exit} and ${c.message} naming ${where}\n  ${r.stderr.slice(0, 500)}`);
        continue;
      }
      expectCleanError(r.stderr, name);
      expect(r.stdout, name).toBe('');
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('unknown keys are warnings naming the file and line; the command goes on', async () => {
    tried++;
    const { env, file } = home('.sdrsrc', 'colour: blue\nprofiles:\n  default:\n    region: cn-north-4\n    regoin: cn-north-1\n    endpoints:\n      sdsr: http://x\n');
    const r = await runMain(['config', 'show'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`warning: ${file}:1: unknown key "colour" ignored`);
    expect(r.stderr).toContain(`warning: ${file}:5: unknown key "regoin" in profile "default" ignored`);
    expect(r.stderr).toContain(`warning: ${file}:7: unknown endpoint "sdsr" in profile "default" ignored`);
    expect(r.stdout).toMatch(/region\s+cn-north-4/);
  });

  it('an unknown key made of escape sequences is quoted, not sent to the terminal', async () => {
    tried++;
    const { env } = home('.sdrsrc', 'profiles:\n  default:\n    "\\e]0;pwned\\a": 1\n');
    const r = await runMain(['config', 'show'], { env });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('unknown key "\\u001b]0;pwned\\u0007"');
     
    expect(r.stderr).not.toMatch(/[\u001b\u0007]/);
  });

  it('a directory where the file should be is not a config file; an unreadable file is exit 4', async () => {
    tried++;
    const env = baseEnv();
    mkdirSync(join(env.HOME, '.sdrsrc'));
    const r = await runMain(['--json', 'config', 'show'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).config_file).toBeNull();
    if (process.getuid?.() !== 0) {
      tried++;
      const { env: env2, file } = home('.sdrsrc', 'profiles: {}\n', 0o000);
      const u = await runMain(['config', 'show'], { env: env2 });
      expect(u.code, u.stderr).toBe(4);
      expect(expectCleanError(u.stderr)).toContain(file);
    }
  });

  it('a FIFO or a device where the file should be: exit 4 at once, naming the file and why (the binary)', async () => {
    const cases: [string, (file: string) => void, RegExp][] = [
      ['a FIFO at ~/.sdrsrc', (f) => execFileSync('mkfifo', [f]), /is a FIFO \(named pipe\): sdrs reads its configuration only from regular files/],
      ['~/.sdrsrc -> /dev/zero', (f) => symlinkSync('/dev/zero', f), /is a character device: sdrs reads its configuration only from regular files/],
      ['~/.sdrsrc.json -> /dev/urandom', (f) => symlinkSync('/dev/urandom', f.replace(/\.sdrsrc$/, '.sdrsrc.json')), /\.sdrsrc\.json is a character device/],
    ];
    for (const [name, make, message] of cases) {
      tried++;
      const env = baseEnv({ SDRS_REGION: undefined });
      const file = join(env.HOME, '.sdrsrc');
      make(file);
      const started = Date.now();
      // A child process: before the fix the read blocked forever (FIFO) or took half a gigabyte (/dev/zero).
      const r = await runSdrs(['group', 'list'], { env, timeoutMs: 8000 }).catch((e: Error) => ({ code: -1, stderr: e.message.slice(0, 300), stdout: '' }));
      expect(r.code, `${name}: ${r.stderr}`).toBe(4);
      expect(expectCleanError(r.stderr, name), name).toMatch(message);
      expect(r.stderr).toContain(env.HOME);
      expect(Date.now() - started, name).toBeLessThan(5000);
    }
  });

  it('the read is capped at 1 MiB: a file just under it reads, one byte over is refused', async () => {
    tried++;
    const { readConfigText, MAX_CONFIG_BYTES } = await import('../../src/config/file.js');
    const { file } = home('.sdrsrc', 'profiles: {}\n' + '#'.repeat(MAX_CONFIG_BYTES - 20) + '\n');
    expect((await readConfigText(file))!.text.length).toBeLessThanOrEqual(MAX_CONFIG_BYTES);
    writeFileSync(file, 'x'.repeat(MAX_CONFIG_BYTES + 1));
    await expect(readConfigText(file)).rejects.toThrow(/is \d+ bytes; the limit is 1048576 bytes/);
  });

  it('a mapping where a name or a value should be: exit 4 naming the file, the line and the key', async () => {
    const cases: [string, string, string[], RegExp][] = [
      ['a mapping as a profile name', 'profiles:\n  ? {a: 1}\n  : {region: cn-north-4}\n', ['config', 'show'], /a mapping is used as a key under "profiles"/],
      ['config init over a region that is a mapping', 'profiles:\n  default:\n    projectId: p1\n    region: {a: 1}\n', ['config', 'init', '--project-id', 'p1', '--access-key', 'AKIDHOSTILE000001', '--secret-key-stdin'], /\.sdrsrc:4: "region" in profile "default" must be a string/],
      ['config init over a projectId that is a mapping', 'profiles:\n  default:\n    projectId: {b: 2}\n', ['config', 'init', '--region', 'cn-north-4', '--access-key', 'AKIDHOSTILE000001', '--secret-key-stdin'], /\.sdrsrc:3: "projectId" in profile "default" must be a string/],
      ['config init over an endpoint that is a mapping', 'profiles:\n  default:\n    endpoint: {c: 3}\n', ['config', 'init', '--region', 'cn-north-4', '--project-id', 'p1', '--access-key', 'AKIDHOSTILE000001', '--secret-key-stdin'], /\.sdrsrc:3: "endpoint" in profile "default" must be a string/],
    ];
    for (const [name, text, argv, message] of cases) {
      tried++;
      const { env, file } = home('.sdrsrc', text);
      const r = await runMain(argv, { env, stdin: 'secret-key-value\n' });
      expect(r.code, `${name}: ${r.stderr}`).toBe(4);
      expect(expectCleanError(r.stderr, name), name).toMatch(message);
      // config init never rewrote the file it could not use.
      expect(readFileSync(file, 'utf8'), name).toBe(text);
    }
  });

  it('config init at a terminal over a profile value that is a mapping: exit 4, not a crash in the prompt', async () => {
    tried++;
    const { runConfigInit } = await import('../../src/config/init.js');
    const { env } = home('.sdrsrc', 'profiles:\n  default:\n    region: cn-north-4\n    projectId: {b: 2}\n');
    // Enter at every question keeps the current value: here a mapping, which has no .trim().
    const prompter = { input: async (_m: string, o: { default?: string }) => o.default as string, password: async () => 'sk' };
    const io = { in: new PassThrough(), out: new PassThrough(), err: new PassThrough() } as unknown as Parameters<typeof runConfigInit>[0]['io'];
    const err = await runConfigInit({ io, env: {}, homeDir: env.HOME, flags: {}, canPrompt: true, prompter, warn: () => undefined }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(/\.sdrsrc:4: "projectId" in profile "default" must be a string/);
  });

  it('random YAML-ish files: exit 0 or 4, never a crash; errors name the file', async () => {
    const yamlish = fc.string({
      unit: fc.constantFrom(...' \n\t:-[]{}#&*!|>\'"%@`,?=~.0123456789abcxyzprofilesdefaultregion'.split(''), 'profiles:\n', '  default:\n', '    region: ', '    timeout: ', 'endpoints:', '\u0000', '\u001b'),
      maxLength: 300,
    });
    await fc.assert(
      fc.asyncProperty(yamlish, async (text) => {
        tried++;
        const { env, file } = home('.sdrsrc', text);
        const r = await runMain(['config', 'show'], { env });
        expect([0, 4], `${JSON.stringify(text)}\n${r.stderr}`).toContain(r.code);
        if (r.code === 4) expect(expectCleanError(r.stderr, JSON.stringify(text))).toContain(file);
        expect(r.stderr).not.toMatch(/^\s+at .+[(:]\d+/m);
      }),
      { numRuns: 300 },
    );
  });

  it('the real binary reports a broken file with its line, exit 4', async () => {
    tried++;
    const { env, file } = home('.sdrsrc', 'profiles:\n  default:\n    region: "cn-north-4\n');
    const r = await runSdrs(['group', 'list'], { env });
    expect(r.code).toBe(4);
    expect(expectCleanError(r.stderr)).toContain(`${file}:4: invalid YAML`);
    summary(`hostile config: ${tried} files (${Object.keys(CASES).length} crafted, 300 random YAML-ish, unknown keys, a directory, a FIFO, two devices, a file past the cap, four mappings where a name or value belongs${process.getuid?.() === 0 ? '' : ', an unreadable file'}); crashes: 0, hangs: 0, wrong exit codes: 0`);
  });
});
