/**
 * Quota pre-checks: a create that the project's quota would refuse (SDRS.0305 for
 * groups, SDRS.0306 for pairs) is refused before it is sent, with the numbers
 * (exit 3). A service without the quota API (a 4xx answer) is not a reason to refuse.
 */
import type { SdrsApi } from '../../api/client.js';
import type { QuotaResource } from '../../api/types.js';
import { PreconditionError } from '../../errors.js';
import { unknownOn4xx } from './readiness.js';
import { text } from '../../i18n/index.js';
import { readiness as R, rpo as M } from '../../i18n/catalog/readiness.js';

/** The quota types sdrs creates against, with their wording and the service's refusal code. */
export const QUOTA_TYPES = {
  server_groups: { what: 'protection groups', code: 'SDRS.0305' },
  replications: { what: 'replication pairs', code: 'SDRS.0306' },
} as const;

export type QuotaType = keyof typeof QUOTA_TYPES;

/** Room left under a quota; Infinity when unlimited (-1). */
export function headroom(q: Pick<QuotaResource, 'used' | 'quota'>): number {
  return q.quota === -1 ? Infinity : Math.max(0, q.quota - q.used);
}

/** Throws QUOTA_EXCEEDED (exit 3, nothing sent) when `adding` more of `type` would go past the quota. */
export async function requireQuota(api: Pick<SdrsApi, 'showQuota'>, type: QuotaType, adding = 1): Promise<void> {
  const quotas = await api.showQuota().catch(unknownOn4xx);
  const q = quotas?.find((r) => r.type === type);
  if (!q || headroom(q) >= adding) return;
  const { code } = QUOTA_TYPES[type];
  const what = text(type === 'server_groups' ? R.quotaGroups : R.quotaPairs);
  throw new PreconditionError('QUOTA_EXCEEDED', text(M.quotaExceeded, { used: q.used, quota: q.quota, what, code }), {
    hint: text(M.quotaExceededHint, { what }),
    details: { quota_type: type, used: q.used, quota: q.quota },
  });
}
