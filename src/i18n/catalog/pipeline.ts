/** Messages of the mutation pipeline and the shared command code (src/commands/shared/). */
import type { Catalog } from '../index.js';

export const pipeline = {
  // mutation.ts
  stepRefused: {
    en: '{message} (after this run had already made changes: {what})',
    zh: '{message}（本次运行此前已做出更改：{what}）',
  },
  changeMade: { en: '{operation} (job {jobId})', zh: '{operation}（任务 {jobId}）' },
  stoppedBeforeSend: {
    en: '{operation}: stopped before the request was sent; nothing was sent',
    zh: '{operation}：在请求发出前已停止；未发送任何请求',
  },
  answerUnusable: {
    en: '{operation}: the answer could not be used ({message}); the request was not sent again',
    zh: '{operation}：服务的应答无法使用（{message}）；请求没有再次发送',
  },
  followingGroup: {
    en: '{label}: no clear answer from the service, but {seen}; following group {groupId} by its status',
    zh: '{label}：服务没有给出明确应答，但{seen}；按保护组 {groupId} 的状态跟踪',
  },
  followingAccepted: {
    en: '{operation}: no clear answer from the service, but {seen}; following {label}',
    zh: '{operation}：服务没有给出明确应答，但{seen}；正在跟踪 {label}',
  },
  noHandOff: {
    en: '{operation}: no clear answer from the service, but {seen}; there is no job id to hand off',
    zh: '{operation}：服务没有给出明确应答，但{seen}；没有可交出的任务 ID',
  },
  noHandOffHint: {
    en: 'Nothing to re-send. Follow it with: {check}',
    zh: '无需重新发送。请用以下命令跟踪：{check}',
  },
  dontResend: {
    en: 'Do not re-send blindly. Check with: {check}',
    zh: '请勿盲目重新发送。请用以下命令检查：{check}',
  },
  seenMade: {
    en: 'the group is now {status}: the change was made',
    zh: '保护组现在是 {status}：更改已完成',
  },
  seenAccepted: {
    en: 'the group is now {status}, so the service accepted it',
    zh: '保护组现在是 {status}，说明服务已接受该请求',
  },
  groupDoesNotTell: {
    en: '{message}; the group is now {status}, which does not show whether it was accepted',
    zh: '{message}；保护组现在是 {status}，无法看出请求是否已被接受',
  },
  mayOrMayNot: {
    en: '{message}; it may or may not have been accepted',
    zh: '{message}；请求可能已被接受，也可能没有',
  },
  dryRunNote: { en: 'Dry run: nothing was sent.', zh: '试运行：未发送任何请求。' },
  submitted: {
    en: 'Job {jobId} submitted. Watch it with: {resume}',
    zh: '任务 {jobId} 已提交。可用以下命令观察：{resume}',
  },
  nothingToDo: { en: 'Nothing to do: {what}.', zh: '无需操作：{what}。' },
  nothingToSend: {
    en: 'Dry run: nothing would be sent. Nothing to do: {what}.',
    zh: '试运行：不会发送任何请求。无需操作：{what}。',
  },
  seenReadMade: { en: 'a read shows the change made', zh: '读取结果显示更改已完成' },
  noJobUnknownVerified: {
    en: '{operation}: no clear answer ({message}), and a read does not show the change made; it was not sent again',
    zh: '{operation}：没有明确应答（{message}），读取结果也未显示更改已完成；请求没有再次发送',
  },
  noJobUnknownUnchecked: {
    en: '{operation}: no clear answer ({message}), and it was not checked; it was not sent again',
    zh: '{operation}：没有明确应答（{message}），且未作检查；请求没有再次发送',
  },

  // confirm.ts
  needsYes: {
    en: 'refusing to {verb} without confirmation: pass --yes (prompts are off without a terminal or with --no-input/--json)',
    zh: '未经确认，拒绝执行{verb}：请传入 --yes（没有终端或使用 --no-input/--json 时不会提示确认）',
  },
  cancelled: {
    en: '{verb} cancelled at the confirmation prompt; nothing was sent',
    zh: '已在确认提示处取消{verb}；未发送任何请求',
  },

  // sent.ts
  jobNamed: { en: 'job {jobId}', zh: '任务 {jobId}' },
  theRequest: { en: 'the request', zh: '该请求' },
  stoppedInFlight: {
    en: '{operation}: stopped while the request was in flight; it may have reached the service',
    zh: '{operation}：请求发送途中已停止；请求可能已到达服务',
  },
  stoppedAfterDone: {
    en: '{operation}: {job} finished; stopped before its result was checked',
    zh: '{operation}：{job} 已结束；在检查其结果之前已停止',
  },
  stoppedWatching: {
    en: '{operation}: stopped watching {job}; it continues on the service',
    zh: '{operation}：已停止观察 {job}；它会在服务上继续执行',
  },
  checkWhetherMade: {
    en: 'Do not re-send blindly. Check whether it was made with: {look}',
    zh: '请勿盲目重新发送。请用以下命令检查是否已完成：{look}',
  },
  resumeWatching: { en: 'resume watching with: {look}', zh: '可用以下命令继续观察：{look}' },
  checkIt: { en: 'Check it with: {look}', zh: '请用以下命令检查：{look}' },
  knownFinished: { en: '{job} finished', zh: '{job} 已结束' },
  knownAccepted: { en: 'the service accepted it', zh: '服务已接受该请求' },
  knownAcceptedJob: { en: 'the service accepted it ({job})', zh: '服务已接受该请求（{job}）' },
  knownSent: { en: 'the request was sent', zh: '请求已发送' },
  afterSendDone: {
    en: '{operation}: {known}, but then {message}; the result could not be checked',
    zh: '{operation}：{known}，但随后{message}；无法检查结果',
  },
  afterSendUnknown: {
    en: '{operation}: {known}, but then {message}; its outcome is unknown',
    zh: '{operation}：{known}，但随后{message}；结果未知',
  },
  checkResult: { en: 'Check the result with: {look}', zh: '请用以下命令检查结果：{look}' },
  followOnceFixed: {
    en: 'It continues on the service; once the cause is fixed, follow it with: {look}',
    zh: '它会在服务上继续执行；排除原因后，请用以下命令跟踪：{look}',
  },

  // wait.ts
  followLine: { en: '{label}: {status}', zh: '{label}：{status}' },
  notReadYet: { en: 'not read yet', zh: '尚未读取' },
  lastSeen: { en: 'last seen {status}', zh: '最后看到的状态为 {status}' },
  stoppedFollowing: {
    en: 'stopped following {label} ({seen}); the change continues on the service',
    zh: '已停止跟踪 {label}（{seen}）；更改会在服务上继续进行',
  },
  followIt: { en: 'follow it with: {check}', zh: '可用以下命令跟踪：{check}' },
  followTimeout: {
    en: '{label} did not finish within the {limit} --timeout (followed for {watched}; {seen}); the change is still under way on the service',
    zh: '{label} 未在 --timeout 规定的 {limit} 内结束（已跟踪 {watched}；{seen}）；更改仍在服务上进行',
  },
  groupShown: { en: '{status}, production on {station}', zh: '{status}，生产站点在 {station}' },
  groupLabel: { en: 'group {name} ({id})', zh: '保护组 {name}（{id}）' },
  acceptedBut: { en: '{label}: the service accepted it, but {wrong}', zh: '{label}：服务已接受该请求，但{wrong}' },
  nextStep: { en: 'Next: {fix}', zh: '下一步：{fix}' },

  // resolve.ts
  nounGroup: { en: 'group', zh: '保护组' },
  nounGroups: { en: 'groups', zh: '保护组' },
  fullGroup: { en: 'protection group', zh: '保护组' },
  nounInstance: { en: 'instance', zh: '保护实例' },
  nounInstances: { en: 'instances', zh: '保护实例' },
  fullInstance: { en: 'protected instance', zh: '保护实例' },
  nounPair: { en: 'pair', zh: '复制对' },
  nounPairs: { en: 'pairs', zh: '复制对' },
  fullPair: { en: 'replication pair', zh: '复制对' },
  nounDrill: { en: 'drill', zh: '容灾演练' },
  nounDrills: { en: 'drills', zh: '容灾演练' },
  fullDrill: { en: 'DR drill', zh: '容灾演练' },
  ambiguousName: {
    en: '{noun} name {ref} matches {count} {nouns}; pass the id instead',
    zh: '{noun}名称 {ref} 匹配到 {count} 个{nouns}；请改为传入 ID',
  },
  ids: { en: 'Ids: {ids}', zh: '可用的 ID：{ids}' },
  notFound: { en: '{full} {ref} not found', zh: '未找到{full} {ref}' },
  listThem: { en: "List the {nouns} with '{list}'.", zh: "请用 '{list}' 列出{nouns}。" },
  groupsNotFound: { en: 'protection group(s) not found: {missing}', zh: '未找到保护组：{missing}' },
  listGroups: { en: "List the groups with 'sdrs group list'.", zh: "请用 'sdrs group list' 列出保护组。" },
  badServerRef: { en: 'server {ref} is neither an id nor a server name', zh: '云服务器 {ref} 既不是 ID 也不是云服务器名称' },
  serverIn: { en: '{id} in {az}', zh: '{id}（位于 {az}）' },
  ambiguousServer: {
    en: 'server name {ref} matches {count} servers ({list}); pass an id or --az',
    zh: '云服务器名称 {ref} 匹配到 {count} 台云服务器（{list}）；请传入 ID 或 --az',
  },
  serverNotFound: { en: 'server {ref} not found', zh: '未找到云服务器 {ref}' },
  serverNotFoundIn: { en: 'server {ref} not found in {az}', zh: '在 {az} 中未找到云服务器 {ref}' },
  listServers: { en: "List servers with 'sdrs server list'.", zh: "请用 'sdrs server list' 列出云服务器。" },
  domainNotFound: { en: 'active-active domain {ref} not found', zh: '未找到双活域 {ref}' },
  domainAmbiguous: {
    en: 'active-active domain {ref} not found (name is ambiguous; pass the id)',
    zh: '未找到双活域 {ref}（名称不唯一；请传入 ID）',
  },
  domainsAvailable: { en: 'Available: {list}', zh: '可用的双活域：{list}' },
  none: { en: 'none', zh: '无' },

  // command.ts
  intervalPositive: { en: '--interval must be greater than 0', zh: '--interval 必须大于 0' },
  maxIntervalPositive: { en: '--max-interval must be greater than 0', zh: '--max-interval 必须大于 0' },
  maxIntervalShort: { en: '--max-interval must not be shorter than --interval', zh: '--max-interval 不能短于 --interval' },
  wholeNumber: { en: '{flag} {value} must be a whole number from {min} to {max}', zh: '{flag} {value} 必须是 {min} 到 {max} 之间的整数' },

  // output.ts
  idsShortened: { en: 'ids shortened', zh: 'ID 已缩短' },
  columnsHidden: { en: '{columns} hidden', zh: '已隐藏 {columns}' },
  valuesCut: { en: 'long values cut', zh: '过长的值已截断' },
  toFit: {
    en: '({what} to fit {columns} columns: --json, a pipe (| cat) or a wider terminal shows everything)',
    zh: '（为适应 {columns} 列宽：{what}；--json、管道（| cat）或更宽的终端可显示全部内容）',
  },

  // login-note.ts
  serversStarted: {
    en: 'The servers at the new production site ({to}) were started.',
    zh: '新生产站点（{to}）的云服务器已开机。',
  },
  startServers: {
    en: 'Next: start the servers at the new production site ({to}); they are not started automatically.',
    zh: '下一步：请开启新生产站点（{to}）的云服务器；它们不会自动开机。',
  },
  loginNote: {
    en: [
      'Logging in after a switchover (full note: docs/commands.md, "Logging in to the servers after a switchover"):',
      '  - Windows with Cloudbase-Init, first switchover: for 3-5 minutes after a DR-site server starts (before',
      '    Cloudbase-Init runs) the production password, or the key-pair password obtained for the production server,',
      '    still works. Then reset the password on the DR-site server (key pair: use the password obtained for it).',
      '    After switching back, log in to production with that DR-site password (or one changed inside the DR server).',
      '  - Windows without Cloudbase-Init, and Linux: the production password (key pair: the password obtained for',
      '    the production server) works at both sites. CoreOS: a password changed inside the server after the',
      '    switchover applies at the DR site; after switching back, use the initial password.',
    ].join('\n'),
    zh: [
      '切换后的登录（完整说明：docs/commands.md，"Logging in to the servers after a switchover"）：',
      '  - 安装了 Cloudbase-Init 的 Windows，首次切换：容灾站点云服务器开机后 3-5 分钟内（Cloudbase-Init 运行之前），',
      '    生产站点的密码（或为生产站点云服务器获取的密钥对密码）仍然可用。之后请重置容灾站点云服务器的密码',
      '    （密钥对：使用为该云服务器获取的密码）。切回后，请用该容灾站点密码（或在容灾云服务器内修改后的密码）登录生产站点。',
      '  - 未安装 Cloudbase-Init 的 Windows 和 Linux：生产站点的密码（密钥对：为生产站点云服务器获取的密码）',
      '    在两个站点都可用。CoreOS：切换后在云服务器内修改的密码适用于容灾站点；切回后，请使用初始密码。',
    ].join('\n'),
  },

  // children.ts
  noneOf: { en: 'No {what}.', zh: '没有{what}。' },
  noneOfIn: { en: 'No {what} in {group}.', zh: '{group} 中没有{what}。' },

  // journal-read.ts
  cannotReadJournal: { en: 'cannot read the journal {path}: {why}', zh: '无法读取操作日志 {path}：{why}' },
  skippedLines: {
    en: 'warning: skipped {count} line(s) of {path} that are not journal records (a crash mid-write or a hand edit)',
    zh: '警告：已跳过 {path} 中 {count} 行不是操作日志记录的内容（可能是写入中途崩溃或手工编辑所致）',
  },

  // journal.ts
  journalUnwritable: {
    en: 'warning: the journal could not be written ({why}); the operation itself is not affected. Turn it off with --no-journal or SDRS_NO_JOURNAL=1.',
    zh: '警告：无法写入操作日志（{why}）；操作本身不受影响。可用 --no-journal 或 SDRS_NO_JOURNAL=1 关闭操作日志。',
  },
} as const satisfies Catalog;
