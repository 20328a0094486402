/**
 * The entry point of the single-file executable (`npm run package`, scripts/package.mjs):
 * what bin/sdrs.js does, as a CommonJS script with no top-level await, since Node's single
 * executable applications run one CommonJS main script and cannot import files from disk.
 * No pre-rendered help and no package.json here: commander renders help, and the version is
 * compiled in.
 */
import { main } from './cli.js';

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

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // main() turns every error into an exit code; this is a bug in it.
    process.stderr.write(`sdrs: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
