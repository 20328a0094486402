/**
 * The message catalogue (src/i18n/catalog/*.ts): every entry has both languages
 * (the type already demands the keys; this checks what a type cannot), and the two
 * renderings take the same parameters, so neither language loses a value.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/i18n/index.js';

const dir = new URL('../../src/i18n/catalog/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.ts')).sort();

/** The `{name}` placeholders of a template, sorted and unique. */
const placeholders = (s: string) => [...new Set([...s.matchAll(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((m) => m[1]))].sort();

describe('message catalogue', async () => {
  const areas: [string, string, Catalog][] = [];
  for (const f of files) {
    const mod = (await import(new URL(f, dir).href)) as Record<string, Catalog>;
    for (const [name, cat] of Object.entries(mod)) areas.push([f, name, cat]);
  }

  it('has areas', () => {
    expect(areas.length).toBeGreaterThan(0);
  });

  it.each(areas)('%s (%s): every entry has English and Chinese with the same placeholders', (_f, _name, cat) => {
    const problems: string[] = [];
    for (const [key, entry] of Object.entries(cat)) {
      if (typeof entry?.en !== 'string' || entry.en.trim() === '') problems.push(`${key}: English missing`);
      if (typeof entry?.zh !== 'string' || entry.zh.trim() === '') problems.push(`${key}: Chinese missing`);
      if (typeof entry?.en !== 'string' || typeof entry?.zh !== 'string') continue;
      const [a, b] = [placeholders(entry.en), placeholders(entry.zh)];
      if (a.join() !== b.join()) problems.push(`${key}: placeholders differ (en: ${a.join(',')}; zh: ${b.join(',')})`);
      // A Chinese text without a single Chinese character is an English copy (unless it holds no words at all).
      if (/[A-Za-z]{3}/.test(entry.en.replace(/\{[^}]*\}/g, '')) && !/[\u3400-\u9fff]/.test(entry.zh)) problems.push(`${key}: Chinese text is not Chinese`);
    }
    expect(problems).toEqual([]);
  });
});
