/** `sdrs domain list`. */
import type { Context } from '../../context.js';
import { printJson, printTable } from '../../io/output.js';

/** commander handler. */
export async function domainListCommand(ctx: Context): Promise<void> {
  const api = await ctx.api();
  const domains = await api.listDomains();
  if (ctx.globals.json) return printJson(ctx.io, domains);
  if (domains.length === 0) {
    ctx.io.err.write('No active-active domains found.\n');
    return;
  }
  printTable(
    ctx.io,
    ['ID', 'NAME', 'LOCAL AZ', 'REMOTE AZ', 'SOLD OUT'],
    domains.map((d) => [d.id, d.name, d.local_replication_cluster.availability_zone, d.remote_replication_cluster.availability_zone, d.sold_out ? 'yes' : 'no']),
  );
}
