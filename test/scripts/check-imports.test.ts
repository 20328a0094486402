/** scripts/check-imports.mjs (`npm run check:imports`) on small trees: what it reports and its exit code. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/run.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function check(files: Record<string, string>) {
  const root = mkdtempSync(join(tmpdir(), 'sdrs-imports-'));
  dirs.push(root);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'check-imports.mjs'), '--root', root], { encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
}

describe('check-imports', () => {
  it('passes a layered tree without circles', () => {
    const r = check({
      'errors.ts': 'export class E extends Error {}\n',
      'api/client.ts': "import { E } from '../errors.js';\nimport type { Endpoints } from '../config/types.js';\nexport const f = (e: Endpoints) => new E(String(e));\n",
      'config/types.ts': '// import { nothing } from "../api/client.js" in a comment is not an import\nexport type Endpoints = string;\n',
      'emulator/views.ts': "import type { f } from '../api/client.js';\nimport { type E } from '../errors.js';\nexport type V = [typeof f, E];\n",
    });
    expect(r.out).toContain('0 import circles, 0 back-edges (4 files');
    expect(r.status).toBe(0);
  });

  it('reports every circle (static, lazy and type-only) and every back-edge, and exits 1', () => {
    const r = check({
      'api/client.ts': "import { b } from '../config/load.js';\nexport const a = b;\n",
      'config/load.ts': "import type { a } from '../api/client.js';\nexport const b = 1 as unknown as typeof a;\n",
      'util/x.ts': "export const lazy = () => import('./y.js');\n",
      'util/y.ts': "import { lazy } from './x.js';\nexport const y = lazy;\n",
      'emulator/server.ts': "import { a } from '../api/client.js';\nexport const s = a;\n",
      'stray.ts': "export {};\n",
    });
    expect(r.status).toBe(1);
    expect(r.out).toContain('2 import circles:');
    expect(r.out).toContain('api/client.ts:1 -> config/load.ts:1 -type-> api/client.ts  (through a type-only import)');
    expect(r.out).toContain('util/x.ts:1 -lazy-> util/y.ts:1 -> util/x.ts');
    expect(r.out).toContain('"stray" is not in the LAYERS table');
    expect(r.out).toContain('2 imports against the folder layering:');
    expect(r.out).toContain('config/load.ts:1 -type-> api/client.ts   (config may import:');
    expect(r.out).toContain('emulator/server.ts:1 -> api/client.ts   (emulator may import:');
  });

  it('reports a relative import it cannot resolve', () => {
    const r = check({ 'util/a.ts': "export * from './gone.js';\n" });
    expect(r.status).toBe(1);
    expect(r.out).toContain("unresolved import './gone.js' in util/a.ts:1");
  });
});
