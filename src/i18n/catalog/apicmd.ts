/**
 * Messages of `sdrs api` (commands/api.ts): its refusals (exit 2, nothing sent) and the
 * notes on stderr. Its help is in catalog/help.ts; the answer on stdout is the service's JSON.
 */
import type { Catalog } from '../index.js';

export const apiMsg = {
  // arguments and flags
  badMethod: {
    en: 'method {method} is not one of {methods} (the methods the SDRS, ECS and VPC APIs use)',
    zh: '方法 {method} 不是 {methods} 之一（SDRS、ECS 和 VPC API 使用的方法）',
  },
  pathRequired: {
    en: 'a path is required, e.g. /v1/{project_id}/server-groups',
    zh: '需要提供路径，例如 /v1/{project_id}/server-groups',
  },
  badService: { en: '--service {service} is not one of {services}', zh: '--service {service} 不是 {services} 之一' },
  getNoInput: {
    en: 'GET sends no body: --input is for POST, PUT and DELETE (fields of a GET go to its query)',
    zh: 'GET 不发送请求体：--input 只用于 POST、PUT 和 DELETE（GET 的字段会放入查询参数）',
  },
  paginateGetOnly: { en: '--paginate follows the pages of a GET listing', zh: '--paginate 只用于逐页读取 GET 列表' },
  paginateWait: {
    en: '--wait follows the job of a change; --paginate the pages of a GET',
    zh: '--wait 用于跟踪变更的任务，--paginate 用于逐页读取 GET 列表，两者不能同时使用',
  },
  strayWaitFlag: {
    en: '--{flag} applies to --wait (watching the job of a change)',
    zh: '--{flag} 只能与 --wait 一起使用（跟踪变更的任务）',
  },
  fieldFormat: { en: '{flag} {text}: expected key=value', zh: '{flag} {text}：应为 key=value 形式' },
  emptySegment: { en: 'field {key}: empty key segment', zh: '字段 {key}：键中有空的部分' },
  reservedSegment: { en: 'field {key}: {part} is not a usable key', zh: '字段 {key}：{part} 不能用作键' },
  fieldTwice: {
    en: 'field {key} is given twice (or conflicts with another field)',
    zh: '字段 {key} 重复给出（或与另一个字段冲突）',
  },
  fieldConflict: { en: 'field {key} conflicts with another field', zh: '字段 {key} 与另一个字段冲突' },
  // where the request goes
  notUrl: { en: '{path} is not a URL', zh: '{path} 不是 URL' },
  foreignUrl: {
    en: 'refusing to send signed credentials to {origin}: it is not a configured endpoint ({known}); nothing was sent',
    zh: '拒绝向 {origin} 发送签名凭证：它不是已配置的端点（{known}）；未发送任何请求',
  },
  noEndpoints: { en: 'none', zh: '无' },
  foreignUrlHint: {
    en: 'Give a path such as /v1/{project_id}/server-groups, or configure the endpoint (--endpoint, --region, or the profile).',
    zh: '请给出路径，例如 /v1/{project_id}/server-groups；或配置该端点（--endpoint、--region 或配置档）。',
  },
  notThatEndpoint: {
    en: '{origin} is not the {service} endpoint ({endpoint})',
    zh: '{origin} 不是 {service} 端点（{endpoint}）',
  },
  notConfigured: { en: 'not configured', zh: '未配置' },
  pathSlash: {
    en: 'path {path} must start with / (e.g. /v1/{project_id}/server-groups)',
    zh: '路径 {path} 必须以 / 开头（例如 /v1/{project_id}/server-groups）',
  },
  pathChars: {
    en: 'path {path} has a space, a control character or a #',
    zh: '路径 {path} 中含有空格、控制字符或 #',
  },
  badProjectId: { en: 'project id {id} is not a well-formed id', zh: '项目 ID {id} 格式不正确' },
  placeholderLeft: {
    en: 'path {path} still has the placeholder {placeholder}: only {project_id} is filled in',
    zh: '路径 {path} 中仍有占位符 {placeholder}：只会自动填入 {project_id}',
  },
  leavesEndpoint: { en: 'path {path} leaves the {service} endpoint {endpoint}', zh: '路径 {path} 超出了 {service} 端点 {endpoint} 的范围' },
  // the body
  inputEmpty: { en: '--input {file} is empty: give a JSON body', zh: '--input {file} 为空：请提供 JSON 请求体' },
  inputStdin: { en: '- (stdin)', zh: '-（标准输入）' },
  inputNotJson: { en: '--input {file} is not valid JSON; nothing was sent', zh: '--input {file} 不是有效的 JSON；未发送任何请求' },
  inputNotJsonAt: {
    en: '--input {file} is not valid JSON (at character {at}); nothing was sent',
    zh: '--input {file} 不是有效的 JSON（第 {at} 个字符处）；未发送任何请求',
  },
  inputUnreadable: { en: '--input {file}: cannot read it ({code})', zh: '--input {file}：无法读取（{code}）' },
  stdinTooLarge: { en: '--input -: more than 10 MiB on stdin', zh: '--input -：标准输入超过 10 MiB' },
  noRaw: { en: 'this API client cannot send raw requests', zh: '此 API 客户端不能发送原始请求' },
  // notes on stderr
  noJobToWait: { en: 'The answer has no job_id: nothing to wait for.', zh: '响应中没有 job_id：没有可等待的任务。' },
  jobSubmitted: { en: 'Job {job} submitted. Watch it with: {command}', zh: '任务 {job} 已提交。跟踪该任务：{command}' },
  jobFinished: { en: 'Job {job} finished: {status}', zh: '任务 {job} 已结束：{status}' },
} as const satisfies Catalog;
