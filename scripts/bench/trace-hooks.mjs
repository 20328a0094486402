// Module resolve hook (runs on the loader thread): appends every resolved URL to
// the file named by SDRS_BENCH_TRACE. Registered by trace-imports.mjs.
import { appendFileSync } from 'node:fs';

export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  if (process.env.SDRS_BENCH_TRACE) appendFileSync(process.env.SDRS_BENCH_TRACE, `${r.url}\n`);
  return r;
}
