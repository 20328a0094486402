/** Every error code sdrs can print (`error.code` of the JSON error document) is listed in docs/exit-codes.md. */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/run.js';

/** Codes in src that are not error codes a user sees, and why. */
const NOT_PRINTED: Record<string, string> = {
  NOT_FOUND: 'a server status in the group status view, not an error',
  DEADLINE: "a read cut short by a wait's deadline: the wait reports WAIT_TIMEOUT",
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Codes given to an error: `code: 'X'`, `code = 'X'`, `new SomeError('X'`, `super('X'`, and `? 'X' : 'Y'` after `code:`. */
function errorCodes(): Set<string> {
  const found = new Set<string>();
  const code = "'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)'";
  const patterns = [
    new RegExp(`code: ${code}`, 'g'),
    new RegExp(`code = ${code}`, 'g'),
    new RegExp(`new [A-Za-z]*Error\\(${code}`, 'g'),
    new RegExp(`super\\(${code}`, 'g'),
    new RegExp(`code: [^\\n]*\\? ${code} : ${code}`, 'g'),
  ];
  for (const file of sources(join(ROOT, 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const re of patterns) for (const m of text.matchAll(re)) for (const c of m.slice(1)) if (c) found.add(c);
  }
  return found;
}

describe('docs/exit-codes.md', () => {
  it('lists every error code in src', () => {
    const doc = readFileSync(join(ROOT, 'docs/exit-codes.md'), 'utf8');
    const codes = [...errorCodes()].filter((c) => !(c in NOT_PRINTED));
    expect(codes).toContain('NO_CREDENTIALS');
    expect(codes).toContain('NO_PROJECT_ID');
    expect(codes.filter((c) => !doc.includes(`\`${c}\``))).toEqual([]);
  });
});
