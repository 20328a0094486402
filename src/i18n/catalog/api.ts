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

  // client.ts: what a bad answer looked like
  notDocumented: { en: 'HTTP {status} with {seen}, not the documented answer', zh: 'HTTP {status} 带有{seen}，不是文档规定的应答' },
  notJson: { en: 'the body is not JSON', zh: '应答体不是 JSON' },
  expectObject: { en: 'expected a JSON object', zh: '应为 JSON 对象' },
  anEmptyBody: { en: 'an empty body', zh: '空的应答体' },
  anHtmlPage: { en: 'an HTML page (body: {body})', zh: 'HTML 页面（应答体：{body}）' },
  notJsonBody: { en: 'a body that is not JSON (body: {body})', zh: '非 JSON 的应答体（应答体：{body}）' },
  jsonList: { en: 'a JSON list (body: {body})', zh: 'JSON 列表（应答体：{body}）' },
  jsonValue: { en: 'JSON {value} (body: {body})', zh: 'JSON 值 {value}（应答体：{body}）' },
  missingList: { en: 'missing "{key}" list', zh: '缺少 "{key}" 列表' },
  missingWithId: { en: 'missing "{key}" with an id', zh: '缺少带 id 的 "{key}"' },
  errorDocument: { en: 'an error document ({code}: {message})', zh: '错误文档（{code}：{message}）' },
  noCode: { en: 'no code', zh: '无错误码' },
  noJobId: { en: 'no "job_id" (body: {body})', zh: '没有 "job_id"（应答体：{body}）' },
  badJobId: { en: 'a malformed "job_id" {value}', zh: '格式错误的 "job_id" {value}' },
  jobFieldsMissing: { en: 'missing job "status" or "job_id"', zh: '缺少任务的 "status" 或 "job_id"' },
  jobIdMalformed: { en: 'job "job_id" {value} is not a well-formed id', zh: '任务的 "job_id" {value} 不是格式正确的 ID' },
  otherJob: { en: 'asked for job {asked}, the answer is job {answered}', zh: '请求的是任务 {asked}，应答的却是任务 {answered}' },
  entitiesNotObject: { en: 'job "entities" is not an object', zh: '任务的 "entities" 不是对象' },
  subJobsNotList: { en: 'job "entities.sub_jobs" is not a list of objects', zh: '任务的 "entities.sub_jobs" 不是对象列表' },

  // paging.ts
  pagingNoEnd: {
    en: 'the listing of {listing} did not end after {pages} pages ({count} {listing}); sdrs stops there',
    zh: '{listing} 的列表在 {pages} 页（{count} 项）之后仍未结束；sdrs 到此为止',
  },
  pagingRepeats: {
    en: 'the listing of {listing} repeats itself: page {page} ({where}) has the same {count} ids as page {previous}; the service may be ignoring the page offset',
    zh: '{listing} 的列表在重复：第 {page} 页（{where}）与第 {previous} 页的 {count} 个 ID 相同；服务可能忽略了分页偏移量',
  },
  pagingStuck: {
    en: 'the listing of {listing} makes no progress: page {page} ({where}) has no {listing} not already listed',
    zh: '{listing} 的列表没有进展：第 {page} 页（{where}）中没有尚未列出的 {listing}',
  },
} as const satisfies Catalog;
