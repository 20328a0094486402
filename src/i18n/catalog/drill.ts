/** Messages of the DR drill commands (src/commands/drill/). */
import type { Catalog } from '../index.js';

export const drillMsg = {
  // common.ts: picking a group or a drill
  missingGroup: {
    en: 'missing <group>: name the protection group to {verb} (prompts are off without a terminal or with --no-input/--json)',
    zh: '缺少 <group>：请指定要{verb}的保护组（没有终端或使用 --no-input/--json 时不会提示输入）',
  },
  noGroups: { en: 'there are no protection groups', zh: '没有任何保护组' },
  noGroupsHint: { en: 'Create one first: sdrs group create', zh: '请先创建一个：sdrs group create' },
  pickGroup: { en: 'Protection group to {verb}', zh: '要{verb}的保护组' },
  missingDrill: {
    en: 'missing <drill>: name the DR drill to {verb} (prompts are off without a terminal or with --no-input/--json)',
    zh: '缺少 <drill>：请指定要{verb}的容灾演练（没有终端或使用 --no-input/--json 时不会提示输入）',
  },
  noDrills: { en: 'there are no DR drills', zh: '没有任何容灾演练' },
  noDrillsHint: { en: 'Start one with: sdrs drill create <group>', zh: '请先开始一个：sdrs drill create <group>' },
  pickDrill: { en: 'DR drill to {verb}', zh: '要{verb}的容灾演练' },
  verbRehearse: { en: 'rehearse', zh: '演练' },
  verbDrill: { en: 'drill', zh: '演练' },
  verbDelete: { en: 'delete', zh: '删除' },
  verbRename: { en: 'rename', zh: '改名' },
  verbShow: { en: 'show', zh: '查看' },
  deleteEffects: {
    en: 'its {n} drill server(s) with their disks and NICs are deleted; the drill VPC {vpc} and its subnets are kept; EIPs bound to drill servers are unbound, not deleted',
    zh: '其 {n} 台演练云服务器及其磁盘和网卡被删除；演练虚拟私有云 {vpc} 及其子网保留；绑定到演练云服务器的 EIP 会解绑，不会删除',
  },
  vpcNotFound: { en: 'VPC {ref} not found', zh: '未找到虚拟私有云 {ref}' },
  vpcAmbiguous: { en: 'VPC {ref} not found (the name is ambiguous; pass the id)', zh: '未找到虚拟私有云 {ref}（名称不唯一，请使用 ID）' },
  vpcList: { en: 'VPCs: {list}', zh: '虚拟私有云：{list}' },
  vpcListNone: { en: 'VPCs: none', zh: '虚拟私有云：无' },
  // common.ts: the pre-flight checklist
  checkGroupStatus: { en: 'group {group} is {status}', zh: '保护组 {group} 的状态为 {status}' },
  checkInstances: { en: '{n} protected instance(s) to build drill servers from', zh: '有 {n} 个保护实例可用于创建演练云服务器' },
  checkNoInstances: {
    en: 'group {group} protects no servers: a drill would build nothing; add them first: sdrs instance add {ref} --server <server>',
    zh: '保护组 {group} 没有保护任何云服务器：演练将不会创建任何东西；请先添加：sdrs instance add {ref} --server <server>',
  },
  checkSynced: { en: 'first synchronisation complete ({n} pair(s) at 100%)', zh: '首次同步已完成（{n} 个复制对均为 100%）' },
  checkNotSynced: {
    en: 'first synchronisation not complete: {list} (drill servers may fail to start); wait: sdrs group status {ref} --watch',
    zh: '首次同步未完成：{list}（演练云服务器可能无法开机）；请等待：sdrs group status {ref} --watch',
  },
  checkOwnVpc: {
    en: "drill VPC {vpc} is the group's own VPC: drill servers must be isolated from production; pick another VPC or omit --vpc (the service then creates one)",
    zh: '演练虚拟私有云 {vpc} 就是保护组自身的虚拟私有云：演练云服务器必须与生产隔离；请选择其他虚拟私有云，或不指定 --vpc（服务将自动创建一个）',
  },
  checkNotOwnVpc: { en: "drill VPC {vpc} is not the group's VPC", zh: '演练虚拟私有云 {vpc} 不是保护组的虚拟私有云' },
  checkSameCidr: { en: "drill VPC {vpc} has the group VPC's CIDR {cidr}", zh: '演练虚拟私有云 {vpc} 与保护组的虚拟私有云网段相同：{cidr}' },
  checkOtherCidr: {
    en: "drill VPC {vpc} has CIDR {cidr}, the group's VPC {own} has {ownCidr}; they must be the same",
    zh: '演练虚拟私有云 {vpc} 的网段为 {cidr}，保护组的虚拟私有云 {own} 的网段为 {ownCidr}；两者必须相同',
  },
  checkOwnMissing: {
    en: "drill VPC {vpc} has CIDR {cidr}, the group's VPC {own} was not found; they must be the same",
    zh: '演练虚拟私有云 {vpc} 的网段为 {cidr}，未找到保护组的虚拟私有云 {own}；两者的网段必须相同',
  },
  checkSubnets: { en: 'drill VPC {vpc} has {n} subnet(s)', zh: '演练虚拟私有云 {vpc} 有 {n} 个子网' },
  checkNoSubnets: { en: 'drill VPC {vpc} has no subnets; add one first', zh: '演练虚拟私有云 {vpc} 没有子网；请先添加一个' },
  preflightRefused: {
    en: 'a DR drill of group {group} would be refused: {reasons}',
    zh: '保护组 {group} 的容灾演练将被拒绝：{reasons}',
  },
  preflightRefusedHint: {
    en: 'Nothing was sent. Fix the items marked ✖ and run the command again.',
    zh: '未发送任何请求。请修正标有 ✖ 的各项，然后再次运行该命令。',
  },
  reasonSep: { en: '; ', zh: '；' },
  // common.ts: why a delete would be refused
  deleteRefusal: {
    en: 'drill {drill} is {status}; the service deletes a drill only when it is {allowed} ({when})',
    zh: '演练 {drill} 的状态为 {status}；服务只在演练状态为 {allowed} 时才能删除它（{when}）',
  },
  whenCreating: { en: 'wait until it is available', zh: '请等待它变为 available' },
  whenDeleting: { en: 'it is already being deleted', zh: '它已在删除中' },
  whenOther: { en: 'see: sdrs drill show {id}', zh: '查看：sdrs drill show {id}' },
  // run.ts: flags
  verifyEmpty: {
    en: '--verify is empty: pass a shell command, e.g. --verify \'curl -fsS "http://$SDRS_DRILL_SERVER_1_ADDRESS/health"\'',
    zh: '--verify 为空：请传入一条 shell 命令，例如 --verify \'curl -fsS "http://$SDRS_DRILL_SERVER_1_ADDRESS/health"\'',
  },
  verifyTimeoutAlone: { en: '--verify-timeout limits the --verify command; pass --verify too', zh: '--verify-timeout 限制的是 --verify 命令；请同时传入 --verify' },
  verifyTimeoutZero: { en: '--verify-timeout must be greater than 0', zh: '--verify-timeout 必须大于 0' },
  // run.ts: phases
  phasePreflight: { en: 'Pre-flight: can group {group} be rehearsed?', zh: '预检：保护组 {group} 能否进行容灾演练？' },
  phaseEarlierCleanup: {
    en: 'Drill {drill} of an earlier run is being deleted: waiting until it is gone',
    zh: '之前运行创建的演练 {drill} 正在删除：等待其删除完成',
  },
  phaseCreateExists: { en: 'Create: drill {name} exists ({status})', zh: '创建：演练 {name} 已存在（{status}）' },
  phaseCreate: { en: 'Create: drill {name} of group {group}', zh: '创建：保护组 {group} 的演练 {name}' },
  phaseServers: { en: 'Drill servers: waiting until all {n} are ACTIVE', zh: '演练云服务器：等待全部 {n} 台变为 ACTIVE' },
  phaseVerify: { en: 'Verify: {command}', zh: '验证：{command}' },
  phaseCleanup: { en: 'Clean up: delete drill {drill} ({effects})', zh: '清理：删除演练 {drill}（{effects}）' },
  manyDrills: {
    en: 'group {group} has {n} drills named {name}; a run cannot tell which is its own',
    zh: '保护组 {group} 有 {n} 个名为 {name} 的演练；无法判断哪一个属于本次运行',
  },
  manyDrillsHint: {
    en: 'Delete the extra ones (sdrs drill list --group {id}) or pass another --name',
    zh: '请删除多余的演练（sdrs drill list --group {id}），或传入其他 --name',
  },
  earlierInError: {
    en: 'drill {drill} ({id}) from an earlier run is {status}; nothing was sent',
    zh: '之前运行创建的演练 {drill}（{id}）的状态为 {status}；未发送任何请求',
  },
  earlierInErrorHint: {
    en: 'Inspect it (sdrs drill show {id}), then clean it up: {cleanup}; then run this again',
    zh: '请先查看（sdrs drill show {id}），再清理：{cleanup}；然后重新运行本命令',
  },
  carryingOn: {
    en: 'Found drill {drill} ({id}, {status}) created by an earlier run of this command: carrying on with it.',
    zh: '找到本命令之前运行创建的演练 {drill}（{id}，{status}）：继续使用它。',
  },
  // run.ts: dry run notes (one sentence per combination, so each language keeps its own order)
  dryResumeVerifyKeep: {
    en: 'Dry run: drill {drill} of an earlier run exists; a run would wait for its servers, run --verify and keep it.',
    zh: '试运行：之前运行创建的演练 {drill} 已存在；实际运行将等待其云服务器就绪、运行 --verify 并保留该演练。',
  },
  dryResumeVerify: {
    en: 'Dry run: drill {drill} of an earlier run exists; a run would wait for its servers, run --verify, then send this delete.',
    zh: '试运行：之前运行创建的演练 {drill} 已存在；实际运行将等待其云服务器就绪、运行 --verify，然后发送此删除请求。',
  },
  dryResumeKeep: {
    en: 'Dry run: drill {drill} of an earlier run exists; a run would wait for its servers and keep it.',
    zh: '试运行：之前运行创建的演练 {drill} 已存在；实际运行将等待其云服务器就绪并保留该演练。',
  },
  dryResume: {
    en: 'Dry run: drill {drill} of an earlier run exists; a run would wait for its servers, then send this delete.',
    zh: '试运行：之前运行创建的演练 {drill} 已存在；实际运行将等待其云服务器就绪，然后发送此删除请求。',
  },
  dryCreateVerifyKeep: {
    en: 'Dry run: a run would send this create, wait for the drill servers, run --verify and keep the drill.',
    zh: '试运行：实际运行将发送此创建请求、等待演练云服务器就绪、运行 --verify 并保留该演练。',
  },
  dryCreateVerify: {
    en: 'Dry run: a run would send this create, wait for the drill servers, run --verify, then delete the drill (DELETE .../disaster-recovery-drills/<new id>).',
    zh: '试运行：实际运行将发送此创建请求、等待演练云服务器就绪、运行 --verify，然后删除该演练（DELETE .../disaster-recovery-drills/<new id>）。',
  },
  dryCreateKeep: {
    en: 'Dry run: a run would send this create, wait for the drill servers and keep the drill.',
    zh: '试运行：实际运行将发送此创建请求、等待演练云服务器就绪并保留该演练。',
  },
  dryCreate: {
    en: 'Dry run: a run would send this create, wait for the drill servers, then delete the drill (DELETE .../disaster-recovery-drills/<new id>).',
    zh: '试运行：实际运行将发送此创建请求、等待演练云服务器就绪，然后删除该演练（DELETE .../disaster-recovery-drills/<new id>）。',
  },
  // run.ts: the confirmation
  confirmRun: {
    en: 'Rehearse a recovery of group {group}: {what}, wait for its servers{verify}{keep}. Production keeps running. Continue?',
    zh: '对保护组 {group} 进行容灾演练：{what}，等待其云服务器就绪{verify}{keep}。生产业务不受影响。是否继续？',
  },
  confirmCarryOn: { en: 'carry on with drill {drill}', zh: '继续使用演练 {drill}' },
  confirmCreateInVpc: {
    en: 'create drill {name} (drill servers built from the DR-site replicas in VPC {vpc})',
    zh: '创建演练 {name}（基于容灾站点的副本在虚拟私有云 {vpc} 中创建演练云服务器）',
  },
  confirmCreateNewVpc: {
    en: 'create drill {name} (drill servers built from the DR-site replicas in a new drill VPC)',
    zh: '创建演练 {name}（基于容灾站点的副本在新的演练虚拟私有云中创建演练云服务器）',
  },
  confirmVerify: { en: ', run the --verify command', zh: '，运行 --verify 命令' },
  confirmKeep: { en: ', keep the drill', zh: '，保留该演练' },
  confirmDelete: { en: ', delete the drill', zh: '，删除该演练' },
  // run.ts: progress
  serversReady: { en: 'Drill servers ready: {list}', zh: '演练云服务器已就绪：{list}' },
  serversReadyNone: { en: 'Drill servers ready: none', zh: '演练云服务器已就绪：无' },
  noAddress: { en: '(no address)', zh: '（无地址）' },
  recoveryTime: { en: 'Recovery time (start to drill servers ready): {time}', zh: '恢复时间（从开始到演练云服务器就绪）：{time}' },
  verifyPassed: { en: '✔ verify passed', zh: '✔ 验证通过' },
  verifyError: { en: '✖ verify {error}', zh: '✖ 验证命令{error}' },
  verifyTimedOut: { en: '✖ verify timed out after {time}', zh: '✖ 验证在 {time} 后超时' },
  verifyFailedSignal: { en: '✖ verify failed (signal {signal})', zh: '✖ 验证失败（信号 {signal}）' },
  verifyFailedExit: { en: '✖ verify failed (exit {code})', zh: '✖ 验证失败（退出码 {code}）' },
  // run.ts: the result
  resultResumed: {
    en: 'DR drill {drill} of group {group}: recovery time not measured (carried on with the drill an earlier, unfinished run created)',
    zh: '保护组 {group} 的容灾演练 {drill}：未测量恢复时间（继续使用了之前未完成的运行所创建的演练）',
  },
  resultTime: {
    en: 'DR drill {drill} of group {group}: recovery time {time} (start to drill servers ready)',
    zh: '保护组 {group} 的容灾演练 {drill}：恢复时间 {time}（从开始到演练云服务器就绪）',
  },
  hPhase: { en: 'PHASE', zh: '阶段' },
  hResult: { en: 'RESULT', zh: '结果' },
  hDuration: { en: 'DURATION', zh: '耗时' },
  hStarted: { en: 'STARTED', zh: '开始时间' },
  hDrillServer: { en: 'DRILL SERVER', zh: '演练云服务器' },
  hStatus: { en: 'STATUS', zh: '状态' },
  hAddresses: { en: 'ADDRESSES', zh: '地址' },
  groupUntouched: { en: 'Group {group} is still {status}, production on {production}.', zh: '保护组 {group} 仍为 {status}，生产站点在 {production}。' },
  groupChanged: {
    en: 'Group {group} was {before} (production on {prodBefore}), now {after} (production on {prodAfter}).',
    zh: '保护组 {group} 之前为 {before}（生产站点在 {prodBefore}），现在为 {after}（生产站点在 {prodAfter}）。',
  },
  unreadable: { en: 'unreadable', zh: '无法读取' },
  drillKept: { en: 'Drill {drill} kept (--keep). Clean up when done: {cleanup}', zh: '演练 {drill} 已保留（--keep）。用完后请清理：{cleanup}' },
  drillDeleted: {
    en: 'Drill {drill} deleted; its drill VPC {vpc} and subnets are kept.',
    zh: '演练 {drill} 已删除；其演练虚拟私有云 {vpc} 和子网保留。',
  },
  failedError: { en: '✖ Drill failed: the --verify command {error}.', zh: '✖ 演练失败：--verify 命令{error}。' },
  failedTimedOut: { en: '✖ Drill failed: the --verify command timed out after {time}.', zh: '✖ 演练失败：--verify 命令在 {time} 后超时。' },
  failedSignal: { en: '✖ Drill failed: the --verify command was killed by {signal}.', zh: '✖ 演练失败：--verify 命令被 {signal} 终止。' },
  failedExit: { en: '✖ Drill failed: the --verify command exited {code}.', zh: '✖ 演练失败：--verify 命令以退出码 {code} 退出。' },
  verifyFailedErr: {
    en: 'drill {drill}: the --verify command {why}{after}',
    zh: '演练 {drill}：--verify 命令{why}{after}',
  },
  whyTimedOut: { en: 'timed out', zh: '超时' },
  whySignal: { en: 'was killed by {signal}', zh: '被 {signal} 终止' },
  whyExit: { en: 'exited {code}', zh: '以退出码 {code} 退出' },
  afterKept: { en: '; the drill was kept', zh: '；演练已保留' },
  afterDeleted: { en: '; the drill was deleted', zh: '；演练已删除' },
  verifyFailedKeptHint: {
    en: 'Inspect the drill servers (sdrs drill show {id}), then clean up: {cleanup}',
    zh: '请查看演练云服务器（sdrs drill show {id}），然后清理：{cleanup}',
  },
  verifyFailedHint: {
    en: 'See the --verify output above; the drill servers are gone, production was not touched.',
    zh: '请查看上面的 --verify 输出；演练云服务器已删除，生产业务未受影响。',
  },
  passedVerifyResumed: {
    en: "✔ Drill passed (verify passed): recovery time not measured (carried on with an earlier run's drill).",
    zh: '✔ 演练通过（验证通过）：未测量恢复时间（继续使用了之前运行的演练）。',
  },
  passedResumed: {
    en: "✔ Drill passed: recovery time not measured (carried on with an earlier run's drill).",
    zh: '✔ 演练通过：未测量恢复时间（继续使用了之前运行的演练）。',
  },
  passedVerify: { en: '✔ Drill passed (verify passed): recovery time {time}.', zh: '✔ 演练通过（验证通过）：恢复时间 {time}。' },
  passed: { en: '✔ Drill passed: recovery time {time}.', zh: '✔ 演练通过：恢复时间 {time}。' },
  // run.ts: refusing an available drill
  takeOverNoRun: {
    en: "drill {drill} ({id}) of group {group} is available and no unfinished sdrs drill run of it is in this machine's journal (made by another command, on another machine, or kept); this run will not take it over; nothing was sent",
    zh: '保护组 {group} 的演练 {drill}（{id}）为 available，且本机操作日志中没有它的未完成的 sdrs drill run（由其他命令或其他机器创建，或被保留）；本次运行不会接管它；未发送任何请求',
  },
  takeOverRunning: {
    en: 'drill {drill} ({id}) of group {group} is available and sdrs drill run (pid {pid}, started {started}) is working on it now; this run will not take it over; nothing was sent',
    zh: '保护组 {group} 的演练 {drill}（{id}）为 available，且 sdrs drill run（pid {pid}，开始于 {started}）正在使用它；本次运行不会接管它；未发送任何请求',
  },
  takeOverKept: {
    en: 'drill {drill} ({id}) of group {group} is available and it was kept by an earlier run (--keep, {when}); this run will not take it over; nothing was sent',
    zh: '保护组 {group} 的演练 {drill}（{id}）为 available，且它由之前的运行保留（--keep，{when}）；本次运行不会接管它；未发送任何请求',
  },
  takeOverRunningHint: { en: 'Let that run finish, or pass another --name', zh: '请等待那次运行结束，或传入其他 --name' },
  takeOverHint: {
    en: 'Delete it: {cleanup}; or pass another --name to rehearse with a new drill',
    zh: '删除它：{cleanup}；或传入其他 --name，用新的演练进行演练',
  },
  // run.ts: stopping at a phase
  stoppedAt: {
    en: 'drill run of group {group} stopped at the {phase} phase: {message}',
    zh: '保护组 {group} 的 drill run 在 {phase} 阶段停止：{message}',
  },
  rerun: {
    en: 're-run the same command to carry on (it finds drill {drill})',
    zh: '重新运行同一命令即可继续（它会找到演练 {drill}）',
  },
  existsGone: { en: 'Drill {drill}{id} no longer exists; check: sdrs drill list --group {group}', zh: '演练 {drill}{id} 已不存在；检查：sdrs drill list --group {group}' },
  existsDeleting: { en: 'Drill {drill} ({id}) is being deleted; follow it: sdrs drill show {id}', zh: '演练 {drill}（{id}）正在删除；跟踪：sdrs drill show {id}' },
  existsOr: { en: 'Or {rerun}.', zh: '或者{rerun}。' },
  existsNow: {
    en: 'What exists now: drill {drill} ({id}), {status}{lastRead}, with {n} drill server(s) in VPC {vpc}. Clean up: {cleanup}{orRerun}.',
    zh: '当前已存在：演练 {drill}（{id}），状态 {status}{lastRead}，在虚拟私有云 {vpc} 中有 {n} 台演练云服务器。清理：{cleanup}{orRerun}。',
  },
  whenLastRead: { en: ' when last read', zh: '（最后一次读取时）' },
  orRerun: { en: '; or {rerun}', zh: '；或者{rerun}' },
  existsNone: {
    en: 'No drill named {drill} could be read; check: sdrs drill list --group {group}; or {rerun}.',
    zh: '无法读取名为 {drill} 的演练；检查：sdrs drill list --group {group}；或者{rerun}。',
  },
  acceptedUnknown: {
    en: '{message}; the service had accepted {operation}{job}, so the outcome is unknown',
    zh: '{message}；服务已接受{operation}{job}，因此结果未知',
  },
  acceptedJob: { en: ' (job {job})', zh: '（任务 {job}）' },
  verifyNotStarted: { en: 'could not be started: {reason}', zh: '无法启动：{reason}' },
  stoppedBeforeVerify: { en: 'stopped before the --verify command ran', zh: '在 --verify 命令运行前已停止' },
  stoppedInVerify: { en: 'stopped while the --verify command ran', zh: '在 --verify 命令运行时停止' },
  // create.ts
  confirmCreate: {
    en: 'Create DR drill {drill} of group {group}: drill servers are built from the DR-site replicas in {where}; production and replication keep running; the drill servers cost money until the drill is deleted. Continue?',
    zh: '创建保护组 {group} 的容灾演练 {drill}：基于容灾站点的副本在{where}中创建演练云服务器；生产和复制不受影响；删除演练之前演练云服务器会持续计费。是否继续？',
  },
  whereVpc: { en: 'VPC {vpc}', zh: '虚拟私有云 {vpc} ' },
  whereNewVpc: { en: 'a new drill VPC', zh: '新的演练虚拟私有云' },
  created: {
    en: '✔ DR drill {drill} of {group} is {status}: {n} drill server(s) in VPC {vpc}.',
    zh: '✔ 保护组 {group} 的容灾演练 {drill} 为 {status}：虚拟私有云 {vpc} 中有 {n} 台演练云服务器。',
  },
  createdNext: {
    en: 'See its servers: sdrs drill show {id}; clean up when done: {cleanup}',
    zh: '查看其云服务器：sdrs drill show {id}；用完后请清理：{cleanup}',
  },
  // delete.ts
  deleteWaitHint: { en: 'Wait for it: sdrs drill show {id}', zh: '请等待：sdrs drill show {id}' },
  deleteSeeHint: { en: 'See it: sdrs drill show {id}', zh: '查看：sdrs drill show {id}' },
  confirmDeleteDrill: { en: 'Delete DR drill {drill}: {effects}. Continue?', zh: '删除容灾演练 {drill}：{effects}。是否继续？' },
  deleted: { en: '✔ DR drill {drill} ({id}) deleted: {effects}.', zh: '✔ 容灾演练 {drill}（{id}）已删除：{effects}。' },
  // list.ts
  noneListed: { en: 'No DR drills{ofGroup}{inStatus}.', zh: '没有{ofGroup}{inStatus}容灾演练。' },
  ofGroup: { en: ' of {group}', zh: '保护组 {group} 的' },
  inStatus: { en: ' in status {status}', zh: '状态为 {status} 的' },
  hId: { en: 'ID', zh: 'ID' },
  hName: { en: 'NAME', zh: '名称' },
  hGroup: { en: 'GROUP', zh: '保护组' },
  hServers: { en: 'SERVERS', zh: '云服务器数' },
  hDrillVpc: { en: 'DRILL VPC', zh: '演练虚拟私有云' },
  hCreated: { en: 'CREATED', zh: '创建时间' },
  // rename.ts
  missingNewName: { en: 'missing <new-name> (prompts are off without a terminal or with --no-input/--json)', zh: '缺少 <new-name>（没有终端或使用 --no-input/--json 时不会提示输入）' },
  newNamePrompt: { en: 'New name of drill {drill}', zh: '演练 {drill} 的新名称' },
  nameProblem: { en: 'The name {problem}', zh: '名称不符合要求：{problem}' },
  renamed: { en: '✔ DR drill {id} renamed from {from} to {to}.', zh: '✔ 容灾演练 {id} 已从 {from} 改名为 {to}。' },
  // show.ts
  fId: { en: 'ID:', zh: 'ID：' },
  fName: { en: 'Name:', zh: '名称：' },
  fStatus: { en: 'Status:', zh: '状态：' },
  fGroup: { en: 'Group:', zh: '保护组：' },
  fDrillVpc: { en: 'Drill VPC:', zh: '演练虚拟私有云：' },
  fServers: { en: 'Servers:', zh: '云服务器：' },
  fCreated: { en: 'Created:', zh: '创建时间：' },
  fUpdated: { en: 'Updated:', zh: '更新时间：' },
  hProtectedInstance: { en: 'PROTECTED INSTANCE', zh: '保护实例' },
  showCleanup: {
    en: 'Clean up: {cleanup} (the drill VPC and its subnets are kept)',
    zh: '清理：{cleanup}（演练虚拟私有云及其子网保留）',
  },
  // submit.ts
  drillEndedHint: {
    en: 'Drill {drill} ({id}) exists, {status}. Inspect it: sdrs drill show {id}; clean up: {cleanup}',
    zh: '演练 {drill}（{id}）存在，状态为 {status}。查看：sdrs drill show {id}；清理：{cleanup}',
  },
  whatExists: { en: 'What exists now: {list}. Clean up: {cleanup}', zh: '当前已存在：{list}。清理：{cleanup}' },
  whatExistsItem: {
    en: 'drill {drill} ({id}) {status} with {n} drill server(s)',
    zh: '演练 {drill}（{id}），状态 {status}，有 {n} 台演练云服务器',
  },
  whatExistsNone: {
    en: 'No drill named {name} is listed in the group now; check: sdrs drill list --group {group}',
    zh: '该保护组当前没有名为 {name} 的演练；检查：sdrs drill list --group {group}',
  },
  createUnknownSome: { en: '{message}; {n} new drills of that name appeared', zh: '{message}；出现了 {n} 个该名称的新演练' },
  createUnknownNone: { en: '{message}; no new drill of that name has appeared', zh: '{message}；没有出现该名称的新演练' },
  noResend: { en: 'Do not re-send blindly. Check with: {check}', zh: '请勿盲目重发。请用以下命令检查：{check}' },
  deleteUnknown: {
    en: '{message}; the drill is {status}, which does not show whether it was accepted',
    zh: '{message}；演练的状态为 {status}，无法判断请求是否已被接受',
  },
  renameUnknown: { en: '{message}; the drill is still named {name}', zh: '{message}；演练的名称仍为 {name}' },
  renameCheck: { en: 'Check with: sdrs drill show {id}', zh: '请用以下命令检查：sdrs drill show {id}' },
  jobNoDrill: {
    en: 'job {job} succeeded but no drill {name} of group {group} is listed',
    zh: '任务 {job} 已成功，但保护组 {group} 中没有列出演练 {name}',
  },
  jobDrillStatus: { en: 'job {job} succeeded but drill {drill} is {status}', zh: '任务 {job} 已成功，但演练 {drill} 的状态为 {status}' },
  jobDrillLeft: {
    en: 'job {job} succeeded but drill {drill} is still there, {status}',
    zh: '任务 {job} 已成功，但演练 {drill} 仍然存在，状态为 {status}',
  },
  drillGone: { en: 'drill {id} is gone', zh: '演练 {id} 已不存在' },
  drillIsStatus: { en: 'drill {drill} is {status}', zh: '演练 {drill} 的状态为 {status}' },
  drillLeftAvailable: {
    en: 'drill {drill} is {status} while its servers were awaited',
    zh: '在等待演练云服务器时，演练 {drill} 的状态变为 {status}',
  },
  serversInError: { en: 'drill server(s) {list} ended in ERROR', zh: '演练云服务器 {list} 进入 ERROR 状态' },
  yesCreate: { en: 'create a DR drill', zh: '创建容灾演练' },
  yesDelete: { en: 'delete a DR drill', zh: '删除容灾演练' },
  yesRun: { en: 'run a DR drill (it creates and deletes drill servers)', zh: '运行容灾演练（会创建并删除演练云服务器）' },
  alreadyNamed: { en: 'drill {id} is already named {name}', zh: '容灾演练 {id} 已命名为 {name}' },
  opCreating: { en: 'Creating DR drill {drill} of group {group}', zh: '为保护组 {group} 创建容灾演练 {drill}' },
  opDeleting: { en: 'Deleting DR drill {drill}', zh: '删除容灾演练 {drill}' },
  opRenaming: { en: 'Renaming DR drill {drill} to {name}', zh: '将容灾演练 {drill} 改名为 {name}' },
  followDrill: { en: 'DR drill {id}', zh: '容灾演练 {id}' },
  followDrillServers: { en: 'drill servers of {drill}', zh: '容灾演练 {drill} 的演练云服务器' },
  seenAppeared: { en: 'drill {id} of that name appeared in the group ({status})', zh: '保护组中出现了同名的容灾演练 {id}（{status}）' },
  seenGone: { en: 'the drill is gone: the delete was made', zh: '容灾演练已不存在：删除已完成' },
  seenDeleting: { en: 'the drill is now deleting, so the service accepted it', zh: '容灾演练现在是 deleting，说明服务已接受该请求' },
  seenRenamed: { en: 'the drill has the new name', zh: '容灾演练已是新名称' },
  verbDrillCreate: { en: 'drill create', zh: '创建容灾演练' },
  verbDrillDelete: { en: 'drill delete', zh: '删除容灾演练' },
  verbDrillRun: { en: 'drill run', zh: '运行容灾演练' },
} as const satisfies Catalog;
