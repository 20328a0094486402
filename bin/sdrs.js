#!/usr/bin/env node
// Tiny shim. `--version` and pure help requests are answered without loading the CLI, so
// they start nearly as fast as bare node; everything else goes through dist/cli.js.
// A reader that goes away (`sdrs group list | head -1`) is not an error: the run ends quietly.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});
// A stderr reader that goes away (`sdrs demo 2>&1 | head -2`): progress and messages have
// nowhere to go, but the run goes on to its real end and exit code (a job already sent is
// still watched to its end), instead of dying with exit 1 on the first progress line.
process.stderr.on('error', (err) => {
  if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') return;
  throw err;
});
const args = process.argv.slice(2);

/**
 * The language of a pure help request, chosen as main() does (src/cli.ts chooseLanguage,
 * src/i18n/index.ts parseLang and localeLang; test/scripts/help-prerender.test.ts compares):
 * --lang, then SDRS_LANG, then the profile's `lang`, then LC_ALL, LC_MESSAGES, LANG. Undefined (the CLI
 * answers) for a --lang or SDRS_LANG sdrs does not know, and whenever a config file in the search
 * path mentions `lang`: only the CLI reads profiles.
 */
async function helpLanguage(env, flag) {
  const parse = (value) => {
    const v = value.trim().toLowerCase().replace(/_/g, '-').split('.')[0].split('@')[0];
    if (v === 'zh' || v === 'cn' || v === 'zh-cn' || v === 'zh-hans' || v.startsWith('zh-hans-') || v === 'zh-sg') return 'zh-CN';
    if (v === 'en' || v.startsWith('en-') || v === 'c' || v === 'posix') return 'en';
    return undefined;
  };
  if (flag !== undefined) return parse(flag);
  if (env.SDRS_LANG !== undefined && env.SDRS_LANG.trim() !== '') return parse(env.SDRS_LANG);
  const fs = await import('node:fs');
  const path = await import('node:path');
  const home = path.resolve(env.HOME || (await import('node:os')).homedir());
  const dirs = [];
  for (let dir = path.resolve(process.cwd()); ; ) {
    dirs.push(dir);
    if (dir === home) break;
    const parent = path.dirname(dir);
    if (parent === dir) {
      dirs.push(home);
      break;
    }
    dir = parent;
  }
  for (const dir of dirs) {
    for (const place of ['package.json', '.sdrsrc', '.sdrsrc.json', '.sdrsrc.yaml', '.sdrsrc.yml']) {
      const file = path.join(dir, place);
      const st = fs.statSync(file, { throwIfNoEntry: false });
      if (!st || !st.isFile() || st.size > 1024 * 1024) continue;
      try {
        const text = fs.readFileSync(file, 'utf8');
        // A `lang` key (YAML or JSON); in a package.json only beside an "sdrs" key.
        if (/(?:^|[{,\s])["']?lang["']?\s*:/m.test(text) && (place !== 'package.json' || /"sdrs"\s*:/.test(text))) return undefined;
      } catch {
        return undefined;
      }
    }
  }
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    if (env[name]) return parse(env[name]) === 'zh-CN' ? 'zh-CN' : 'en';
  }
  return 'en';
}

/**
 * A pure help request (`sdrs [<noun> [<verb> [<sub-verb>]]] --help` or `-h`, `sdrs help [<noun> ...]`,
 * with or without `--lang <lang>`;
 * `job failures clear` is three words deep)
 * answered from the text pre-rendered at build time (scripts/gen-help.mjs): exactly what
 * commander prints, for the width commander would use, in the run's language (Chinese texts
 * under dist/help/zh-CN/). Anything else (another flag, an unknown word, a terminal width
 * that was not rendered, a language the shim cannot choose alone, a missing file) is
 * undefined, and the CLI answers as usual.
 */
async function prerenderedHelp(argv) {
  // `--lang <lang>` / `--lang=<lang>` (once, a non-empty value) chooses the language and is not a word.
  let flag;
  const at = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  if (at >= 0) {
    flag = argv[at] === '--lang' ? argv[at + 1] : argv[at].slice('--lang='.length);
    argv = argv.filter((_, i) => i !== at && !(argv[at] === '--lang' && i === at + 1));
    if (!flag || flag.trim() === '' || argv.some((a) => a === '--lang' || a.startsWith('--lang='))) return undefined;
  }
  let words;
  if (argv[0] === 'help') words = argv.slice(1);
  else if (argv.length >= 1 && argv.length <= 4 && (argv[argv.length - 1] === '--help' || argv[argv.length - 1] === '-h')) words = argv.slice(0, -1);
  else return undefined;
  if (words.length > 3 || !words.every((w) => /^[a-z][a-z0-9-]*$/.test(w))) return undefined;
  // commander wraps help to the terminal's columns, and to 80 off a terminal.
  const width = process.stdout.isTTY ? process.stdout.columns : 80;
  if (!Number.isInteger(width) || width <= 0) return undefined;
  try {
    const lang = await helpLanguage(process.env, flag);
    if (lang === undefined) return undefined;
    const { readFileSync } = await import('node:fs');
    const dir = lang === 'zh-CN' ? '../dist/help/zh-CN/' : '../dist/help/';
    const texts = JSON.parse(readFileSync(new URL(`${dir}${['sdrs', ...words].join('.')}.json`, import.meta.url), 'utf8'));
    const text = Object.hasOwn(texts, width) ? texts[width] : undefined;
    return typeof text === 'string' && text ? text : undefined;
  } catch {
    return undefined;
  }
}

if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const { readFileSync } = await import('node:fs');
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(pkg.version + '\n');
} else {
  const help = await prerenderedHelp(args);
  if (help !== undefined) {
    process.stdout.write(help);
  } else {
    const { main } = await import('../dist/cli.js');
    process.exitCode = await main(args);
  }
}
