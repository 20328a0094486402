/** Messages of `pair add`, `pair list`, `pair attach`, `pair detach` and `pair remove`. */
import type { Catalog } from '../index.js';

const OFF = { en: '(prompts are off without a terminal or with --no-input/--json)', zh: '（没有终端或使用 --no-input/--json 时不会提示输入）' };

export const pairMsg = {
  // pair add
  noInstance: {
    en: 'group {group} has no protected instance whose disks could be paired',
    zh: '保护组 {group} 没有可为其磁盘创建复制对的保护实例',
  },
  protectFirstHint: { en: 'Protect a server first: sdrs instance add {ref} --server <server>', zh: '请先保护一台云服务器：sdrs instance add {ref} --server <server>' },
  askInstanceForDisk: { en: 'Protected instance whose disk to replicate (group {group})', zh: '要复制其磁盘的保护实例（保护组 {group}）' },
  allPaired: {
    en: "every disk of {name}'s production server is already paired (or it has none)",
    zh: '{name} 的生产站点云服务器的所有磁盘都已创建复制对（或它没有磁盘）',
  },
  seeDisksHint: { en: 'See its disks: sdrs server show {server}', zh: '查看其磁盘：sdrs server show {server}' },
  askDisk: { en: 'Disk of {server} to replicate', zh: '要复制的 {server} 的磁盘' },
  noDevice: { en: '(no device)', zh: '（无设备名）' },
  systemDisk: { en: '  system disk', zh: '  系统盘' },
  devicePlaceholder: { en: '<device, e.g. /dev/vdb>', zh: '<设备名，例如 /dev/vdb>' },
  missingVolume: {
    en: `missing --volume: pass the id of the production disk (EVS) to replicate ${OFF.en}`,
    zh: `缺少 --volume：请传入要复制的生产站点磁盘（EVS）的 ID${OFF.zh}`,
  },
  missingVolumeHint: {
    en: "See a server's disks and whether they are paired with 'sdrs server show <server>'.",
    zh: "查看云服务器的磁盘及其是否已创建复制对：'sdrs server show <server>'。",
  },
  groupBusy: {
    en: 'cannot add a replication pair to group {name} while it is {status}; it must be available or protected',
    zh: '保护组 {name} 处于 {status} 状态时无法添加复制对：它必须处于 available 或 protected 状态',
  },
  groupBusyHint: { en: 'See what can be done next: sdrs group status {ref}', zh: '查看接下来可以做什么：sdrs group status {ref}' },
  noPairListed: { en: 'job {job} succeeded but no replication pair for disk {volume} is listed', zh: '任务 {job} 已成功，但列表中没有磁盘 {volume} 的复制对' },
  created: {
    en: '✔ Replication pair {name} created in {group}: {status}, replication {replication}.',
    zh: '✔ 复制对 {name} 已在 {group} 中创建：{status}，复制状态 {replication}。',
  },
  nextAttach: { en: 'Next: attach it to its instance: {command}', zh: '下一步：将其挂载到其保护实例：{command}' },
  // after a job
  pairInError: { en: 'job {job} succeeded but replication pair {name} is {status}', zh: '任务 {job} 已成功，但复制对 {name} 处于 {status} 状态' },
  pairInErrorDetail: { en: 'job {job} succeeded but replication pair {name} is {status} ({detail})', zh: '任务 {job} 已成功，但复制对 {name} 处于 {status} 状态（{detail}）' },
  inspectHint: { en: 'Inspect it with: {command}; the job: sdrs job show {job}', zh: '查看复制对：{command}；查看任务：sdrs job show {job}' },
  // pair list
  hId: { en: 'ID', zh: 'ID' },
  hName: { en: 'NAME', zh: '名称' },
  hStatus: { en: 'STATUS', zh: '状态' },
  hReplication: { en: 'REPLICATION', zh: '复制状态' },
  hProgress: { en: 'PROGRESS', zh: '同步进度' },
  hFault: { en: 'FAULT', zh: '故障级别' },
  hAttached: { en: 'ATTACHED', zh: '挂载位置' },
  hGroup: { en: 'GROUP', zh: '保护组' },
  hProductionDisk: { en: 'PRODUCTION DISK', zh: '生产站点磁盘' },
  faultFailoverAdvised: { en: '{level} failover advised', zh: '{level} 建议故障切换' },
  faultFailoverNotAllowed: { en: '{level} failover not allowed', zh: '{level} 不允许故障切换' },
  faultUnknown: { en: '{level} unknown', zh: '{level} 未知' },
  // pair attach
  alreadyAttachedThere: { en: '{pair} is already attached to {instance} as {device}', zh: '{pair} 已作为 {device} 挂载到 {instance}' },
  noInstanceToAttach: { en: 'group {group} has no protected instance to attach {pair} to', zh: '保护组 {group} 没有可挂载 {pair} 的保护实例' },
  askInstanceToAttach: { en: 'Protected instance to attach {pair} to', zh: '要挂载 {pair} 的保护实例' },
  hasThisDisk: { en: "  (its production server has this pair's disk)", zh: '  （其生产站点云服务器有该复制对的磁盘）' },
  askDevice: { en: 'Device of {pair} on {instance}', zh: '{pair} 在 {instance} 上的设备名' },
  badDevice: { en: 'A device name like /dev/vdb or /dev/sdb (/dev/vda is the system disk)', zh: '请输入类似 /dev/vdb 或 /dev/sdb 的设备名（/dev/vda 是系统盘）' },
  missingInstance: {
    en: `missing --instance: pass the protected instance to attach the pair to ${OFF.en}`,
    zh: `缺少 --instance：请传入要挂载该复制对的保护实例${OFF.zh}`,
  },
  missingDevice: {
    en: `missing --device: pass the device name on the server, e.g. /dev/vdb ${OFF.en}`,
    zh: `缺少 --device：请传入云服务器上的设备名，例如 /dev/vdb${OFF.zh}`,
  },
  otherGroup: {
    en: 'the pair is in group {group} but the instance {instance} is in another group',
    zh: '该复制对属于保护组 {group}，但保护实例 {instance} 属于另一个保护组',
  },
  alreadyAttached: {
    en: 'the pair is already attached to instance {instance} as {device}; detach it first: sdrs pair detach {ref}',
    zh: '该复制对已作为 {device} 挂载到保护实例 {instance}；请先卸载：sdrs pair detach {ref}',
  },
  deviceTaken: {
    en: 'device {device} is already used on {instance} by pair {pair}; pick another letter',
    zh: '{instance} 上的设备 {device} 已被复制对 {pair} 使用；请换一个盘符',
  },
  groupNotReady: { en: 'group {name} is {status}; it must be available or protected', zh: '保护组 {name} 处于 {status} 状态；它必须处于 available 或 protected 状态' },
  instanceNotReady: { en: 'instance {name} is {status}; it must be available or protected', zh: '保护实例 {name} 处于 {status} 状态；它必须处于 available 或 protected 状态' },
  pairNotReady: { en: 'pair {name} is {status}; it must be available or protected', zh: '复制对 {name} 处于 {status} 状态；它必须处于 available 或 protected 状态' },
  cannotAttach: { en: 'cannot attach {pair} to {instance}: {problems}', zh: '无法将 {pair} 挂载到 {instance}：{problems}' },
  nothingSent: { en: 'Nothing was sent.', zh: '未发送任何请求。' },
  attached: { en: '✔ {pair} attached to {instance} as {device}: {status}.', zh: '✔ {pair} 已作为 {device} 挂载到 {instance}：{status}。' },
  // pair detach
  notAttached: { en: '{name} is not attached', zh: '{name} 未挂载' },
  detached: { en: '✔ {name} detached: {status}.', zh: '✔ {name} 已卸载：{status}。' },
  // pair remove
  yesRemove: { en: 'remove a replication pair', zh: '移除复制对' },
  verbRemove: { en: 'remove', zh: '移除' },
  detachNeedsWait: {
    en: '--detach waits for the detach before the delete is sent; drop --no-wait (or detach first: sdrs pair detach <pair> --no-wait)',
    zh: '--detach 会先等待卸载完成再发送删除请求：请去掉 --no-wait（或先卸载：sdrs pair detach <pair> --no-wait）',
  },
  attachedRefused: {
    en: 'replication pair {name} is attached to protected instance {instance} as {device}; the service refuses to delete an attached pair',
    zh: '复制对 {name} 已作为 {device} 挂载到保护实例 {instance}；服务拒绝删除已挂载的复制对',
  },
  attachedRefusedHint: {
    en: 'Detach it in the same command with --detach (sdrs pair remove {ref} --detach), or first: sdrs pair detach {ref}',
    zh: '可在同一命令中用 --detach 卸载（sdrs pair remove {ref} --detach），或先卸载：sdrs pair detach {ref}',
  },
  askRemoveKeep: {
    en: 'Remove replication pair {name}: replication of its disk stops; the DR disk is kept. Continue?',
    zh: '移除复制对 {name}：其磁盘的复制将停止；容灾站点磁盘将保留。是否继续？',
  },
  askRemoveDelete: {
    en: 'Remove replication pair {name}: replication of its disk stops; the DR disk is DELETED. Continue?',
    zh: '移除复制对 {name}：其磁盘的复制将停止；容灾站点磁盘将被删除。是否继续？',
  },
  askRemoveAttachedKeep: {
    en: 'Remove replication pair {name}: it is first detached from {instance} ({device}); replication of its disk stops; the DR disk is kept. Continue?',
    zh: '移除复制对 {name}：它将先从 {instance}（{device}）卸载；其磁盘的复制将停止；容灾站点磁盘将保留。是否继续？',
  },
  askRemoveAttachedDelete: {
    en: 'Remove replication pair {name}: it is first detached from {instance} ({device}); replication of its disk stops; the DR disk is DELETED. Continue?',
    zh: '移除复制对 {name}：它将先从 {instance}（{device}）卸载；其磁盘的复制将停止；容灾站点磁盘将被删除。是否继续？',
  },
  removed: { en: '✔ Replication pair {name} ({id}) removed.', zh: '✔ 复制对 {name}（{id}）已移除。' },
  drDiskDeleted: { en: ' Its DR disk was deleted.', zh: '其容灾站点磁盘已删除。' },
  drDiskKept: { en: ' Its DR disk was kept.', zh: '其容灾站点磁盘已保留。' },
  opCreating: { en: 'Creating replication pair {name} in {group}', zh: '在保护组 {group} 中创建复制对 {name}' },
  opRemoving: { en: 'Removing replication pair {name}', zh: '移除复制对 {name}' },
  opAttaching: { en: 'Attaching {pair} to {instance} as {device}', zh: '将 {pair} 作为 {device} 挂载到 {instance}' },
  opDetaching: { en: 'Detaching {pair} from {instance} ({device})', zh: '从 {instance}（{device}）卸载 {pair}' },
  whatPairs: { en: 'replication pairs', zh: '复制对' },
} as const satisfies Catalog;
