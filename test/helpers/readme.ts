/** The README's "two commands on a fresh machine", as written there (comments stripped). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './run.js';

export function readmeCommands(): { lines: string[]; installAndDrill: string; testCommand: string } {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = /## Try it: two commands on a fresh machine[\s\S]*?```bash\n([\s\S]*?)```/.exec(readme)![1];
  const lines = block.trim().split('\n');
  const [installAndDrill, testCommand] = lines.map((l) => l.replace(/\s+#.*$/, '').trim());
  return { lines, installAndDrill, testCommand };
}
