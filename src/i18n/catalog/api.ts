/** Messages of the API client (src/api/) and the checks of user input (src/validate.ts). */
import type { Catalog } from '../index.js';

export const api = {
  // errors.ts
  serviceSaid: { en: '{message} ({code}, HTTP {status})', zh: '{message}（错误码 {code}，HTTP {status}）' },
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

  // ../validate.ts
  nameEmpty: { en: 'must not be empty', zh: '不能为空' },
  nameTooLong: {
    en: 'is {bytes} bytes long; the limit is 64 bytes (a Chinese character takes 3)',
    zh: '长度为 {bytes} 字节；上限为 64 字节（一个汉字占 3 字节）',
  },
  nameChars: {
    en: 'may contain only Chinese characters, letters, digits, ".", "_" and "-"',
    zh: '只能包含汉字、字母、数字、"."、"_" 和 "-"',
  },
  descriptionTooLong: { en: 'is {bytes} bytes long; the limit is 64 bytes', zh: '长度为 {bytes} 字节；上限为 64 字节' },
  descriptionAngle: { en: 'must not contain "<" or ">"', zh: '不能包含 "<" 或 ">"' },
  descriptionControl: { en: 'must not contain control characters', zh: '不能包含控制字符' },
  badId: {
    en: '{flag} {value} is not a well-formed id (letters, digits, "-" and "_", at most 128)',
    zh: '{flag} {value} 不是格式正确的 ID（字母、数字、"-" 和 "_"，最多 128 个字符）',
  },
  badAz: {
    en: '{flag} {value} is not an availability zone name (e.g. cn-north-4a)',
    zh: '{flag} {value} 不是可用区名称（例如 cn-north-4a）',
  },
  badName: { en: '{flag} {value} {problem}', zh: '{flag} {value} {problem}' },
  badRef: {
    en: '{what} {value} is neither a well-formed id nor a valid {what} name',
    zh: '{what} {value} 既不是格式正确的 ID，也不是有效的{what}名称',
  },
  badDevice: {
    en: '{flag} {value} is not a device name like /dev/vdb or /dev/sdb (/dev/vd or /dev/sd and one letter)',
    zh: '{flag} {value} 不是 /dev/vdb 或 /dev/sdb 这样的设备名（/dev/vd 或 /dev/sd 加一个字母）',
  },
  refGroup: { en: 'group', zh: '保护组' },
  refInstance: { en: 'instance', zh: '保护实例' },
  refPair: { en: 'pair', zh: '复制对' },
  refDrill: { en: 'drill', zh: '容灾演练' },
  refServer: { en: 'server', zh: '云服务器' },

  // validate.ts (path parameters)
  badPathId: {
    en: 'invalid {param} {value}: expected 1-128 letters, digits, "-" or "_" (starting with a letter or digit)',
    zh: '{param} {value} 无效：应为 1-128 个字母、数字、"-" 或 "_"（以字母或数字开头）',
  },
  noIds: { en: '{param}: at least one id is required', zh: '{param}：至少需要一个 ID' },
} as const satisfies Catalog;
