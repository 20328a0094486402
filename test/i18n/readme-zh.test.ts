/**
 * README.zh-CN.md: the same two commands as README.md, word for word; every command of its
 * everyday block names a real command of the tree; its links lead to files that exist.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { buildProgram } from '../../src/cli.js';
import { readmeCommands } from '../helpers/readme.js';
import { ROOT } from '../helpers/run.js';

const zh = readFileSync(join(ROOT, 'README.zh-CN.md'), 'utf8');
const stripComment = (l: string) => l.replace(/\s+#.*$/, '').trim();

describe('README.zh-CN.md', () => {
  it('gives the two commands of README.md, exactly', () => {
    const block = /## 上手：在一台新机器上运行两条命令[\s\S]*?```bash\n([\s\S]*?)```/.exec(zh)?.[1];
    expect(block).toBeDefined();
    expect(block!.trim().split('\n').map(stripComment)).toEqual(readmeCommands().lines.map(stripComment));
  });

  it('names only real commands, and README.md links to it', async () => {
    const program = await buildProgram(async () => undefined, undefined, { full: true });
    const find = (words: string[]) => {
      let cmd: Command | undefined = program;
      for (const w of words) {
        const next: Command | undefined = cmd.commands.find((c) => c.name() === w);
        if (!next) break;
        cmd = next;
      }
      return cmd;
    };
    const lines = [...zh.matchAll(/```bash\n([\s\S]*?)```/g)].flatMap((m) => m[1].split('\n')).map(stripComment);
    const commands = lines.flatMap((l) => l.split(/;\s*/)).filter((l) => l.startsWith('sdrs '));
    expect(commands.length).toBeGreaterThan(10);
    for (const c of commands) {
      const words = c.split(/\s+/).slice(1).filter((w) => !w.startsWith('-') && /^[a-z][a-z-]*$/.test(w));
      expect(find(words.slice(0, 2)), c).not.toBe(program);
    }
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain('(README.zh-CN.md)');
    for (const [, target] of zh.matchAll(/\]\(([^)#]+)(?:#[^)]*)?\)/g)) expect(existsSync(join(ROOT, target)), target).toBe(true);
  });
});
