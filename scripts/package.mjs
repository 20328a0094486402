// `npm run package`: sdrs as one file for linux-x64 hosts without Node (bastion hosts): a
// Node single executable application (SEA, https://nodejs.org/api/single-executable-applications.html).
//
//   1. esbuild bundles src/sea-main.ts and every dependency (commander, chalk, got, ora,
//      inquirer, fastify for `sdrs emulator` and `sdrs demo`, ajv, yaml, hpagent...) into ONE
//      CommonJS file, dist-sea/sdrs.cjs: a SEA runs one CommonJS main script, whose require()
//      reaches only Node's built-in modules, and (Node 20) it cannot import() files from disk.
//   2. `node --experimental-sea-config` turns it into a preparation blob (Node 20 and 22;
//      Node >= 25.5 also has `node --build-sea`, which does steps 2 to 4 in one).
//   3. A copy of this node binary (process.execPath) becomes dist-sea/sdrs.
//   4. postject injects the blob into the copy, and flips the SEA fuse.
// No signing step: that is for macOS and Windows only. postject prints "warning: Can't find
// string offset for section name '.note.100'" a few times on Linux: harmless (the ELF notes it
// does not touch).
//
// What Node 20's SEA cannot do, and what this build does instead:
//   - no import() in the main script, not even of built-in modules (it throws "A dynamic
//     import callback was not specified"): esbuild rewrites every import() as require();
//   - require() reaches built-in modules only: every package is bundled, and the build fails
//     if the bundle still imports anything else;
//   - no ES module main, no top-level await: src/sea-main.ts is a CommonJS entry of its own;
//   - no files beside the script: no dist/help (commander renders help), the version is
//     compiled in, and import.meta (finding files relative to a module) fails the build;
//   - process.execPath is sdrs itself and no `node` is installed: nothing in src/ spawns
//     process.execPath, and the demo's drill check is sh (src/commands/demo.ts, DEMO_VERIFY).
//
// The executable is built for the platform and the Node version that run this script; it
// prints both, with its size and SHA-256. scripts/build.mjs (dist/, the npm package) is not
// touched.
import { build } from 'esbuild';
import { copyFileSync, chmodSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { isBuiltin } from 'node:module';
import path from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = path.join(root, 'dist-sea');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

if (process.platform !== 'linux' || process.arch !== 'x64') {
  // Nothing stops other platforms but they are not tested (macOS and Windows also need the binary re-signed).
  console.error(`package: building for ${process.platform}-${process.arch}; only linux-x64 is tested`);
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

/**
 * Packages a dependency can load but sdrs never makes it load, left out of the bundle:
 * cosmiconfig requires TypeScript (9 MB) only to run a `.ts` config file, which sdrs refuses
 * (src/config/file.ts).
 */
const ABSENT = ['typescript'];
const absent = {
  name: 'sdrs-absent',
  setup(b) {
    b.onResolve({ filter: new RegExp(`^(${ABSENT.join('|')})$`) }, (args) => ({ path: args.path, namespace: 'sdrs-absent' }));
    b.onLoad({ filter: /.*/, namespace: 'sdrs-absent' }, (args) => ({
      contents: `throw new Error(${JSON.stringify(`${args.path} is not part of the sdrs single executable`)});`,
      loader: 'js',
    }));
  },
};

// 1. One CommonJS file with everything in it.
const main = path.join(out, 'sdrs.cjs');
const bundled = await build({
  entryPoints: [path.join(root, 'src/sea-main.ts')],
  outfile: main,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minifyWhitespace: true,
  minifySyntax: true,
  define: { __SDRS_VERSION__: JSON.stringify(pkg.version), __SDRS_SEA__: 'true' },
  // import.meta (a module finding files beside it, `new URL('x.json', import.meta.url)`) means
  // nothing in one CommonJS file inside an executable, where there are no files beside it:
  // the build fails rather than write an executable that breaks when that code runs. Inline
  // the data instead (a JSON import, as src/plan/load.ts does for its schema).
  logOverride: { 'empty-import-meta': 'error' },
  legalComments: 'none',
  // A SEA's main script on Node 20 has no import() at all, not even for built-in modules
  // ("A dynamic import callback was not specified"): esbuild writes every import() that
  // is left (`await import('node:child_process')`) as a require().
  supported: { 'dynamic-import': false },
  plugins: [absent],
  metafile: true,
  logLevel: 'warning',
});
const inputs = Object.keys(bundled.metafile.inputs);
const external = Object.values(bundled.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external && !isBuiltin(i.path)).map((i) => i.path));
if (external.length) {
  console.error(`package: the bundle still imports ${[...new Set(external)].join(', ')} from disk`);
  process.exit(1);
}

// 2. The preparation blob.
const blob = path.join(out, 'sdrs.blob');
const config = path.join(out, 'sea-config.json');
writeFileSync(config, JSON.stringify({
  main,
  output: blob,
  // The experimental-feature warning would be printed on every run, to stderr.
  disableExperimentalSEAWarning: true,
  // V8's compiled code for the main script goes into the blob: a faster start.
  useCodeCache: true,
}, null, 2) + '\n');
const prep = spawnSync(process.execPath, ['--experimental-sea-config', config], { stdio: 'inherit', cwd: root });
if (prep.status !== 0) {
  console.error('package: node --experimental-sea-config failed');
  process.exit(prep.status ?? 1);
}

// 3. and 4. A copy of node with the blob injected.
const exe = path.join(out, 'sdrs');
copyFileSync(process.execPath, exe);
chmodSync(exe, 0o755);
const { inject } = await import('postject');
await inject(exe, 'NODE_SEA_BLOB', readFileSync(blob), { sentinelFuse: FUSE, overwrite: true });

const bytes = readFileSync(exe);
const sha256 = createHash('sha256').update(bytes).digest('hex');
writeFileSync(path.join(out, 'sdrs.sha256'), `${sha256}  sdrs\n`);
const mb = (statSync(exe).size / 1024 / 1024).toFixed(1);
console.log(`package: dist-sea/sdrs (${process.platform}-${process.arch}, Node ${process.version}, ${mb} MiB, ${inputs.length} modules bundled)`);
console.log(`package: sha256 ${sha256}`);
