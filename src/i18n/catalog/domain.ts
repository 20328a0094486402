/** Messages of `domain list`. */
import type { Catalog } from '../index.js';

export const domainMsg = {
  none: { en: 'No active-active domains found.', zh: '未找到双活域。' },
  hId: { en: 'ID', zh: 'ID' },
  hName: { en: 'NAME', zh: '名称' },
  hLocalAz: { en: 'LOCAL AZ', zh: '本端可用区' },
  hRemoteAz: { en: 'REMOTE AZ', zh: '远端可用区' },
  hSoldOut: { en: 'SOLD OUT', zh: '已售罄' },
  yes: { en: 'yes', zh: '是' },
  no: { en: 'no', zh: '否' },
} as const satisfies Catalog;
