/** Messages of the API client (src/api/) and the checks of user input (src/validate.ts). */
import type { Catalog } from '../index.js';

export const api = {
  // errors.ts
  serviceSaid: { en: '{message} ({code}, HTTP {status})', zh: '{message}（{code}，HTTP {status}）' },
  emptyBody: {
    en: 'HTTP {status}{statusMessage} with an empty body from {where}',
    zh: '{where} 返回 HTTP {status}{statusMessage}，应答体为空',
  },
  bodyFrom: {
    en: 'HTTP {status}{statusMessage} from {where}: {body}',
    zh: '{where} 返回 HTTP {status}{statusMessage}：{body}',
  },
  hintAuth: {
    en: 'Check the access key and secret key (sdrs config show), that a temporary key has its security token and has not expired, and that the clock is right (X-Sdk-Date must be within 15 minutes).',
    zh: '请检查访问密钥 AK/SK（sdrs config show）、临时密钥是否带有安全令牌且未过期，以及本机时钟是否准确（X-Sdk-Date 与服务时间相差须在 15 分钟以内）。',
  },
  hintForbidden: {
    en: 'The credentials are valid but lack permission for this operation in this project.',
    zh: '凭证有效，但在此项目中没有执行此操作的权限。',
  },
  hintThrottled: {
    en: 'The service is throttling requests; wait a little and try again.',
    zh: '服务正在对请求限流；请稍候再试。',
  },
  badResponse: {
    en: 'the service returned an unexpected response to {method} {path}: {why}',
    zh: '服务对 {method} {path} 返回了意外的应答：{why}',
  },
  badResponseBody: {
    en: 'the service returned an unexpected response to {method} {path}: {why} (body: {body})',
    zh: '服务对 {method} {path} 返回了意外的应答：{why}（应答体：{body}）',
  },
  empty: { en: 'empty', zh: '空' },
  unknownOutcome: {
    en: '{method} {path} was sent but its outcome is unknown ({why}); it was not sent again',
    zh: '{method} {path} 已发送，但结果未知（{why}）；请求没有再次发送',
  },
} as const satisfies Catalog;
