/**
 * Messages of the switchover path: the group rules' refusals and fixes (api/rules.ts),
 * the pre-flight checklist (group/preflight.ts), `group reverse` for one group, many
 * groups and the switchover phases.
 */
import type { Catalog } from '../index.js';

export const reverse = {
  // api/rules.ts: what moves a group out of its status.
  fixWait: {
    en: 'another operation is running ({status}); wait for it: sdrs group status {ref} --watch',
    zh: '另一个操作正在进行（{status}）；请等待其完成：sdrs group status {ref} --watch',
  },
  fixStart: { en: 'start protection first: sdrs group start {ref}', zh: '请先开启保护：sdrs group start {ref}' },
  fixRetryStart: { en: 'retry the start: sdrs group start {ref}', zh: '请重试开启保护：sdrs group start {ref}' },
  fixReprotect: { en: 're-protect first: sdrs group start {ref}', zh: '请先重保护：sdrs group start {ref}' },
  fixRetryStop: { en: 'retry the stop: sdrs group stop {ref}', zh: '请重试停止保护：sdrs group stop {ref}' },
  fixRetryFailover: { en: 'retry the failover: sdrs group failover {ref}', zh: '请重试故障切换：sdrs group failover {ref}' },
  fixRetryReverse: { en: 'retry the reverse: sdrs group reverse {ref} --to {side}', zh: '请重试切换：sdrs group reverse {ref} --to {side}' },
  fixStop: { en: 'stop protection first: sdrs group stop {ref}', zh: '请先停止保护：sdrs group stop {ref}' },
  fixSee: { en: 'see: sdrs group show {ref}', zh: '请查看：sdrs group show {ref}' },
  opReverse: { en: 'a reverse', zh: '切换' },
  opFailover: { en: 'a failover', zh: '故障切换' },
  opStart: { en: 'starting protection', zh: '开启保护' },
  opReprotect: { en: 're-protecting', zh: '重保护' },
  opStop: { en: 'stopping protection', zh: '停止保护' },
  opDelete: { en: 'a delete', zh: '删除' },
  statusNeeds: {
    en: '{op} needs the group {allowed} (it is {status}); {fix}',
    zh: '{op}要求保护组状态为 {allowed}（当前为 {status}）；{fix}',
  },
  drillNeeds: {
    en: 'a drill needs the group {allowed} (it is {status}); {fix}',
    zh: '容灾演练要求保护组状态为 {allowed} 之一（当前为 {status}）；{fix}',
  },
  fault5Means: {
    en: 'the replication link is broken (fault_level 5: the service allows no failover), so the DR copy is not kept current and production would move onto disks that miss its latest writes',
    zh: '复制链路已中断（fault_level 5：服务不允许故障切换），容灾站点的副本没有保持最新，生产将切换到缺少最新写入的磁盘上',
  },
  fault5Fix: {
    en: 'repair replication first (fault_level back to 0; watch it with sdrs group status {ref}); only if production is already lost, pass --skip-checks',
    zh: '请先修复复制（fault_level 恢复为 0；用 sdrs group status {ref} 观察）；仅当生产站点已经丢失时才使用 --skip-checks',
  },
  fault2Means: {
    en: 'the production disk lost read/write (fault_level 2: a failover is advised)',
    zh: '生产磁盘已无法读写（fault_level 2：建议故障切换）',
  },
  fault2Fix: {
    en: 'the reverse may fail at the production side; if production is lost, fail over instead: sdrs group failover {ref}',
    zh: '切换可能在生产站点一侧失败；如果生产站点已丢失，请改为故障切换：sdrs group failover {ref}',
  },
  faultOddMeans: {
    en: 'a fault_level this client does not know (documented: 0, 2, 5)',
    zh: '本客户端不认识的 fault_level（文档中只有 0、2、5）',
  },
  faultOddFix: { en: 'check the pair with sdrs group status {ref}', zh: '请用 sdrs group status {ref} 检查该复制对' },
  sideRefusal: {
    en: 'production already runs on {to}: the last reverse (to {away}) failed and left the group {status} with production where it was, ' +
      'and the service refuses a reverse to the side production is on (SDRS.1022). To recover, find and fix why that reverse failed (the run that failed printed its job\'s error code and reason), ' +
      'then retry it: sdrs group reverse {ref} --to {away} (accepted from {status}); afterwards a reverse --to {to} brings production back',
    zh: '生产已在 {to} 上运行：上一次切换（到 {away}）失败，保护组处于 {status}，生产仍在原处，' +
      '而服务拒绝切换到生产所在的一侧（SDRS.1022）。恢复方法：先查明并修复那次切换失败的原因（失败的那次运行打印了其任务的错误码和原因），' +
      '然后重试：sdrs group reverse {ref} --to {away}（{status} 状态下可以执行）；之后再执行 reverse --to {to} 即可将生产切回',
  },

  // group/preflight.ts: the checklist.
  pfTitle: { en: 'Pre-flight checks for reversing {name} to {to} ({az}):', zh: '切换前检查：将 {name} 切换到 {to}（{az}）：' },
  pfGroupExists: { en: 'group exists: {name} ({id})', zh: '保护组存在：{name}（{id}）' },
  pfStatus: { en: 'status is {allowed} (now: {status})', zh: '状态为 {allowed}（当前：{status}）' },
  pfStatusFailure: { en: 'status is {status}', zh: '状态为 {status}' },
  pfSideBad: {
    en: 'production moves to {to}: it already runs there ({az}), the group is {status} after a failed reverse to {other}',
    zh: '生产切换到 {to}：生产已在该侧运行（{az}），上一次切换到 {other} 失败后保护组处于 {status}',
  },
  pfSideOk: { en: 'production moves from {fromAz} ({from}) to {toAz} ({to})', zh: '生产从 {fromAz}（{from}）切换到 {toAz}（{to}）' },
  pfSideFailure: {
    en: 'production already runs on {to} and the group is {status} (a reverse to {to} is refused: SDRS.1022)',
    zh: '生产已在 {to} 上运行且保护组处于 {status}（切换到 {to} 会被拒绝：SDRS.1022）',
  },
  pfPairs: { en: 'has replication pairs ({n})', zh: '有复制对（{n}）' },
  pfNoPairs: { en: 'the group has no replication pairs', zh: '保护组没有复制对' },
  pfNoPairsHint: {
    en: 'Add a replication pair to the group and start protection before reversing.',
    zh: '请先向保护组添加复制对并开启保护，再执行切换。',
  },
  pfNoFault: { en: 'no replication pair reports a fault (fault_level 0)', zh: '没有复制对报告故障（fault_level 0）' },
  pfFaultWhat: { en: 'pair(s) {names}: {means}', zh: '复制对 {names}：{means}' },
  pfFaultWarn: { en: '{what}; {fix}', zh: '{what}；{fix}' },
  pfFaultHint: { en: '{what}; {fix}.', zh: '{what}；{fix}。' },
  pfFault5Failure: {
    en: '{n} replication pair(s) at fault_level 5 (link broken): {names}',
    zh: '{n} 个复制对处于 fault_level 5（复制链路中断）：{names}',
  },
  pfInvalidNone: { en: 'no protected instance is invalid', zh: '没有无效的保护实例' },
  pfInvalidSome: { en: 'no protected instance is invalid (invalid: {list})', zh: '没有无效的保护实例（无效：{list}）' },
  pfInvalidFailure: { en: '{n} protected instance(s) are invalid', zh: '{n} 个保护实例无效' },
  pfInvalidHint: {
    en: 'An instance is invalid when one of its servers was deleted outside SDRS; a reverse would fail. Remove those protected instances first.',
    zh: '保护实例的云服务器在 SDRS 之外被删除后，该实例即为无效；切换会失败。请先删除这些保护实例。',
  },
  pfServersStoppedFirst: {
    en: 'servers at the current production site {az} ({from}): {n} running, stopped first (--stop-servers): {names}',
    zh: '当前生产站点 {az}（{from}）的云服务器：{n} 台正在运行，将先关机（--stop-servers）：{names}',
  },
  pfServersStopped: {
    en: 'every server at the current production site {az} ({from}) is stopped ({n})',
    zh: '当前生产站点 {az}（{from}）的云服务器全部关机（{n}）',
  },
  pfServersRunning: {
    en: 'every server at the current production site {az} ({from}) is stopped (running: {names})',
    zh: '当前生产站点 {az}（{from}）的云服务器全部关机（仍在运行：{names}）',
  },
  pfServersFailure: { en: '{n} production server(s) still running: {list}', zh: '{n} 台生产云服务器仍在运行：{list}' },
  pfServersHint: {
    en: 'Stop them first (sdrs server stop {ids} --yes), then run the reverse again; or let the reverse do it: --stop-servers --start-servers.',
    zh: '请先将其关机（sdrs server stop {ids} --yes），再重新执行切换；或让切换代为处理：--stop-servers --start-servers。',
  },
  pfUntilThen: {
    en: 'Until then production can run on {to} again: sdrs server start {ids} (stop them again before the retry).',
    zh: '在此之前，生产可以先在 {to} 上重新运行：sdrs server start {ids}（重试前请再次关机）。',
  },
  pfFailed: { en: 'pre-flight checks failed for group {name}: {failures}', zh: '保护组 {name} 的切换前检查未通过：{failures}' },
} as const satisfies Catalog;
