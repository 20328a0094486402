/** Messages of `sdrs history` (src/commands/history.ts). */
import type { Catalog } from '../index.js';

export const historyMsg = {
  badSince: {
    en: 'invalid --since {value}: use an age such as 30d, 12h, 2w, a date such as 2026-01-31, or all',
    zh: '无效的 --since {value}：请使用时长（如 30d、12h、2w）、日期（如 2026-01-31）或 all',
  },
  badKind: { en: '--kind {kinds}: no operation has that kind; kinds: {all}', zh: '--kind {kinds}：没有该类型的操作；可用类型：{all}' },
  none: { en: 'No operations in the journal ({path}) for these filters (since {since}).', zh: '操作日志（{path}）中没有符合这些条件的操作（自 {since} 起）。' },
  exit: { en: '{outcome} (exit {code})', zh: '{outcome}（退出码 {code}）' },
  running: { en: 'RUNNING', zh: '运行中' },
  unfinished: { en: 'UNFINISHED', zh: '未完成' },
  down: { en: 'down {time}', zh: '停机 {time}' },
  rec: { en: 'rec {time}', zh: '恢复 {time}' },
  hStarted: { en: 'STARTED (UTC)', zh: '开始时间 (UTC)' },
  hKind: { en: 'KIND', zh: '类型' },
  hGroups: { en: 'GROUPS', zh: '保护组' },
  hResult: { en: 'RESULT', zh: '结果' },
  hDuration: { en: 'DURATION', zh: '耗时' },
  hDownRec: { en: 'DOWN/REC', zh: '停机/恢复' },
  hJobs: { en: 'JOBS', zh: '任务' },
  hUser: { en: 'USER', zh: '用户' },
  hNote: { en: 'NOTE', zh: '备注' },
  openRunning: { en: 'running: {when} sdrs {command}{job}; resume with: {resume}', zh: '运行中：{when} sdrs {command}{job}；继续：{resume}' },
  openUnfinished: { en: 'unfinished: {when} sdrs {command}{job}; resume with: {resume}', zh: '未完成：{when} sdrs {command}{job}；继续：{resume}' },
  job: { en: ' (job {job})', zh: '（任务 {job}）' },
  count: { en: '{n} operation(s) from {path}.', zh: '共 {n} 个操作，来自 {path}。' },
} as const satisfies Catalog;
