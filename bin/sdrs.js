#!/usr/bin/env node
// Tiny shim. `--version` is answered without loading the CLI so it starts as
// fast as bare node; everything else goes through dist/cli.js.
// A reader that goes away (`sdrs group list | head -1`) is not an error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
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
