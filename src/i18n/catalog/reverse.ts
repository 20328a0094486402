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

  // group/reverse.ts: one group.
  bothGroupsAndAll: { en: 'pass either group names/ids or --all, not both', zh: '请指定保护组名称/ID 或 --all，不能同时指定' },
  filtersNeedAll: { en: '--status and --name filter --all; pass --all too', zh: '--status 和 --name 用于筛选 --all；请同时指定 --all' },
  switchoverOneGroup: {
    en: '--stop-servers and --start-servers work on one group at a time; for several groups stop the servers first (sdrs server stop ... --yes), then reverse them',
    zh: '--stop-servers 和 --start-servers 一次只能用于一个保护组；多个保护组请先将云服务器关机（sdrs server stop ... --yes），再执行切换',
  },
  switchoverWaits: { en: '--stop-servers and --start-servers wait for every phase; drop --no-wait', zh: '--stop-servers 和 --start-servers 会等待每个阶段完成；请去掉 --no-wait' },
  missingGroup: {
    en: 'missing group: pass one or more group ids or names, or --all (prompts are off without a terminal or with --no-input/--json)',
    zh: '缺少保护组：请指定一个或多个保护组 ID 或名称，或使用 --all（没有终端或使用 --no-input/--json 时不会提示输入）',
  },
  missingTo: {
    en: "required option '--to <side>' not specified: pass --to target (production moves to the DR site) or --to source (back) (prompts are off without a terminal or with --no-input/--json)",
    zh: "未指定必需的选项 '--to <side>'：请指定 --to target（生产切换到容灾站点）或 --to source（切回）（没有终端或使用 --no-input/--json 时不会提示输入）",
  },
  missingToHint: { en: 'Pass --to target or --to source too.', zh: '还需指定 --to target 或 --to source。' },
  noGroup: { en: 'there is no protection group to switch over', zh: '没有可切换的保护组' },
  noGroupHint: { en: 'Create one with: sdrs group create', zh: '请先创建：sdrs group create' },
  pickGroup: { en: 'Protection group to switch over', zh: '要切换的保护组' },
  pickGroupChoice: { en: '{name}  {status}, production {production}  {id}', zh: '{name}  {status}，生产在 {production}  {id}' },
  pickTargetAny: { en: "target: each group's DR AZ", zh: 'target：各保护组的容灾可用区' },
  pickSourceAny: { en: "source: each group's original production AZ", zh: 'source：各保护组原来的生产可用区' },
  pickSideProduction: { en: '{side}: {az} (production now)', zh: '{side}：{az}（当前生产站点）' },
  pickSideDr: { en: '{side}: {az} (DR site now)', zh: '{side}：{az}（当前容灾站点）' },
  pickSideOne: { en: 'Where should production of {name} run afterwards?', zh: '切换后 {name} 的生产在哪一侧运行？' },
  pickSide: { en: 'Where should production run afterwards?', zh: '切换后生产在哪一侧运行？' },
  checksSkipped: {
    en: 'Pre-flight checks skipped (--skip-checks); the service still enforces its own rules.',
    zh: '已跳过切换前检查（--skip-checks）；服务仍会执行自己的规则。',
  },
  confirmReverse: {
    en: 'Reverse {name}: production moves from {fromAz} ({from}) to {toAz} ({to}); {n} protected instance(s) move. Continue?',
    zh: '切换 {name}：生产从 {fromAz}（{from}）切换到 {toAz}（{to}）；{n} 个保护实例随之切换。是否继续？',
  },
  doneLead: { en: 'Production now runs in {az} ({to}).', zh: '生产现在运行在 {az}（{to}）。' },
  doneRest: { en: ' Group {name} is {status}; replication now runs {a} -> {b}.', zh: '保护组 {name} 处于 {status}；复制方向现为 {a} -> {b}。' },
  doneRestSwitchover: { en: ' Group {name} is {status}; replication runs {a} -> {b}.', zh: '保护组 {name} 处于 {status}；复制方向为 {a} -> {b}。' },
  startHint: {
    en: 'Next: start the servers at the new production site {az} ({to}); they are not started automatically: sdrs server start {ids}',
    zh: '下一步：启动新生产站点 {az}（{to}）的云服务器；它们不会自动开机：sdrs server start {ids}',
  },
  startHintNoIds: {
    en: 'Next: start the servers at the new production site {az} ({to}); they are not started automatically.',
    zh: '下一步：启动新生产站点 {az}（{to}）的云服务器；它们不会自动开机。',
  },

  // group/reverse-request.ts: a reverse request without a clear answer.
  unknownMaybe: {
    en: 'the reverse request for group {name} got no clear answer ({message}); it may or may not have been accepted',
    zh: '保护组 {name} 的切换请求没有得到明确的应答（{message}）；请求可能已被接受，也可能没有',
  },
  unknownStill: {
    en: 'the reverse request for group {name} got no clear answer ({message}); the group is now {status} with production still on {station}',
    zh: '保护组 {name} 的切换请求没有得到明确的应答（{message}）；保护组现在处于 {status}，生产仍在 {station}',
  },
  unknownHint: {
    en: 'Do not re-send blindly. Check with: sdrs group show {id} (then, if it is still {status} on {station}: sdrs group reverse {id} --to {to})',
    zh: '请勿盲目重发。请用以下命令检查：sdrs group show {id}（如果它仍处于 {status} 且生产在 {station}，再执行：sdrs group reverse {id} --to {to}）',
  },

  // group/switchover.ts: the phases.
  soAlready: {
    en: 'Group {name} already runs production on {to} ({az}) and is protected; only starting the servers there (--start-servers).',
    zh: '保护组 {name} 的生产已在 {to}（{az}）运行且处于保护中；只启动该侧的云服务器（--start-servers）。',
  },
  soConfirm: { en: 'Switch over {name}: {steps}. Continue?', zh: '切换 {name}：{steps}。是否继续？' },
  soThen: { en: '; then ', zh: '；然后' },
  soStopTitle: { en: 'stop {n} server(s) at {az} ({station}) until SHUTOFF', zh: '将 {az}（{station}）的 {n} 台云服务器关机，直到 SHUTOFF' },
  soReverseTitle: {
    en: 'reverse production from {fromAz} ({from}) to {toAz} ({to}) until protected',
    zh: '将生产从 {fromAz}（{from}）切换到 {toAz}（{to}），直到 protected',
  },
  soStartTitle: { en: 'start {n} server(s) at {az} ({station}) until ACTIVE', zh: '将 {az}（{station}）的 {n} 台云服务器开机，直到 ACTIVE' },
  soPhase: { en: 'Phase {i}/{n}: {title}', zh: '阶段 {i}/{n}：{title}' },
  soPhaseDone: { en: '{phase} done in {took}', zh: '{phase} 完成，用时 {took}' },
  soFinished: { en: 'Switchover of {name} finished in {took}: {phases}.', zh: '{name} 的切换完成，用时 {took}：{phases}。' },
  soStopped: {
    en: 'switchover of {name} stopped at phase {i}/{n} ({phase}): {message}',
    zh: '{name} 的切换在阶段 {i}/{n}（{phase}）停止：{message}',
  },
  soNotRead: { en: 'not read', zh: '未读取' },
  soState: {
    en: 'State: group {name} is {status} with production on {station} ({az}); servers at {fromAz}: {fromPower}; at {toAz}: {toPower}.',
    zh: '当前状态：保护组 {name} 处于 {status}，生产在 {station}（{az}）；{fromAz} 的云服务器：{fromPower}；{toAz} 的云服务器：{toPower}。',
  },
  soStateUnread: { en: 'State: not read; check with: sdrs group status {ref}.', zh: '当前状态：未读取；请用 sdrs group status {ref} 检查。' },
  soStateUnreadInterrupted: {
    en: 'State: not read (interrupted); check with: sdrs group status {ref}.',
    zh: '当前状态：未读取（已中断）；请用 sdrs group status {ref} 检查。',
  },
  soNextStop: {
    en: 'nothing was reversed. Check the servers (sdrs server list --az {az}), then re-run: {rerun}; or keep production at {az} and start them again: {startFrom}',
    zh: '没有执行切换。请检查云服务器（sdrs server list --az {az}），然后重新运行：{rerun}；或让生产留在 {az}，并重新开机：{startFrom}',
  },
  soDown: { en: ' Production is DOWN: the servers at {az} were stopped.', zh: '生产已中断：{az} 的云服务器已关机。' },
  soNextRunning: {
    en: 'the reverse job{job} is still running.{down} Wait for it ({wait}), then re-run {rerun} (finished phases are skipped)',
    zh: '切换任务{job}仍在运行。{down}请等待其完成（{wait}），然后重新运行 {rerun}（已完成的阶段会被跳过）',
  },
  soNextUnknown: {
    en: 'it is not known whether the reverse was accepted.{down} Check with: sdrs group status {ref}; do not re-send blindly',
    zh: '不确定切换请求是否已被接受。{down}请用 sdrs group status {ref} 检查；请勿盲目重发',
  },
  soNextFailed: {
    en: 'production did not move.{down} Fix the cause above and re-run {rerun}{retry}; or bring production back at {az}: {startFrom}',
    zh: '生产没有切换。{down}请修复上述原因后重新运行 {rerun}{retry}；或在 {az} 恢复生产：{startFrom}',
  },
  soRetry: { en: ' (a reverse from error-reversing can be retried)', zh: '（从 error-reversing 状态可以重试切换）' },
  soNextStart: {
    en: 'production runs in {az} ({to}) and the group is protected, but not every server there is running. Start them: sdrs server start {ids}',
    zh: '生产在 {az}（{to}）运行且保护组处于保护中，但该侧并非所有云服务器都在运行。请开机：sdrs server start {ids}',
  },
  soNext: { en: 'Next: {next}', zh: '下一步：{next}' },

  // group/reverse-many.ts and group/board.ts: several groups.
  manySelected: {
    en: '{n} group(s) selected: {todo} to reverse to {to}, {noop} already there.',
    zh: '已选择 {n} 个保护组：{todo} 个将切换到 {to}，{noop} 个已在该侧。',
  },
  manyChecks: { en: 'Pre-flight checks ({n} group(s)):', zh: '切换前检查（{n} 个保护组）：' },
  manyReady: { en: '{name}: ready ({n} instance(s))', zh: '{name}：就绪（{n} 个保护实例）' },
  manyFailedLine: { en: '{name}: {failures}', zh: '{name}：{failures}' },
  manyWarning: { en: '    ! {name}: {warning}', zh: '    ! {name}：{warning}' },
  manyFailed: {
    en: 'pre-flight checks failed for {n} of {total} group(s): {names}; nothing was sent',
    zh: '{total} 个保护组中有 {n} 个未通过切换前检查：{names}；未发送任何请求',
  },
  manyConfirm: {
    en: "Reverse {n} group(s) to {to}: production moves to each group's {to} AZ; {instances} protected instance(s) move in total. Continue?",
    zh: '将 {n} 个保护组切换到 {to}：生产将迁移到各保护组的 {to} 可用区；共 {instances} 个保护实例随之切换。是否继续？',
  },
  rowSubmitting: { en: 'submitting', zh: '正在提交' },
  rowFollowing: { en: 'no clear answer from the service, but {seen}; following the group', zh: '服务没有明确应答，但 {seen}；继续跟踪保护组' },
  rowNoJobId: { en: 'submitted (no job id)', zh: '已提交（没有任务 ID）' },
  rowReversedSeen: { en: 'reversed (no clear answer from the service, but {seen})', zh: '已切换（服务没有明确应答，但 {seen}）' },
  rowSubmittedJob: { en: 'submitted: job {job}', zh: '已提交：任务 {job}' },
  rowJobSubmitted: { en: 'job {job} submitted', zh: '任务 {job} 已提交' },
  rowGroupStatus: { en: 'group {status}', zh: '保护组 {status}' },
  colGroup: { en: 'GROUP', zh: '保护组' },
  colResult: { en: 'RESULT', zh: '结果' },
  colStatus: { en: 'STATUS', zh: '状态' },
  colProduction: { en: 'PRODUCTION', zh: '生产站点' },
  colJob: { en: 'JOB', zh: '任务' },
  colExit: { en: 'EXIT', zh: '退出码' },
  manyNotFinished: {
    en: '{bad} of {total} group(s) did not finish the reverse: {list}',
    zh: '{total} 个保护组中有 {bad} 个没有完成切换：{list}',
  },
  manyExitItem: { en: '{name} (exit {code})', zh: '{name}（退出码 {code}）' },
  manyResume: { en: 'Jobs continue on the service; resume watching with: {cmds}', zh: '任务仍在服务端继续；继续观察：{cmds}' },
  manyUnknown: { en: 'Outcome not known for {n} group(s); check with: {cmds}', zh: '{n} 个保护组的结果未知；请检查：{cmds}' },
  boardQueued: { en: 'queued', zh: '排队中' },
  boardSummary: {
    en: '{done}/{total} done, {moving} in progress, {failed} failed, {queued} queued · {elapsed}',
    zh: '已完成 {done}/{total}，进行中 {moving}，失败 {failed}，排队 {queued} · {elapsed}',
  },
  boardMore: { en: '  … and {n} more', zh: '  … 另外 {n} 个' },
  boardStillWaiting: { en: 'still waiting: {summary}', zh: '仍在等待：{summary}' },
  boardJob: { en: 'job {status}', zh: '任务 {status}' },
  boardJobGroup: { en: 'job {status}, group {group}', zh: '任务 {status}，保护组 {group}' },
  verbReverse: { en: 'reverse', zh: '切换' },
  reversingTo: { en: 'Reversing {name} to {to} ({az})', zh: '切换 {name} 到 {to}（{az}）' },
  seenMoved: {
    en: 'production now runs on {to} ({az}), so the reverse was carried out (group {status})',
    zh: '生产现在运行在 {to}（{az}），说明切换已执行（保护组 {status}）',
  },
  seenNowStatus: { en: 'the group is now {status}, so the service did accept it', zh: '保护组现在是 {status}，说明服务确实已接受该请求' },
  toStation: { en: 'to {to} ({az})', zh: '到 {to}（{az}）' },
  alreadyThere: { en: 'group {name} already runs production on {to} ({az}) and is protected', zh: '保护组 {name} 已在 {to}（{az}）上运行生产业务，且处于保护状态' },
  verbSwitchover: { en: 'switchover', zh: '切换' },
} as const satisfies Catalog;
