/** Messages of `job show`, `job wait`, `job failures` and `job failures clear`. */
import type { Catalog } from '../index.js';

export const jobMsg = {
  // job show (labels of the description)
  fJob: { en: 'Job', zh: '任务' },
  fType: { en: 'Type', zh: '类型' },
  fStatus: { en: 'Status', zh: '状态' },
  fStarted: { en: 'Started', zh: '开始时间' },
  fEnded: { en: 'Ended', zh: '结束时间' },
  fGroup: { en: 'Group', zh: '保护组' },
  fError: { en: 'Error', zh: '错误' },
  subJob: { en: '  sub-job {id} {type} {status}', zh: '  子任务 {id} {type} {status}' },
  subJobFailed: { en: '  sub-job {id} {type} {status} {code}: {reason}', zh: '  子任务 {id} {type} {status} {code}：{reason}' },
  // job wait
  finished: { en: 'Job {id} finished: {status}', zh: '任务 {id} 已结束：{status}' },
  // job failures
  badStatus: { en: '--status {value} is not a failure status; use one of {choices}', zh: '--status {value} 不是失败状态：请使用以下之一：{choices}' },
  badType: { en: '--type {value} is not a resource type; use one of {choices}', zh: '--type {value} 不是资源类型：请使用以下之一：{choices}' },
  noneForGroup: { en: 'No failed operations for group {name}.', zh: '保护组 {name} 没有失败的操作。' },
  noneForGroupFiltered: { en: 'No failed operations for group {name} matching the filters.', zh: '保护组 {name} 没有符合筛选条件的失败操作。' },
  noneTop: { en: 'No failed operations at group level.', zh: '没有保护组级别的失败操作。' },
  noneTopFiltered: { en: 'No failed operations at group level matching the filters.', zh: '没有符合筛选条件的保护组级别失败操作。' },
  hTime: { en: 'TIME', zh: '时间' },
  hFailure: { en: 'FAILURE', zh: '失败状态' },
  hType: { en: 'TYPE', zh: '类型' },
  hResource: { en: 'RESOURCE', zh: '资源' },
  hError: { en: 'ERROR', zh: '错误码' },
  hReason: { en: 'REASON', zh: '原因' },
  hJob: { en: 'JOB', zh: '任务' },
  clearGroupHint: { en: 'Clear them once handled: sdrs job failures clear --group {ref}', zh: '处理完毕后清除：sdrs job failures clear --group {ref}' },
  clearTopHint: {
    en: "Group-level failures only; a group's instance, pair and drill failures: sdrs job failures --group <group>. Clear them once handled: sdrs job failures clear",
    zh: '仅显示保护组级别的失败操作；某个保护组内保护实例、复制对和容灾演练的失败操作：sdrs job failures --group <group>。处理完毕后清除：sdrs job failures clear',
  },
  // job failures clear
  yesClear: { en: 'clear failed operations', zh: '清除失败操作' },
  verbClear: { en: 'clear', zh: '清除' },
  noneToClearGroup: { en: 'no failed operations of group {name}', zh: '保护组 {name} 没有失败的操作' },
  noneToClearTop: { en: 'no failed operations at group level', zh: '没有保护组级别的失败操作' },
  clearNoFilters: {
    en: "job failures clear takes no --status or --type: it clears one failure (its id), a group's (--group) or the group-level ones",
    zh: 'job failures clear 不接受 --status 或 --type：它清除一个失败操作（按其 ID）、某个保护组的失败操作（--group）或保护组级别的失败操作',
  },
  clearIdOrGroup: { en: 'pass a failure job id or --group, not both', zh: '请传入失败任务 ID 或 --group，不能同时传入' },
  askClearOne: { en: 'Remove failed operation {id} from the task centre?', zh: '从任务中心移除失败操作 {id}？' },
  clearedOne: { en: '✔ Cleared failed operation {id}.', zh: '✔ 已清除失败操作 {id}。' },
  noClearAnswer: { en: 'No clear answer, but {seen}.', zh: '没有明确答复，但 {seen}。' },
  askClearGroup: { en: 'Remove {count} failed operation(s) of group {name} from the task centre?', zh: '从任务中心移除保护组 {name} 的 {count} 个失败操作？' },
  askClearTop: { en: 'Remove {count} failed operation(s) at group level from the task centre?', zh: '从任务中心移除 {count} 个保护组级别的失败操作？' },
  andMore: { en: '  and {count} more', zh: '  以及另外 {count} 个' },
  whatInside: { en: 'the failures inside group {name}', zh: '保护组 {name} 内的失败操作' },
  whatOne: { en: 'failed operation {id}', zh: '失败操作 {id}' },
  whatTop: { en: 'every group-level failure', zh: '所有保护组级别的失败操作' },
  noClearAnswerFor: { en: '{what}: no clear answer, but {seen}', zh: '{what}：没有明确答复，但 {seen}' },
  clearedGroup: { en: '✔ Cleared {count} failed operation(s) of group {name}.', zh: '✔ 已清除保护组 {name} 的 {count} 个失败操作。' },
  clearedTop: { en: '✔ Cleared {count} failed operation(s) at group level.', zh: '✔ 已清除 {count} 个保护组级别的失败操作。' },
} as const satisfies Catalog;
