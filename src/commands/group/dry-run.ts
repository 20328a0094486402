/** Prints requests that --dry-run did not send. */
import type { Context } from '../../context.js';
import type { PreparedRequest } from '../../api/types.js';
import { printJson } from '../../io/output.js';
import { say } from '../shared.js';

/**
 * Prints one prepared request (JSON: `{dry_run, request}`) or several, in the
 * order they would be sent (JSON: `{dry_run, requests}`), and a note on stderr.
 */
export function printPrepared(ctx: Context, req: PreparedRequest | PreparedRequest[]): void {
  const reqs = Array.isArray(req) ? req : [req];
  if (ctx.globals.json) {
    printJson(ctx.io, Array.isArray(req) ? { dry_run: true, requests: reqs } : { dry_run: true, request: req });
  } else {
    const text = reqs.map((r) => {
      const lines = [`${r.method} ${r.url}`, ...Object.entries(r.headers).map(([k, v]) => `${k}: ${v}`)];
      if (r.body !== undefined) lines.push('', JSON.stringify(r.body, null, 2));
      return lines.join('\n');
    });
    ctx.io.out.write(text.join('\n\n') + '\n');
  }
  say(ctx, 'Dry run: nothing was sent.');
}
