#!/usr/bin/env node
// Tiny shim. `--version` is answered without loading the CLI so it starts as
// fast as bare node; everything else goes through dist/cli.js.
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
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const { readFileSync } = await import('node:fs');
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(pkg.version + '\n');
} else {
  const { main } = await import('../dist/cli.js');
  process.exitCode = await main(args);
}
