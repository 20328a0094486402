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
 * A pure help request (`sdrs [<noun> [<verb> [<sub-verb>]]] --help` or `-h`, `sdrs help [<noun> ...]`;
 * `job failures clear` is three words deep)
 * answered from the text pre-rendered at build time (scripts/gen-help.mjs): exactly what
 * commander prints, for the width commander would use. Anything else (another flag, an
 * unknown word, a terminal width that was not rendered, a missing file) is undefined, and
 * the CLI answers as usual.
 */
async function prerenderedHelp(argv) {
  let words;
  if (argv[0] === 'help') words = argv.slice(1);
  else if (argv.length >= 1 && argv.length <= 4 && (argv[argv.length - 1] === '--help' || argv[argv.length - 1] === '-h')) words = argv.slice(0, -1);
  else return undefined;
  if (words.length > 3 || !words.every((w) => /^[a-z][a-z0-9-]*$/.test(w))) return undefined;
  // commander wraps help to the terminal's columns, and to 80 off a terminal.
  const width = process.stdout.isTTY ? process.stdout.columns : 80;
  if (!Number.isInteger(width) || width <= 0) return undefined;
  try {
    const { readFileSync } = await import('node:fs');
    const texts = JSON.parse(readFileSync(new URL(`../dist/help/${['sdrs', ...words].join('.')}.json`, import.meta.url), 'utf8'));
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
