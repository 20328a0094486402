/** Prints a request that --dry-run did not send. */
import type { Context } from '../../context.js';
import type { PreparedRequest } from '../../api/types.js';
import { printJson } from '../../io/output.js';
import { say } from '../shared.js';

/** Prints the prepared request on stdout (JSON with --json) and a note on stderr. */
export function printPrepared(ctx: Context, req: PreparedRequest): void {
  if (ctx.globals.json) {
    printJson(ctx.io, { dry_run: true, request: req });
  } else {
    const lines = [`${req.method} ${req.url}`, ...Object.entries(req.headers).map(([k, v]) => `${k}: ${v}`)];
    if (req.body !== undefined) lines.push('', JSON.stringify(req.body, null, 2));
    ctx.io.out.write(lines.join('\n') + '\n');
  }
  say(ctx, 'Dry run: nothing was sent.');
}
