/** `sdrs quota`: the project's quotas (protection groups, replication pairs): used, quota, room left. */
import type { Command } from 'commander';
import type { Context } from '../context.js';
import type { QuotaResource } from '../api/types.js';
import { bind, examples, type RunF, type Runner } from './shared/command.js';
import { result, table, type Result } from './shared/output.js';
import { headroom } from './shared/quota.js';
import { t } from '../i18n/index.js';
import { readiness as R, rpo as M } from '../i18n/catalog/readiness.js';

/** The options of one run (none). */
export type QuotaOptions = Record<string, never>;

/** `quota`'s help and wiring. */
export function registerQuota(cmd: Command, run: Runner, runF: RunF<QuotaOptions> = runQuota): void {
  examples(cmd, ['$ sdrs quota', `$ sdrs quota --json | jq -r '.[] | select(.type == "replications") | .quota - .used'`]);
  bind(cmd, run, (): QuotaOptions => ({}), runF);
}

/** The quotas as the API returns them (`quotas.resources`) with --json; a table otherwise. */
export async function runQuota(ctx: Context, _o: QuotaOptions): Promise<Result<QuotaResource[]>> {
  const api = await ctx.api();
  const quotas = await api.showQuota();
  const limit = (n: number) => (n === -1 ? t(M.unlimited) : n);
  const what = (type: string) => (type === 'server_groups' ? t(R.quotaGroups) : type === 'replications' ? t(R.quotaPairs) : '-');
  return result(quotas, table(
    [t(M.colType), t(M.colWhat), t(M.colUsed), t(M.colQuota), t(M.colLeft)],
    quotas.map((q) => [q.type, what(q.type), q.used, limit(q.quota), headroom(q) === Infinity ? t(M.unlimited) : headroom(q)]),
  ));
}
