// Preload (`node --import ./scripts/bench/trace-imports.mjs ...`) that records which
// modules a command loads: ES modules through a resolve hook, CommonJS files from
// require.cache at exit. Output: one URL or path per line in $SDRS_BENCH_TRACE.
import { register, createRequire } from 'node:module';
import { appendFileSync } from 'node:fs';

register(new URL('./trace-hooks.mjs', import.meta.url));
const cache = createRequire(import.meta.url).cache;
process.on('exit', () => {
  const files = Object.keys(cache);
  if (process.env.SDRS_BENCH_TRACE && files.length) appendFileSync(process.env.SDRS_BENCH_TRACE, files.map((f) => `cjs:${f}\n`).join(''));
});
