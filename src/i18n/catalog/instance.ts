/** Messages of `instance add`, `instance list` and `instance remove`. */
import type { Catalog } from '../index.js';

const OFF = { en: '(prompts are off without a terminal or with --no-input/--json)', zh: '（没有终端或使用 --no-input/--json 时不会提示输入）' };

export const instanceMsg = {
  // instance add
  descriptionEmpty: {
    en: '--description {value} must not be empty (leave the option out for none)',
    zh: '--description {value} 不能为空（不需要描述时请省略该选项）',
  },
  descriptionInvalid: { en: '--description {value} {problem}', zh: '--description {value} 无效：{problem}' },
  serverWrongAz: {
    en: 'server {name} ({id}) is in {az}, not at the production site of group {group} ({productionAz}, {station})',
    zh: '云服务器 {name}（{id}）位于 {az}，不在保护组 {group} 的生产站点（{productionAz}，{station}）',
  },
  serverWrongAzHint: {
    en: 'Only servers at the current production site can be protected; list them with: sdrs server list --az {productionAz}',
    zh: '只能保护当前生产站点的云服务器；列出这些云服务器：sdrs server list --az {productionAz}',
  },
  serverWrongVpc: {
    en: "server {name} ({id}) is in VPC {vpc}, not in the group's VPC {groupVpc}",
    zh: '云服务器 {name}（{id}）位于虚拟私有云 {vpc}，不在保护组的虚拟私有云 {groupVpc} 中',
  },
  serverWrongVpcHint: {
    en: 'A group protects the servers of one VPC; list them with: sdrs server list --az {productionAz} --vpc {groupVpc}',
    zh: '一个保护组只保护同一个虚拟私有云中的云服务器；列出这些云服务器：sdrs server list --az {productionAz} --vpc {groupVpc}',
  },
  noServerLeft: {
    en: 'no server at the production site of group {group} ({productionAz}, VPC {vpc}) is left to protect',
    zh: '保护组 {group} 的生产站点（{productionAz}，虚拟私有云 {vpc}）已没有可保护的云服务器',
  },
  noServerLeftHint: { en: 'List the servers with: sdrs server list --az {productionAz}', zh: '列出云服务器：sdrs server list --az {productionAz}' },
  askServer: { en: 'Server to protect in {group} (production site {productionAz})', zh: '要在 {group} 中保护的云服务器（生产站点 {productionAz}）' },
  nextNoDisks: {
    en: 'Next: pair its disks (see them with: sdrs server show {server}), then attach each pair to {instance}.',
    zh: '下一步：为其磁盘创建复制对（查看磁盘：sdrs server show {server}），然后将每个复制对挂载到 {instance}。',
  },
  nextDisks: {
    en: 'Next: pair its {count} disk(s), then attach each pair to {instance} (pair add prints the command):',
    zh: '下一步：为其 {count} 块磁盘创建复制对，然后将每个复制对挂载到 {instance}（pair add 会给出挂载命令）：',
  },
  missingServer: {
    en: `missing --server: pass the id or name of the production server to protect ${OFF.en}`,
    zh: `缺少 --server：请传入要保护的生产站点云服务器的 ID 或名称${OFF.zh}`,
  },
  missingServerHint: {
    en: "List the candidates with 'sdrs server list --az <production AZ>'.",
    zh: "列出可保护的云服务器：'sdrs server list --az <production AZ>'。",
  },
  groupBusy: {
    en: 'cannot add a protected instance to group {name} while it is {status}; it must be available or protected',
    zh: '保护组 {name} 处于 {status} 状态时无法添加保护实例：它必须处于 available 或 protected 状态',
  },
  groupBusyHint: { en: 'See what can be done next: sdrs group status {ref}', zh: '查看接下来可以做什么：sdrs group status {ref}' },
  badServerName: {
    en: "the server's name {name} is not a valid instance name; pass --name",
    zh: '云服务器名称 {name} 不是有效的保护实例名称：请传入 --name',
  },
  instanceInError: {
    en: 'job {job} succeeded but the protected instance for {server} is in status error',
    zh: '任务 {job} 已成功，但 {server} 的保护实例处于 error 状态',
  },
  instanceMissing: {
    en: 'job {job} succeeded but the protected instance for {server} is missing',
    zh: '任务 {job} 已成功，但找不到 {server} 的保护实例',
  },
  inspectHint: {
    en: 'Inspect it with: sdrs instance list {ref}; the job: sdrs job show {job}',
    zh: '查看保护实例：sdrs instance list {ref}；查看任务：sdrs job show {job}',
  },
  added: {
    en: '✔ Protected instance {name} added to {group}: {status}. DR server {server} created in {az} (stopped).',
    zh: '✔ 保护实例 {name} 已添加到 {group}：{status}。容灾站点云服务器 {server} 已在 {az} 创建（已关机）。',
  },
  // instance list
  hId: { en: 'ID', zh: 'ID' },
  hName: { en: 'NAME', zh: '名称' },
  hStatus: { en: 'STATUS', zh: '状态' },
  hGroup: { en: 'GROUP', zh: '保护组' },
  hProductionServer: { en: 'PRODUCTION SERVER', zh: '生产站点云服务器' },
  hDrServer: { en: 'DR SERVER', zh: '容灾站点云服务器' },
  hDisks: { en: 'DISKS', zh: '磁盘' },
  // instance remove
  yesRemove: { en: 'remove a protected instance', zh: '移除保护实例' },
  verbRemove: { en: 'remove', zh: '移除' },
  cannotRemove: { en: 'protected instance {name} cannot be removed while it is {status}', zh: '保护实例 {name} 处于 {status} 状态时无法移除' },
  busyHint: { en: 'Another operation is running; wait for it: sdrs instance list', zh: '另一个操作正在进行，请等待其完成：sdrs instance list' },
  seeHint: { en: 'See: sdrs instance list', zh: '查看：sdrs instance list' },
  askRemoveKeep: {
    en: 'Remove protected instance {name}: its server is no longer protected; {count} attached pair(s) are detached (not deleted); the DR server {dr} is kept. Continue?',
    zh: '移除保护实例 {name}：其云服务器将不再受保护；已挂载的 {count} 个复制对将被卸载（不会删除）；容灾站点云服务器 {dr} 将保留。是否继续？',
  },
  askRemoveDelete: {
    en: 'Remove protected instance {name}: its server is no longer protected; {count} attached pair(s) are detached (not deleted); the DR server {dr} is DELETED. Continue?',
    zh: '移除保护实例 {name}：其云服务器将不再受保护；已挂载的 {count} 个复制对将被卸载（不会删除）；容灾站点云服务器 {dr} 将被删除。是否继续？',
  },
  askRemoveKeepEip: {
    en: 'Remove protected instance {name}: its server is no longer protected; {count} attached pair(s) are detached (not deleted); the DR server {dr} is kept and its elastic IP RELEASED. Continue?',
    zh: '移除保护实例 {name}：其云服务器将不再受保护；已挂载的 {count} 个复制对将被卸载（不会删除）；容灾站点云服务器 {dr} 将保留，但其弹性公网IP将被释放。是否继续？',
  },
  askRemoveDeleteEip: {
    en: 'Remove protected instance {name}: its server is no longer protected; {count} attached pair(s) are detached (not deleted); the DR server {dr} is DELETED and its elastic IP RELEASED. Continue?',
    zh: '移除保护实例 {name}：其云服务器将不再受保护；已挂载的 {count} 个复制对将被卸载（不会删除）；容灾站点云服务器 {dr} 将被删除，其弹性公网IP将被释放。是否继续？',
  },
  removed: { en: '✔ Protected instance {name} ({id}) removed.', zh: '✔ 保护实例 {name}（{id}）已移除。' },
  drServerDeleted: { en: ' DR server {dr} deleted.', zh: '容灾站点云服务器 {dr} 已删除。' },
  drServerKept: { en: ' DR server {dr} kept.', zh: '容灾站点云服务器 {dr} 已保留。' },
  eipReleased: { en: ' Its elastic IP was released.', zh: '其弹性公网IP已释放。' },
  opProtecting: { en: 'Protecting {server} in {group}', zh: '在保护组 {group} 中保护 {server}' },
  opRemoving: { en: 'Removing protected instance {name}', zh: '移除保护实例 {name}' },
  whatInstances: { en: 'protected instances', zh: '保护实例' },
} as const satisfies Catalog;
