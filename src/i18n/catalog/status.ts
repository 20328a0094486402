/**
 * Messages of the status views: what can be done next with a group (group/rules.ts),
 * `group status` (group/status-view.ts, group/status.ts) and the multi-group board.
 */
import type { Catalog } from '../index.js';

export const status = {
  // group/rules.ts: reasons and notes of each next action.
  instanceBusy: { en: 'protected instance {name} is {status}; wait for it to finish', zh: '保护实例 {name} 处于 {status}；请等待其完成' },
  pairBusy: { en: 'replication pair {name} is {status}; wait for it to finish', zh: '复制对 {name} 处于 {status}；请等待其完成' },
  noPairs: {
    en: 'the group has no replication pairs; add one: sdrs pair add {ref} --volume <disk-id>',
    zh: '保护组没有复制对；请添加：sdrs pair add {ref} --volume <disk-id>',
  },
  invalidInstances: {
    en: 'protected instance(s) {names} are invalid (a server was deleted outside SDRS) and would make the reverse fail; remove them: sdrs instance remove {ref}',
    zh: '保护实例 {names} 无效（有云服务器在 SDRS 之外被删除），会导致切换失败；请删除：sdrs instance remove {ref}',
  },
  brokenPairs: { en: 'pair(s) {names}: {means}; {fix}', zh: '复制对 {names}：{means}；{fix}' },
  runningNote: {
    en: '{n} server(s) at the production site {az} are running ({names}); --stop-servers stops them first',
    zh: '生产站点 {az} 有 {n} 台云服务器正在运行（{names}）；--stop-servers 会先将其关机',
  },
  advisedInstead: {
    en: 'pair(s) {names} lost read/write at the production site (fault_level 2): a failover is advised instead',
    zh: '复制对 {names} 在生产站点已无法读写（fault_level 2）：建议改为故障切换',
  },
  failoverBroken: {
    en: 'pair(s) {names}: the replication link is broken (fault_level 5), so a failover is not allowed',
    zh: '复制对 {names}：复制链路已中断（fault_level 5），因此不允许故障切换',
  },
  failoverAdvised: {
    en: 'pair(s) {names} lost read/write at the production site (fault_level 2): a failover is advised',
    zh: '复制对 {names} 在生产站点已无法读写（fault_level 2）：建议故障切换',
  },
  failoverPlanned: {
    en: 'a failover is for a lost production site; for a planned move use: {cmd}',
    zh: '故障切换用于生产站点丢失的情况；计划内的迁移请使用：{cmd}',
  },
  alreadyOn: { en: 'protection is already on (protected)', zh: '保护已开启（protected）' },
  reprotectRunning: {
    en: '{n} server(s) at the current production site {az} are running ({names}); re-protect needs them stopped: sdrs server stop {ids} --yes',
    zh: '当前生产站点 {az} 有 {n} 台云服务器正在运行（{names}）；重保护要求其关机：sdrs server stop {ids} --yes',
  },
  reprotectNote: {
    en: 're-protect syncs {from} -> {to}: the disks at {to} are overwritten',
    zh: '重保护将数据从 {from} 同步到 {to}：{to} 的磁盘将被覆盖',
  },
  alreadyOff: { en: 'protection is already off (available)', zh: '保护已停止（available）' },
  stillInstances: {
    en: 'the group still has {n} protected instance(s); remove them first: {cmds}',
    zh: '保护组仍有 {n} 个保护实例；请先删除：{cmds}',
  },
  stillPairs: {
    en: 'the group still has {n} replication pair(s); remove them first: {cmds}',
    zh: '保护组仍有 {n} 个复制对；请先删除：{cmds}',
  },
  stillDrills: {
    en: 'the group still has {n} DR drill(s) (the service refuses: SDRS.1003); delete them first: sdrs drill list --group {ref}, then sdrs drill delete <drill> --yes',
    zh: '保护组仍有 {n} 个容灾演练（服务会拒绝：SDRS.1003）；请先删除：sdrs drill list --group {ref}，然后 sdrs drill delete <drill> --yes',
  },
  stopNote: {
    en: 'replication stops; until protection is started again the group can be neither switched over nor failed over',
    zh: '复制将停止；在重新开启保护之前，保护组既不能切换，也不能故障切换',
  },
} as const satisfies Catalog;

