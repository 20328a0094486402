// Pre-renders every command's `--help` at build time (run by scripts/build.mjs after the
// bundle is written), so that bin/sdrs.js can print a pure help request without loading
// the CLI: `sdrs --help`, `sdrs <noun> --help`, `sdrs <noun> <verb> --help`, `-h`, and
// `sdrs help [<noun> [<verb>]]` (docs/performance.md, issue 21).
//
// The commands come from the command tree itself (buildProgram with the full tree), so a
// new noun or verb is picked up by the next build with no list to update. Each text is
// what sdrs's own main() prints for that request, captured for each width in WIDTHS as
// commander would see it (stdout a terminal of that many columns; 80 also stands for
// "not a terminal"). test/scripts/help-prerender.test.ts compares every file with the
// live output. A help that could depend on where the build ran (it names the build's
// home or working directory) is not written: bin/sdrs.js then falls back to commander.
//
// Output: dist/help/<sdrs.noun.verb>.json = { "<width>": "<text>", ... }, the same in
// Simplified Chinese under dist/help/zh-CN/ (rendered with SDRS_LANG=zh-CN), and
// dist/help/index.json listing the command paths.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, homedir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';

/** The languages pre-rendered: the sub-directory of dist/help (English at its top) and the environment that chooses it. */
// SDRS_LANG rather than the locale: it also beats any profile's `lang` in a config file above
// the scratch directory (/tmp/.sdrsrc), so nothing of the build machine chooses the language.
export const LANGS = [
  { lang: 'en', dir: '', env: { SDRS_LANG: 'en' } },
  { lang: 'zh-CN', dir: 'zh-CN', env: { SDRS_LANG: 'zh-CN' } },
];

/** Terminal widths pre-rendered; any other width falls back to commander. 80 is also the width off a terminal. */
export const WIDTHS = [80, 100, 120, 132, 160, 200];
/** A command word bin/sdrs.js will look up (anything else falls back). */
export const WORD = /^[a-z][a-z0-9-]*$/;

const root = fileURLToPath(new URL('..', import.meta.url));

/** Every command path of the tree (names and aliases), the top level as []. */
export function commandPaths(program) {
  const out = [[]];
  const walk = (cmd, prefix) => {
    for (const sub of cmd.commands) {
      for (const name of [sub.name(), ...sub.aliases()]) {
        const path = [...prefix, name];
        if (!path.every((w) => WORD.test(w))) continue;
        out.push(path);
        walk(sub, path);
      }
    }
  };
  walk(program, []);
  return out;
}

/** The file a command path's texts are in. */
export const helpFileName = (path) => ['sdrs', ...path].join('.') + '.json';

/** What main() writes on stdout for `sdrs <path> --help` with stdout a terminal of `width` columns (undefined: not a terminal). */
export async function liveHelp(main, path, width, where, env = {}) {
  const desc = (v) => ({ value: v, configurable: true, writable: true });
  const saved = { isTTY: Object.getOwnPropertyDescriptor(process.stdout, 'isTTY'), columns: Object.getOwnPropertyDescriptor(process.stdout, 'columns') };
  Object.defineProperty(process.stdout, 'isTTY', desc(width !== undefined));
  Object.defineProperty(process.stdout, 'columns', desc(width));
  let out = '';
  let err = '';
  const sink = (f) => new Writable({ write: (c, _e, cb) => (f(String(c)), cb()) });
  try {
    const code = await main([...path, '--help'], {
      stdout: sink((s) => (out += s)), stderr: sink((s) => (err += s)),
      env, homeDir: where.home, cwd: where.cwd, handleSignals: false,
    });
    return { code, out, err };
  } finally {
    for (const [k, d] of Object.entries(saved)) {
      if (d) Object.defineProperty(process.stdout, k, d);
      else delete process.stdout[k];
    }
  }
}

export async function generate(distDir = join(root, 'dist')) {
  const { main, buildProgram } = await import(pathToFileURL(join(distDir, 'cli.js')).href);
  const program = await buildProgram(async () => undefined, undefined, { full: true });
  const scratch = mkdtempSync(join(tmpdir(), 'sdrs-help-'));
  const where = { home: join(scratch, 'home-sentinel'), cwd: join(scratch, 'cwd-sentinel') };
  // Text that would make a pre-rendered help wrong elsewhere.
  const local = [where.home, where.cwd, homedir(), process.cwd(), root].filter((s) => s && s.length > 1);
  const dir = join(distDir, 'help');
  rmSync(dir, { recursive: true, force: true });
  for (const l of LANGS) mkdirSync(join(dir, l.dir), { recursive: true });
  const written = [];
  const skipped = [];
  try {
    for (const path of commandPaths(program)) {
      // A command is listed as written only when every language was.
      let all = true;
      for (const l of LANGS) {
        const texts = {};
        let ok = true;
        const off = await liveHelp(main, path, undefined, where, l.env);
        for (const w of WIDTHS) {
          const r = await liveHelp(main, path, w, where, l.env);
          if (r.code !== 0 || r.err !== '' || !r.out || local.some((s) => r.out.includes(s))) ok = false;
          texts[w] = r.out;
        }
        // Off a terminal commander uses 80 columns: the 80 text serves both, so they must agree.
        if (off.code !== 0 || off.out !== texts[80]) ok = false;
        if (ok) writeFileSync(join(dir, l.dir, helpFileName(path)), JSON.stringify(texts));
        else all = false;
      }
      if (all) written.push(path);
      else skipped.push(path.join(' '));
    }
    writeFileSync(join(dir, 'index.json'), JSON.stringify({ widths: WIDTHS, langs: LANGS.map((l) => l.lang), commands: written.map((p) => p.join(' ')), skipped }, null, 1) + '\n');
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return { written, skipped };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { written, skipped } = await generate(process.argv[2]);
  if (skipped.length) console.warn(`gen-help: not pre-rendered (falls back to commander): ${skipped.join(', ')}`);
  if (written.length < 2) throw new Error(`gen-help: only ${written.length} help texts written`);
}
