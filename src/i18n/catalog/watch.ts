/** Messages of watching a job (src/watch/): progress, timeouts, outcomes, hints. */
import type { Catalog } from '../index.js';

export const watch = {
  // hints.ts
  withFailedJob: { en: '{hint}; the failed job: sdrs job show {jobId}', zh: '{hint}；失败的任务：sdrs job show {jobId}' },
  groupIsNow: { en: 'the group is {status}; ', zh: '保护组的状态为 {status}；' },
  reverseRetry: {
    en: '{now}a reverse from error-reversing can be retried: sdrs group reverse {group} --to {side}',
    zh: '{now}处于 error-reversing 的切换可以重试：sdrs group reverse {group} --to {side}',
  },
  reverseNotMoved: {
    en: '{now}production did not move; fix the cause above, then: sdrs group reverse {group} --to {side}',
    zh: '{now}生产站点没有移动；请先排除上述原因，然后运行：sdrs group reverse {group} --to {side}',
  },
  createFailed: {
    en: '{now}creation failed; delete the group (sdrs group delete {group}) and create it again once the cause above is fixed',
    zh: '{now}创建失败；请删除该保护组（sdrs group delete {group}），排除上述原因后重新创建',
  },
  failoverRetry: {
    en: '{now}a failover from {status} can be retried once the cause above is fixed',
    zh: '{now}排除上述原因后，可以从 {status} 重试故障切换',
  },
  retryFrom: {
    en: '{now}the operation can be retried from {status} once the cause above is fixed; inspect it with: sdrs group show {group}',
    zh: '{now}排除上述原因后，可以从 {status} 重试该操作；查看保护组：sdrs group show {group}',
  },
  itsErrorStatus: { en: 'its error status', zh: '其错误状态' },
  inspectJob: { en: '{now}inspect the job with: {job}', zh: '{now}查看任务：{job}' },
  inspectJobAndGroup: {
    en: '{now}inspect the job with: {job} and the group with: sdrs group show {group}',
    zh: '{now}查看任务：{job}；查看保护组：sdrs group show {group}',
  },
  doNotResend: {
    en: 'Do not send the request again. Resume watching with: {resume}',
    zh: '请勿再次发送请求。可用以下命令继续观察：{resume}',
  },
  doNotResendLookup: {
    en: 'Do not send the request again. Resume watching with: {resume}; check the result with: {lookup}',
    zh: '请勿再次发送请求。可用以下命令继续观察：{resume}；检查结果：{lookup}',
  },

  // outcome.ts
  noErrorCode: { en: 'no error code', zh: '无错误码' },
  noReason: { en: 'no reason given', zh: '未给出原因' },
  jobFailed: { en: 'job {jobId} ({jobType}) failed: {reason}', zh: '任务 {jobId}（{jobType}）失败：{reason}' },
  subJobFailed: { en: '  sub-job {jobId} ({jobType}): {reason}', zh: '  子任务 {jobId}（{jobType}）：{reason}' },
  groupNow: { en: '  group {group} is now {status}', zh: '  保护组 {group} 现在的状态为 {status}' },
  groupIs: { en: 'group {name} ({id}) is {status}', zh: '保护组 {name}（{id}）的状态为 {status}' },
  groupIsExpected: {
    en: 'group {name} ({id}) is {status}, expected {expected}',
    zh: '保护组 {name}（{id}）的状态为 {status}，预期为 {expected}',
  },
  productionOn: {
    en: 'production of group {name} ({id}) is on {station}, expected {expected}',
    zh: '保护组 {name}（{id}）的生产站点在 {station}，预期在 {expected}',
  },
  succeededBut: { en: 'job {jobId} ({jobType}) succeeded but {problem}', zh: '任务 {jobId}（{jobType}）已成功，但{problem}' },

  // timeout.ts
  at: { en: ' at {time}', zh: '（{time}）' },
  answered: { en: 'the service answered {status}{retryAfter}{when}', zh: '服务应答 {status}{retryAfter}{when}' },
  answeredWhy: { en: 'the service answered {status}{retryAfter}{when} ({message})', zh: '服务应答 {status}{retryAfter}{when}（{message}）' },
  retryAfter: { en: ' with Retry-After {seconds}', zh: '，Retry-After 为 {seconds}' },
  deadlineBeforeRead: {
    en: 'the deadline passed before the next read could be sent{when}',
    zh: '下一次读取发出前已到截止时间{when}',
  },
  readSent: { en: 'a read sent', zh: '一次读取请求' },
  readSentAt: { en: 'a read sent at {time}', zh: '一次在 {time} 发出的读取请求' },
  gotHeaders: {
    en: '{read} got the response headers and then nothing until the deadline',
    zh: '{read}收到了应答头，之后直到截止时间都没有收到其他内容',
  },
  gotHeadersAt: {
    en: '{read} got the response headers at {time} and then nothing until the deadline',
    zh: '{read}在 {time} 收到了应答头，之后直到截止时间都没有收到其他内容',
  },
  gotNothing: { en: '{read} got no answer before the deadline', zh: '{read}在截止时间前没有收到应答' },
  stillRunning: {
    en: 'it was still running when last read at {time} (status {status})',
    zh: '最后一次读取时（{time}）任务仍在运行（状态 {status}）',
  },
  readsFailed: { en: '; the reads after that failed: {failed}', zh: '；此后的读取失败：{failed}' },
  groupWas: { en: '; its group {group} was {status} at {time}', zh: '；其保护组 {group} 在 {time} 的状态为 {status}' },
  neverRead: { en: 'the job was never read', zh: '任务从未被读取到' },
  neverReadBecause: { en: 'the job was never read: {failed}', zh: '任务从未被读取到：{failed}' },
  timedOut: {
    en: 'timed out waiting for job {jobId} ({limit}); {seen}',
    zh: '等待任务 {jobId} 超时（{limit}）；{seen}',
  },
  resumeWatching: { en: 'resume watching with: {resume}', zh: '可用以下命令继续观察：{resume}' },

  // job-watcher.ts
  stoppedWatchingJob: {
    en: 'stopped watching job {jobId}; the job continues on the service',
    zh: '已停止观察任务 {jobId}；任务会在服务上继续执行',
  },
  endFailed: { en: '{label} · failed', zh: '{label} · 失败' },
  endStopped: { en: '{label} · stopped watching after {elapsed} (job still running)', zh: '{label} · 观察 {elapsed} 后停止（任务仍在运行）' },
  endNotRead: {
    en: '{label} · job not read at the {limit} --timeout (watched {watched})',
    zh: '{label} · 到 --timeout 规定的 {limit} 时仍未读取到任务（已观察 {watched}）',
  },
  endStillRunning: {
    en: '{label} · still running at the {limit} --timeout (watched {watched})',
    zh: '{label} · 到 --timeout 规定的 {limit} 时仍在运行（已观察 {watched}）',
  },
  endJobFail: { en: '{label} · job FAIL', zh: '{label} · 任务失败（FAIL）' },
  endJobFailCode: { en: '{label} · job FAIL ({code})', zh: '{label} · 任务失败（FAIL，{code}）' },
  endGroup: { en: '{label} · group {status}', zh: '{label} · 保护组 {status}' },
  endDone: { en: '{label} · done in {elapsed}', zh: '{label} · 完成，用时 {elapsed}' },
  endDoneGroup: { en: '{label} · done in {elapsed} · group {status}', zh: '{label} · 完成，用时 {elapsed} · 保护组 {status}' },
  endUnknown: { en: '{label} · outcome unknown', zh: '{label} · 结果未知' },
  answeredOtherJob: {
    en: 'the service answered with job {answered} ({status})',
    zh: '服务应答的是任务 {answered}（{status}）',
  },
  unknownStatus: {
    en: 'job {jobId} reports status {status}, which sdrs does not know',
    zh: '任务 {jobId} 报告的状态 {status} 是 sdrs 不认识的',
  },
  oddAnswers: {
    en: 'job {jobId} was accepted by the service, but {count} reads of it in a row could not be used: {why}; its outcome is unknown',
    zh: '任务 {jobId} 已被服务接受，但连续 {count} 次读取结果都无法使用：{why}；结果未知',
  },
  endedUnchecked: {
    en: 'job {jobId} ended {status}, but the group could not be read afterwards to check the result ({last}): its outcome is unknown',
    zh: '任务 {jobId} 以 {status} 结束，但之后无法读取保护组以检查结果（{last}）：结果未知',
  },
  readsKeptFailingSeen: {
    en: 'job {jobId} was accepted by the service, but reading it kept failing ({last}); last seen {status} {ago} ago: its outcome is unknown',
    zh: '任务 {jobId} 已被服务接受，但读取一直失败（{last}）；{ago}前最后看到的状态为 {status}：结果未知',
  },
  readsKeptFailingNever: {
    en: 'job {jobId} was accepted by the service, but reading it kept failing ({last}); it was never read: its outcome is unknown',
    zh: '任务 {jobId} 已被服务接受，但读取一直失败（{last}）；从未读取到任务：结果未知',
  },

  // progress.ts
  progressLine: { en: '[{elapsed}] job {status}', zh: '[{elapsed}] 任务 {status}' },
  progressStill: { en: '[{elapsed}] job still {status}', zh: '[{elapsed}] 任务仍为 {status}' },
  progressLineGroup: { en: '[{elapsed}] job {status}, group {group}', zh: '[{elapsed}] 任务 {status}，保护组 {group}' },
  progressStillGroup: { en: '[{elapsed}] job still {status}, group {group}', zh: '[{elapsed}] 任务仍为 {status}，保护组 {group}' },
  watchingJob: { en: '{label}: watching job {jobId}', zh: '{label}：正在观察任务 {jobId}' },
  spinnerJob: { en: 'job {status}', zh: '任务 {status}' },
  spinnerGroup: { en: 'group {status}', zh: '保护组 {status}' },
  spinnerFirst: { en: '{label}: job {jobId}', zh: '{label}：任务 {jobId}' },
} as const satisfies Catalog;
