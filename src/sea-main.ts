/**
 * The entry point of the single-file executable (`npm run package`, scripts/package.mjs):
 * what bin/sdrs.js does, as a CommonJS script with no top-level await, since Node's single
 * executable applications run one CommonJS main script and cannot import files from disk.
 * No pre-rendered help and no package.json here: commander renders help, and the version is
 * compiled in.
 */
import { VERSION } from './version.js';

// A reader that goes away (`sdrs group list | head -1`) is not an error: the run ends quietly.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});
// A stderr reader that goes away: the run goes on to its real end and exit code (bin/sdrs.js).
process.stderr.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') return;
  throw err;
});

const args = process.argv.slice(2);
// As bin/sdrs.js: `--version` without loading the CLI (in the bundle, cli.js and what it imports
// are initialised on first import, so this skips commander, chalk and the command table).
const run: Promise<number> =
  args.length === 1 && (args[0] === '--version' || args[0] === '-V')
    ? Promise.resolve(process.stdout.write(VERSION + '\n')).then(() => 0)
    : import('./cli.js').then((m) => m.main(args));
run.then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // main() turns every error into an exit code; this is a bug in it.
    process.stderr.write(`sdrs: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
