/**
 * The lazily loaded runtime chunk re-exports its modules together; esbuild silently
 * drops a name two of them export, which would make that import undefined at run time.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
// @ts-expect-error -- a plain .mjs module without types
import { RUNTIME } from '../../scripts/runtime-modules.mjs';

describe('the runtime chunk', () => {
  it('no two of its modules export the same name', async () => {
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const m of RUNTIME as string[]) {
      const names = Object.keys(await import(/* @vite-ignore */ pathToFileURL(new URL(`../../src/${m}.ts`, import.meta.url).pathname).href));
      for (const n of names) {
        if (seen.has(n)) clashes.push(`${n}: ${seen.get(n)} and ${m}`);
        else seen.set(n, m);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('every module it names exists, and dynamic imports of it go through the chunk', () => {
    for (const m of RUNTIME as string[]) expect(() => readFileSync(new URL(`../../src/${m}.ts`, import.meta.url))).not.toThrow();
  });
});
