/** Temp home/cwd trees for config tests; never touches the real home or env. */
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/load.js';
import type { GlobalOptions } from '../../src/config/types.js';

export function tempTree() {
  const root = mkdtempSync(path.join(os.tmpdir(), 'sdrs-config-'));
  const home = path.join(root, 'home');
  const cwd = path.join(home, 'projects', 'app');
  mkdirSync(cwd, { recursive: true });
  return {
    root, home, cwd,
    write(dir: string, name: string, text: string, mode = 0o600) {
      const p = path.join(dir, name);
      writeFileSync(p, text);
      chmodSync(p, mode);
      return p;
    },
  };
}

export const globals = (over: Partial<GlobalOptions> = {}): GlobalOptions => ({
  json: false, input: false, color: false, debug: false, ...over,
});

export async function load(t: ReturnType<typeof tempTree>, env: NodeJS.ProcessEnv = {}, flags: Partial<GlobalOptions> = {}) {
  const warnings: string[] = [];
  const config = await loadConfig({ globals: globals(flags), env, cwd: t.cwd, homeDir: t.home, warn: (l) => warnings.push(l), platform: 'linux' });
  return { config, warnings };
}
