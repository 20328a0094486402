#!/usr/bin/env node
// Tiny shim. `--version` is answered without loading the CLI so it starts as
// fast as bare node; everything else goes through dist/cli.js.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const { readFileSync } = await import('node:fs');
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(pkg.version + '\n');
} else {
  const { main } = await import('../dist/cli.js');
  process.exitCode = await main(args);
}
