/** config init at a terminal asks (optionally) for the endpoint; an empty region needs one. */
import { PassThrough } from 'node:stream';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type InitPrompter, runConfigInit } from '../../src/config/init.js';
import { createIOStreams } from '../../src/io/streams.js';
import { tempTree } from './helpers.js';

const io = () => createIOStreams({ in: new PassThrough(), out: new PassThrough(), err: new PassThrough() }, {});

function scripted(answers: [string, string][]): InitPrompter & { asked: string[]; checks: ((v: string) => true | string)[] } {
  const asked: string[] = [];
  const checks: ((v: string) => true | string)[] = [];
  const answer = async (message: string, o?: { validate?: (v: string) => true | string }) => {
    asked.push(message);
    if (o?.validate) checks.push(o.validate);
    const found = answers.find(([k]) => message.startsWith(k));
    if (!found) throw new Error(`unexpected prompt: ${message}`);
    return found[1];
  };
  return { asked, checks, input: (m, o) => answer(m, o), password: (m) => answer(m) };
}

describe('config init: the endpoint question', () => {
  it('no region: the endpoint is asked for and required, and written; the result says the profile was added', async () => {
    const t = tempTree();
    const p = scripted([['Region', ''], ['Endpoint', 'http://127.0.0.1:8443/'], ['Project id', 'p1'], ['Access key', 'AKIDPROMPTKEY01234'], ['Secret key', 's1']]);
    const r = await runConfigInit({ io: io(), env: {}, homeDir: t.home, canPrompt: true, prompter: p, warn: () => {}, flags: { profile: 'emu' } });
    expect(p.asked[1]).toMatch(/^Endpoint \(e\.g\. http:\/\/127\.0\.0\.1:8443/);
    expect(p.checks[1]('')).toMatch(/an endpoint is needed when no region is given/);
    expect(p.checks[1]('ftp://x')).toMatch(/expected an http\(s\) URL/);
    expect(r).toMatchObject({ profile: 'emu', endpoint: 'http://127.0.0.1:8443', region: undefined, added: true });
    expect(readFileSync(path.join(t.home, '.sdrsrc'), 'utf8')).toContain('endpoint: http://127.0.0.1:8443');
  });

  it('with a region, Enter keeps the region\'s own endpoints (no endpoint key); an existing profile is updated, not added', async () => {
    const t = tempTree();
    const answers: [string, string][] = [['Region', 'cn-north-4'], ['Endpoint', ''], ['Project id', 'p1'], ['Access key', 'AKIDPROMPTKEY01234'], ['Secret key', 's1']];
    const first = await runConfigInit({ io: io(), env: {}, homeDir: t.home, canPrompt: true, prompter: scripted(answers), warn: () => {}, flags: {} });
    expect(first).toMatchObject({ region: 'cn-north-4', endpoint: undefined, added: true });
    expect(readFileSync(path.join(t.home, '.sdrsrc'), 'utf8')).not.toContain('endpoint');
    const again = await runConfigInit({ io: io(), env: {}, homeDir: t.home, canPrompt: true, prompter: scripted(answers), warn: () => {}, flags: {} });
    expect(again.added).toBe(false);
  });
});
