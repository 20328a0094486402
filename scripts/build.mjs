// Bundles src/ into dist/ with esbuild. Each command module is a dynamic
// import, so esbuild's code splitting keeps `sdrs --help` from loading got,
// ora, inquirer, cosmiconfig or the emulator's server framework.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { cli: 'src/cli.ts', emulator: 'src/emulator/index.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  // Dependencies stay in node_modules: they are loaded lazily by the chunks
  // that need them, and npm installs them for a packed tarball too.
  packages: 'external',
  chunkNames: 'chunks/[name]-[hash]',
  define: { __SDRS_VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning',
});
