/** Messages of terminal I/O (src/io/). */
import type { Catalog } from '../index.js';

export const io = {
  cancelledAtPrompt: { en: 'cancelled at the prompt; nothing was sent', zh: '已在提示处取消；未发送任何请求' },
  nothingToChoose: { en: 'nothing to choose from: {message}', zh: '没有可选择的项：{message}' },
} as const satisfies Catalog;
