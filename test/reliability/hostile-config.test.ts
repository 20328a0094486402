/**
 * A corrupted or hostile config file: bad YAML, wrong types, unknown keys, a
 * huge file, alias bombs, deep nesting, garbage bytes. A clear error naming
 * the file (and the line where there is one) with exit 4; unknown keys are
 * warnings naming file and line; never a crash, a hang or a stack trace.
 */
import fc from 'fast-check';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baseEnv } from '../helpers/run.js';
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
    summary(`hostile config: ${tried} files (${Object.keys(CASES).length} crafted, 300 random YAML-ish, unknown keys, a directory${process.getuid?.() === 0 ? '' : ', an unreadable file'}); crashes: 0, hangs: 0, wrong exit codes: 0`);
  });
});
