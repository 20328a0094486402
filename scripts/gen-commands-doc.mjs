// Writes docs/commands.md from the commander definitions (`npm run docs`).
// `node scripts/gen-commands-doc.mjs --check` writes nothing and exits 1 when
// the file is out of date.
//
// The renderer (scripts/commands-doc.ts) is TypeScript that imports src/, so it
// is bundled with esbuild first, into node_modules/.cache, where the bundle's
// bare imports (commander, ...) still resolve from node_modules.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outfile = join(root, 'node_modules', '.cache', 'sdrs-docs', 'commands-doc.mjs');
const target = join(root, 'docs', 'commands.md');

mkdirSync(join(root, 'node_modules', '.cache', 'sdrs-docs'), { recursive: true });
await build({
  absWorkingDir: root,
  entryPoints: ['scripts/commands-doc.ts'],
  outfile,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
const { renderCommandsDoc, partialReader } = await import(`${pathToFileURL(outfile).href}?t=${Date.now()}`);
const text = await renderCommandsDoc(partialReader(root));

let current = '';
try {
  current = readFileSync(target, 'utf8');
} catch {
  // first run
}
if (process.argv.includes('--check')) {
  if (current !== text) {
    console.error('docs/commands.md is out of date: run `npm run docs` and commit the result.');
    process.exit(1);
  }
  console.log('docs/commands.md is up to date.');
} else if (current === text) {
  console.log('docs/commands.md is up to date.');
} else {
  writeFileSync(target, text);
  console.log('wrote docs/commands.md');
}
