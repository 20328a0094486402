/** Messages of `group create`, `group list`, `group show` and `group start|stop|failover|delete` (not reverse/switchover/status). */
import type { Catalog } from '../index.js';

const OFF = { en: '(prompts are off without a terminal or with --no-input/--json)', zh: '（没有终端或使用 --no-input/--json 时不会提示输入）' };

export const groupMsg = {
  // group create: flags
  descriptionInvalid: { en: '--description {value} {problem}', zh: '--description {value} 无效：{problem}' },
  drTypeUnsupported: { en: '--dr-type {value} is not supported; the only value is "migration"', zh: '不支持 --dr-type {value}：唯一可用的值是 "migration"' },
  sameAzFlags: {
    en: '--source-az and --target-az are both {az}; the DR AZ must differ from the production AZ',
    zh: '--source-az 和 --target-az 都是 {az}：容灾站点的可用区必须不同于生产站点的可用区',
  },
  missingFlag: { en: `missing {flags}: pass it as flags ${OFF.en}`, zh: `缺少 {flags}：请以参数形式传入${OFF.zh}` },
  missingFlags: { en: `missing {flags}: pass them as flags ${OFF.en}`, zh: `缺少 {flags}：请以参数形式传入${OFF.zh}` },
  missingFlagsHint: {
    en: "See 'sdrs domain list' for domains and 'sdrs group create --help' for an example.",
    zh: "双活域见 'sdrs domain list'，示例见 'sdrs group create --help'。",
  },
  // group create: prompts
  askName: { en: 'Group name', zh: '保护组名称' },
  badName: { en: 'The name {problem}', zh: '名称无效：{problem}' },
  askDescription: { en: 'Description (optional)', zh: '描述（可选）' },
  badDescription: { en: 'The description {problem}', zh: '描述无效：{problem}' },
  askDomain: { en: 'Active-active domain', zh: '双活域' },
  domainChoice: { en: '{name}: {local} -> {remote}', zh: '{name}：{local} -> {remote}' },
  domainChoiceSoldOut: { en: '{name}: {local} -> {remote} (sold out)', zh: '{name}：{local} -> {remote}（已售罄）' },
  confirmAzs: {
    en: 'Production AZ {source}, DR AZ {target} (from domain {domain}). Use these?',
    zh: '生产可用区 {source}，容灾可用区 {target}（来自双活域 {domain}）。使用这两个可用区吗？',
  },
  askProductionAz: {
    en: 'Production AZ (the DR AZ is the other AZ of domain {domain})',
    zh: '生产可用区（容灾可用区为双活域 {domain} 的另一个可用区）',
  },
  azChoice: { en: '{az} (DR AZ: {other})', zh: '{az}（容灾可用区：{other}）' },
  askVpc: { en: 'VPC of the production servers', zh: '生产站点云服务器所在的虚拟私有云' },
  // group create: refusals
  azNotInDomain: {
    en: '{flag} {az} is not an AZ of domain {domain}: pass {local} or {remote}',
    zh: '{flag} {az} 不是双活域 {domain} 的可用区：请传入 {local} 或 {remote}',
  },
  azNotInDomainHint: {
    en: 'A group replicates between the two AZs of its active-active domain; see them with: sdrs domain list',
    zh: '保护组在其双活域的两个可用区之间复制；查看这两个可用区：sdrs domain list',
  },
  sameAz: { en: 'the production and DR AZs are both {az}; they must differ', zh: '生产可用区和容灾可用区都是 {az}：两者必须不同' },
  duplicateName: {
    en: 'a protection group named {name} already exists ({existing}); nothing was sent',
    zh: '名为 {name} 的保护组已存在（{existing}）；未发送任何请求',
  },
  duplicateNameHint: {
    en: 'Pick another name, or pass --allow-duplicate-name (commands that name the group will then need its id).',
    zh: '请换一个名称，或传入 --allow-duplicate-name（之后指定该保护组的命令将需要使用其 ID）。',
  },
  vpcSeveral: { en: '--vpc {ref} names {count} VPCs; pass the id instead', zh: '--vpc {ref} 对应 {count} 个虚拟私有云：请改为传入 ID' },
  vpcSeveralHint: { en: 'Ids: {ids}', zh: '这些虚拟私有云的 ID：{ids}' },
  vpcUnknown: { en: '--vpc {ref} is neither the id nor the name of a VPC', zh: '--vpc {ref} 既不是虚拟私有云的 ID，也不是其名称' },
  vpcAvailable: { en: 'Available: {list}', zh: '可用的虚拟私有云：{list}' },
  vpcNoneAvailable: { en: 'Available: none', zh: '没有可用的虚拟私有云' },
  noGroupInJob: { en: 'job {job} succeeded but named no protection group', zh: '任务 {job} 已成功，但未给出保护组' },
  // group create: the result
  created: {
    en: 'Protection group {name} is {status}: production {source}, DR {target}.',
    zh: '保护组 {name} 的状态为 {status}：生产站点 {source}，容灾站点 {target}。',
  },
  next: {
    en: 'Next: protect its servers, pair their disks, then start protection: {example}; then sdrs group start {ref}',
    zh: '下一步：保护其云服务器，为其磁盘创建复制对，然后开启保护：{example}；然后 sdrs group start {ref}',
  },
  nextWithServers: {
    en: 'Next: protect its servers, pair their disks, then start protection: {example} (servers it can protect in {az}: {names}); then sdrs group start {ref}',
    zh: '下一步：保护其云服务器，为其磁盘创建复制对，然后开启保护：{example}（可在 {az} 中保护的云服务器：{names}）；然后 sdrs group start {ref}',
  },
  andMore: { en: ', and {count} more', zh: '，以及另外 {count} 台' },
  // group create: an unknown outcome
  unknownMaybe: {
    en: 'the create request for group {name} got no clear answer ({error}); it may or may not have been created',
    zh: '创建保护组 {name} 的请求未得到明确答复（{error}）；该保护组可能已创建，也可能未创建',
  },
  unknownNoneNew: {
    en: 'the create request for group {name} got no clear answer ({error}); it may or may not have been created: no new group of that name has appeared',
    zh: '创建保护组 {name} 的请求未得到明确答复（{error}）；该保护组可能已创建，也可能未创建：尚未出现该名称的新保护组',
  },
  unknownOneNew: {
    en: 'the create request for group {name} got no clear answer ({error}); it may have created {list}, the one group of that name that is new since this command looked (another client may have created it)',
    zh: '创建保护组 {name} 的请求未得到明确答复（{error}）；它可能创建了 {list}，即本命令查看之后新出现的唯一一个该名称的保护组（也可能是其他客户端创建的）',
  },
  unknownSomeNew: {
    en: 'the create request for group {name} got no clear answer ({error}); it may have created one of the {count} groups of that name that are new since this command looked: {list}',
    zh: '创建保护组 {name} 的请求未得到明确答复（{error}）；它可能创建了本命令查看之后新出现的 {count} 个该名称的保护组之一：{list}',
  },
  unknownAnyNamed: {
    en: 'the create request for group {name} got no clear answer ({error}); it may have created one of the groups of that name (the list from before the request could not be read): {list}',
    zh: '创建保护组 {name} 的请求未得到明确答复（{error}）；它可能创建了该名称的保护组之一（无法读取请求之前的列表）：{list}',
  },
  checkBeforeRetry: { en: 'Check before retrying: {look}', zh: '重试前请先检查：{look}' },
  checkBeforeRetryOld: {
    en: 'Check before retrying: {look} (already there before this request, so not created by it: {ids})',
    zh: '重试前请先检查：{look}（{ids} 在本次请求之前已存在，因此不是它创建的）',
  },
  doNotCreateAgainOne: { en: 'Do not create it again blindly. Check it with: {commands}', zh: '不要盲目再次创建。请先检查：{commands}' },
  doNotCreateAgainMany: { en: 'Do not create it again blindly. Check them with: {commands}', zh: '不要盲目再次创建。请先检查：{commands}' },

  // group list
  noGroups: { en: 'No protection groups found.', zh: '未找到保护组。' },
  noGroupsOverdue: { en: 'No protection groups are overdue for a DR drill.', zh: '没有超过期限未做容灾演练的保护组。' },
  hId: { en: 'ID', zh: 'ID' },
  hName: { en: 'NAME', zh: '名称' },
  hStatus: { en: 'STATUS', zh: '状态' },
  hProduction: { en: 'PRODUCTION', zh: '生产站点' },
  hDr: { en: 'DR', zh: '容灾站点' },
  hInstances: { en: 'INSTANCES', zh: '保护实例' },
  hPairs: { en: 'PAIRS', zh: '复制对' },

  // group show
  fId: { en: 'ID', zh: 'ID' },
  fName: { en: 'Name', zh: '名称' },
  fDescription: { en: 'Description', zh: '描述' },
  fStatus: { en: 'Status', zh: '状态' },
  fProduction: { en: 'Production', zh: '生产站点' },
  fDr: { en: 'DR site', zh: '容灾站点' },
  fCreatedAzs: { en: 'Created AZs', zh: '创建时的可用区' },
  createdAzs: { en: 'source {source}, target {target}', zh: '源端 {source}，目标端 {target}' },
  fDomain: { en: 'Domain', zh: '双活域' },
  fVpc: { en: 'VPC', zh: '虚拟私有云' },
  fInstances: { en: 'Instances', zh: '保护实例' },
  fPairs: { en: 'Pairs', zh: '复制对' },
  fDrills: { en: 'DR drills', zh: '容灾演练' },
  fProgress: { en: 'Progress', zh: '进度' },
  fCreated: { en: 'Created', zh: '创建时间' },
  fUpdated: { en: 'Updated', zh: '更新时间' },

  // group start|stop|failover|delete
  alreadyOn: {
    en: 'protection of {name} is already on (protected); replication runs {from} -> {to}',
    zh: '{name} 的保护已开启（protected）；复制方向 {from} -> {to}',
  },
  alreadyOff: { en: 'protection of {name} is already off (available)', zh: '{name} 的保护已停止（available）' },
  alreadyFailedOver: {
    en: '{name} is already failed over; production runs in {production} ({station})',
    zh: '{name} 已完成故障切换；生产业务运行在 {production}（{station}）',
  },
  /** What needs --yes, and what a "no" at the prompt cancels (the pipeline's sentences take them). */
  yesStop: { en: 'stop protection', zh: '停止保护' },
  yesDelete: { en: 'delete a protection group', zh: '删除保护组' },
  yesReprotect: { en: 're-protect', zh: '重新保护' },
  verbStop: { en: 'stop', zh: '停止保护' },
  verbDelete: { en: 'delete', zh: '删除' },
  failoverNeedsConfirmation: {
    en: `refusing to fail over without confirmation: pass --yes or --confirm <group-name> ${OFF.en}`,
    zh: `未经确认，拒绝执行故障切换：请传入 --yes 或 --confirm <group-name>${OFF.zh}`,
  },
  confirmMismatch: {
    en: "--confirm {typed} does not match the group's name {name}; nothing was sent",
    zh: '--confirm {typed} 与保护组名称 {name} 不符；未发送任何请求',
  },
  cannotStart: { en: 'cannot start protection of group {name}: {reasons}', zh: '无法开启保护组 {name} 的保护：{reasons}' },
  cannotStop: { en: 'cannot stop protection of group {name}: {reasons}', zh: '无法停止保护组 {name} 的保护：{reasons}' },
  cannotFailover: { en: 'cannot fail over group {name}: {reasons}', zh: '无法对保护组 {name} 执行故障切换：{reasons}' },
  cannotDelete: { en: 'cannot delete group {name}: {reasons}', zh: '无法删除保护组 {name}：{reasons}' },
  refusedHint: {
    en: 'Nothing was sent. See what can be done next: sdrs group status {ref}',
    zh: '未发送任何请求。查看接下来可以做什么：sdrs group status {ref}',
  },
  checksSkipped: {
    en: 'Checks skipped (--skip-checks); the service still enforces its own rules.',
    zh: '已跳过检查（--skip-checks）；服务仍会执行其自身的规则。',
  },
  note: { en: 'Note: {note}', zh: '注意：{note}' },
  askFailover: {
    en: 'Fail over {name}: production moves to {toAz} ({to}) without a clean stop at {fromAz}, and replication stops. This is for a lost production site. Type the group name to confirm:',
    zh: '对 {name} 执行故障切换：生产站点将切换到 {toAz}（{to}），{fromAz} 上的业务不会正常停止，复制也将停止。此操作用于生产站点已丢失的情况。请输入保护组名称以确认：',
  },
  failoverCancelled: {
    en: 'failover cancelled: the typed name {typed} does not match {name}; nothing was sent',
    zh: '已取消故障切换：输入的名称 {typed} 与 {name} 不符；未发送任何请求',
  },
  askReprotect: {
    en: 'Re-protect {name}: replication restarts from {fromAz} ({from}) to {toAz}; the disks at {toAz} are overwritten. Continue?',
    zh: '重新保护 {name}：将重新开始从 {fromAz}（{from}）到 {toAz} 的复制；{toAz} 上的磁盘将被覆盖。是否继续？',
  },
  askStop: {
    en: 'Stop protection of {name}: replication between {fromAz} and {toAz} stops, and the group can be neither switched over nor failed over until it is started again. Continue?',
    zh: '停止 {name} 的保护：{fromAz} 与 {toAz} 之间的复制将停止，在重新开启保护之前，该保护组既不能切换，也不能故障切换。是否继续？',
  },
  askDelete: {
    en: 'Delete protection group {name} ({id})? This cannot be undone. Continue?',
    zh: '删除保护组 {name}（{id}）？此操作无法撤销。是否继续？',
  },
  deleted: { en: '✔ Protection group {name} ({id}) deleted.', zh: '✔ 保护组 {name}（{id}）已删除。' },
  reprotected: {
    en: '✔ Re-protected {name}: {status}; replication runs {from} -> {to}.',
    zh: '✔ 已重新保护 {name}：{status}；复制方向 {from} -> {to}。',
  },
  started: {
    en: '✔ Protection started for {name}: {status}; replication runs {from} -> {to}.',
    zh: '✔ 已开启 {name} 的保护：{status}；复制方向 {from} -> {to}。',
  },
  stopped: {
    en: '✔ Protection of {name} stopped: {status}. Start it again with: sdrs group start {ref}',
    zh: '✔ 已停止 {name} 的保护：{status}。重新开启保护：sdrs group start {ref}',
  },
  failedOver: {
    en: 'Production now runs in {production}. Group {name} is {status}; replication is stopped.',
    zh: '生产业务现在运行在 {production}。保护组 {name} 的状态为 {status}；复制已停止。',
  },
  nextStartServers: {
    en: 'Next: start the servers there (they are not started automatically)',
    zh: '下一步：将那里的云服务器开机（它们不会自动开机）',
  },
  nextStartTheseServers: {
    en: 'Next: start the servers there (they are not started automatically): sdrs server start {servers}',
    zh: '下一步：将那里的云服务器开机（它们不会自动开机）：sdrs server start {servers}',
  },
  whenUsableReprotect: {
    en: 'When {dr} is usable again, re-protect (the servers at {productionAz} must be stopped for it): sdrs group start {ref}',
    zh: '当 {dr} 恢复可用后，重新保护（需要先将 {productionAz} 上的云服务器关机）：sdrs group start {ref}',
  },
  opReprotect: { en: 'Re-protecting {name}', zh: '重新保护 {name}' },
  opStart: { en: 'Starting protection of {name}', zh: '开启保护 {name}' },
  opStop: { en: 'Stopping protection of {name}', zh: '停止保护 {name}' },
  opFailover: { en: 'Failing over {name}', zh: '故障切换 {name}' },
  opDelete: { en: 'Deleting {name}', zh: '删除保护组 {name}' },
  opCreate: { en: 'Creating group {name}', zh: '创建保护组 {name}' },
} as const satisfies Catalog;
