/** Messages of the error reporter and the program itself. */
import type { Catalog } from '../index.js';

export const core = {
  errorPrefix: { en: 'error: ', zh: '错误：' },
  warningPrefix: { en: 'warning: ', zh: '警告：' },
  badLang: {
    en: '{origin} {value} is not a language sdrs speaks: use en or zh-CN',
    zh: '{origin} 的值 {value} 不是 sdrs 支持的语言：请使用 en 或 zh-CN',
  },
} as const satisfies Catalog;
