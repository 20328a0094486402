// Bundles src/ into dist/ with esbuild. Each command module is a dynamic
// import, so esbuild's code splitting keeps `sdrs --help` from loading got,
// ora, inquirer, cosmiconfig or the emulator's server framework.
//
// Start-up (docs/performance.md): commander and chalk are the dependencies every
// run needs (the tree, and colour for errors), so they are bundled into
// dist/cli.js instead of being loaded from node_modules (that saves resolving
// a package, the CJS loader and its export lexer). Its top-level `require('node:child_process')`, which only
// serves executable subcommands sdrs never uses, is made lazy (~3.5 ms).
// Every other package stays external and is loaded by the chunk that needs it.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RUNTIME } from './runtime-modules.mjs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/** Packages bundled into dist/ rather than loaded from node_modules. */
const BUNDLED = new Set(['commander', 'chalk']);

/** Marks every bare import external except BUNDLED (what `packages: 'external'` does, minus the exceptions). */
const externals = {
  name: 'sdrs-externals',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      // A bundled package's private imports (chalk's `#ansi-styles`) are resolved by esbuild.
      if (args.path.startsWith('#')) return undefined;
      if (args.path.startsWith('node:')) {
        if (args.path === 'node:child_process' && /[/\\]node_modules[/\\]commander[/\\]/.test(args.importer)) {
          return { path: args.path, namespace: 'sdrs-lazy' };
        }
        return { path: args.path, external: true };
      }
      const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
      return BUNDLED.has(name) ? undefined : { path: args.path, external: true };
    });
    // Commander only spawns for executable subcommands: load child_process on first use.
    b.onLoad({ filter: /.*/, namespace: 'sdrs-lazy' }, () => ({
      contents: "module.exports = { spawn: (...a) => require('node:child_process').spawn(...a) };",
      loader: 'js',
    }));
  },
};

/**
 * The modules a command loads only when it runs (the API client, configuration
 * loading, the watcher) are imported lazily from many places; left to esbuild,
 * every combination of importers becomes a chunk file of its own, and start-up
 * pays for each file. They are loaded together as one chunk instead.
 */
const srcDir = fileURLToPath(new URL('../src/', import.meta.url));
const runtimeOf = (abs) => RUNTIME.find((m) => abs === path.join(srcDir, m + '.ts'));
const runtimeChunk = {
  name: 'sdrs-runtime',
  setup(b) {
    b.onResolve({ filter: /^\./ }, (args) => {
      if (args.kind !== 'dynamic-import') return undefined;
      const abs = path.resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts'));
      return runtimeOf(abs) ? { path: 'runtime', namespace: 'sdrs-runtime' } : undefined;
    });
    b.onLoad({ filter: /.*/, namespace: 'sdrs-runtime' }, () => ({
      contents: RUNTIME.map((m) => `export * from ${JSON.stringify(path.join(srcDir, m + '.ts'))};`).join('\n'),
      loader: 'ts',
      resolveDir: srcDir,
    }));
  },
};

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { cli: 'src/cli.ts', emulator: 'src/emulator/index.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Readable stack traces: `node --enable-source-maps bin/sdrs.js ...`.
  sourcemap: true,
  // Whitespace and syntax only: less to read and scan on every start, while
  // identifiers (class and function names in stack traces) stay as written.
  minifyWhitespace: true,
  minifySyntax: true,
  plugins: [runtimeChunk, externals],
  // Bundled CommonJS (commander) calls require() for node: built-ins; an ES module has none.
  banner: { js: "import{createRequire as __sdrsCreateRequire}from'node:module';const require=__sdrsCreateRequire(import.meta.url);" },
  chunkNames: 'chunks/[name]-[hash]',
  define: { __SDRS_VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning',
});

// Every command's `--help`, pre-rendered from the tree just built, for bin/sdrs.js to print
// without loading the CLI (scripts/gen-help.mjs). Run apart, with a scrubbed environment, so
// nothing of this machine's environment can end up in the texts.
{
  const { spawnSync } = await import('node:child_process');
  const gen = spawnSync(process.execPath, [fileURLToPath(new URL('./gen-help.mjs', import.meta.url))], {
    stdio: 'inherit',
    env: { PATH: process.env.PATH ?? '', LANG: 'C' },
  });
  if (gen.status !== 0) {
    console.error('build: pre-rendering the help texts failed');
    process.exit(gen.status ?? 1);
  }
}