/** The `group status` screen (group/status-view.ts, group/status.ts). */
export const statusView = {
  warningLine: { en: 'WARNING: {message}', zh: '警告：{message}' },
  productionDown: {
    en: 'production is down: every server at the production site {az} ({station}) is stopped ({n}). Start them: sdrs server start {ids} (a switchover with --start-servers does it after its reverse)',
    zh: '生产已中断：生产站点 {az}（{station}）的云服务器全部关机（{n}）。请开机：sdrs server start {ids}（带 --start-servers 的切换会在切换完成后开机）',
  },
  drServerRunning: {
    en: 'DR-site server(s) running while the group is {status}: {list} at {az} ({station}). Their disks are the replication target and must not be used before a reverse or failover makes {az} production; stop them: sdrs server stop {ids} --yes',
    zh: '保护组处于 {status} 时，容灾站点有云服务器正在运行：{list}，位于 {az}（{station}）。它们的磁盘是复制的目标，在切换或故障切换使 {az} 成为生产站点之前不得使用；请关机：sdrs server stop {ids} --yes',
  },
  labelGroup: { en: 'Group:', zh: '保护组：' },
  labelStatus: { en: 'Status:', zh: '状态：' },
  labelProduction: { en: 'Production:', zh: '生产站点：' },
  labelReplication: { en: 'Replication:', zh: '复制：' },
  labelDrills: { en: 'DR drills:', zh: '容灾演练：' },
  drSite: { en: '{az} ({station})    DR site: {drAz} ({drStation})', zh: '{az}（{station}）    容灾站点：{drAz}（{drStation}）' },
  noPairsShort: { en: 'no pairs', zh: '无复制对' },
  replicationLine: {
    en: '{status} · progress {progress}% · {pairs} pair(s), {instances} instance(s)',
    zh: '{status} · 同步进度 {progress}% · {pairs} 个复制对，{instances} 个保护实例',
  },
  colInstance: { en: 'INSTANCE', zh: '保护实例' },
  colStatus: { en: 'STATUS', zh: '状态' },
  colProdServer: { en: 'PRODUCTION SERVER ({az})', zh: '生产云服务器（{az}）' },
  colPower: { en: 'POWER', zh: '电源' },
  colDrServer: { en: 'DR SERVER ({az})', zh: '容灾云服务器（{az}）' },
  colProdShort: { en: 'PROD {az}', zh: '生产 {az}' },
  colDrShort: { en: 'DR {az}', zh: '容灾 {az}' },
  noInstances: { en: 'No protected instances.', zh: '没有保护实例。' },
  colPair: { en: 'PAIR', zh: '复制对' },
  colReplication: { en: 'REPLICATION', zh: '复制状态' },
  colProgress: { en: 'PROGRESS', zh: '同步进度' },
  colFault: { en: 'FAULT LEVEL', zh: '故障级别' },
  colAttached: { en: 'ATTACHED', zh: '挂载' },
  faultNone: { en: 'none', zh: '无' },
  faultAdvised: { en: 'FAILOVER ADVISED', zh: '建议故障切换' },
  faultNotAllowed: { en: 'FAILOVER NOT ALLOWED', zh: '不允许故障切换' },
  faultUnknown: { en: 'unknown', zh: '未知' },
  noPairs: { en: 'No replication pairs.', zh: '没有复制对。' },
  hidden: {
    en: '({columns} hidden to fit {width} columns: --json or a wider terminal shows everything)',
    zh: '（为适应 {width} 列宽，已隐藏 {columns}：--json 或更宽的终端可显示全部）',
  },
  next: { en: 'Next:', zh: '下一步：' },
  actReverse: { en: 'reverse to {to}', zh: '切换到 {to}' },
  actReprotect: { en: 're-protect', zh: '重保护' },
  actStart: { en: 'start protection', zh: '开启保护' },
  actStop: { en: 'stop protection', zh: '停止保护' },
  actFailover: { en: 'failover', zh: '故障切换' },
  actDelete: { en: 'delete', zh: '删除' },
  advised: { en: ' (ADVISED)', zh: '（建议）' },
  nextCommand: { en: ': {command}', zh: '：{command}' },
  noteLine: { en: '      note: {note}', zh: '      注意：{note}' },
  watchHeader: {
    en: 'Every {seconds}s: sdrs group status {name} · {at} · Ctrl-C to stop',
    zh: '每 {seconds} 秒刷新：sdrs group status {name} · {at} · 按 Ctrl-C 停止',
  },
  refreshFailed: {
    en: 'refresh failed at {at}: {message}; trying again in {seconds}s',
    zh: '{at} 刷新失败：{message}；{seconds} 秒后重试',
  },
  intervalNeedsWatch: { en: '--interval sets the refresh of --watch; pass --watch too', zh: '--interval 设置 --watch 的刷新间隔；请同时指定 --watch' },
  intervalTooShort: { en: '--interval must be at least {seconds}s with --watch', zh: '使用 --watch 时，--interval 至少为 {seconds}s' },
  stoppedWatching: { en: 'stopped watching the group status', zh: '已停止观察保护组状态' },
} as const satisfies Catalog;
