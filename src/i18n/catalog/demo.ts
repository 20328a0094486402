/** Messages of `sdrs demo` and the `sdrs emulator` and `sdrs completion` commands. */
import type { Catalog } from '../index.js';

export const demo = {
  stepCreate: { en: 'Create a protection group (production AZ -> DR AZ from the domain)', zh: '创建保护组（生产可用区 -> 容灾可用区，取自双活域）' },
  stepLook: { en: 'Look at {group}, a group that is already protected', zh: '查看 {group}：一个已受保护的保护组' },
  stepTryReverse: { en: 'Try to switch over while production servers still run', zh: '在生产站点云服务器仍在运行时尝试切换' },
  noteRefused: { en: 'Refused by the pre-flight checks, as it should be: nothing was sent.', zh: '如预期般被切换前检查拒绝：未发送任何请求。' },
  stepDrill: {
    en: 'Rehearse first: a DR drill builds servers from the DR replicas in a separate VPC; production keeps running',
    zh: '先演练：容灾演练在单独的虚拟私有云中用容灾副本创建云服务器；生产不受影响',
  },
  noteDrill: {
    en: 'The drill passed and was cleaned up: a switchover would work. Now the real thing.',
    zh: '演练通过并已清理：切换可以成功。现在进行真正的切换。',
  },
  stepStopLocal: { en: 'Stop the production servers in {az}', zh: '关闭 {az} 中的生产站点云服务器' },
  stepReverse: { en: 'Switch over: production moves to the DR site {az}', zh: '切换：生产移到容灾站点 {az}' },
  stepStartRemote: { en: 'Start the servers at the new production site {az}', zh: '开启新生产站点 {az} 的云服务器' },
  stepWhere: { en: 'Where does production run now?', zh: '生产现在在哪里运行？' },
  stepStopRemote: { en: 'Stop the servers in {az} before switching back', zh: '切回前关闭 {az} 中的云服务器' },
  stepBack: { en: 'Switch back: production returns to {az}', zh: '切回：生产回到 {az}' },
  stepStartLocal: { en: 'Start the production servers in {az} again', zh: '重新开启 {az} 中的生产站点云服务器' },
  intro: {
    en: 'sdrs demo: a DR drill against a local SDRS emulator at {url} (jobs take {seconds}s)',
    zh: 'sdrs demo：针对本地 SDRS 模拟器（{url}）的容灾演示（每个任务耗时 {seconds} 秒）',
  },
  realCloud: {
    en: 'Against the real cloud, set your credentials (sdrs config init) and type the same commands.',
    zh: '面向真实云环境时，请先设置凭证（sdrs config init），然后输入同样的命令。',
  },
  stepHeading: { en: 'Step {n}/{total}: {title}', zh: '第 {n}/{total} 步：{title}' },
  interrupted: { en: 'demo interrupted at step {n}', zh: '演示在第 {n} 步被中断' },
  stepFailed: {
    en: 'demo step {n} ("{title}") exited {code}, expected {expected}',
    zh: '演示第 {n} 步（"{title}"）的退出码为 {code}，预期为 {expected}',
  },
  stepFailedHint: {
    en: "The jobs and groups above lived in the demo's own emulator, which stopped with the demo. Run it again: sdrs demo",
    zh: '上面的任务和保护组位于演示自带的模拟器中，该模拟器已随演示停止。请重新运行：sdrs demo',
  },
  complete: { en: 'Drill complete.', zh: '演示完成。' },
  colStep: { en: 'STEP', zh: '步骤' },
  colResult: { en: 'RESULT', zh: '结果' },
  colTime: { en: 'TIME', zh: '用时' },
  colWhat: { en: 'WHAT', zh: '内容' },
  colGroup: { en: 'GROUP', zh: '保护组' },
  colStatus: { en: 'STATUS', zh: '状态' },
  colProduction: { en: 'PRODUCTION', zh: '生产站点' },
  ok: { en: 'ok', zh: '成功' },
  refusedAsExpected: { en: 'refused (exit {code}), as expected', zh: '如预期被拒绝（退出码 {code}）' },
  total: {
    en: "Total {elapsed}. Next: run 'sdrs emulator --seed demo' to rehearse your own runbook, or see README.md to point sdrs at your account.",
    zh: "总用时 {elapsed}。下一步：运行 'sdrs emulator --seed demo' 演练您自己的操作手册，或参阅 README.zh-CN.md 让 sdrs 连接您的账号。",
  },
  resumeNote: {
    en: "the demo's emulator stops when the demo ends, so its jobs cannot be resumed: run 'sdrs demo' again",
    zh: "演示的模拟器会随演示结束而停止，其任务无法继续观察：请重新运行 'sdrs demo'",
  },

  // emulator.ts
  badPort: { en: '--port {value} is not a port number (0-65535)', zh: '--port {value} 不是端口号（0-65535）' },
  badFaultSeed: { en: '--fault-seed must be an integer', zh: '--fault-seed 必须是整数' },
  akSkTogether: { en: '--ak and --sk go together', zh: '--ak 和 --sk 必须同时指定' },
  tlsTogether: { en: '--tls-cert and --tls-key go together', zh: '--tls-cert 和 --tls-key 必须同时指定' },
  badSeed: { en: 'invalid --seed {seed}: use empty or demo', zh: '--seed {seed} 无效：请使用 empty 或 demo' },

  // completion.ts
  unknownShell: { en: 'unknown shell {shell}: use one of {shells}', zh: '未知的 shell {shell}：请使用 {shells} 之一' },

  // ../../emulator/command.ts (the command's own lines)
  tookOverLock: {
    en: 'note: took over the lock of {state}: its emulator (pid {pid}, started {started}) is gone',
    zh: '提示：已接管 {state} 的锁：持有它的模拟器（pid {pid}，启动于 {started}）已不存在',
  },
  removedTemp: {
    en: 'note: removed {count} temporary file(s) an interrupted save left beside {state}',
    zh: '提示：已删除一次中断的保存在 {state} 旁留下的 {count} 个临时文件',
  },
  listening: {
    en: 'sdrs emulator listening on {url} (project id: {projectId}, access key: {ak})',
    zh: 'sdrs 模拟器正在监听 {url}（项目 ID：{projectId}，访问密钥：{ak}）',
  },
  notLoopback: {
    en: 'warning: the emulator listens on {host}, not on loopback: anyone who can reach this address can use it, and its keys are not secret',
    zh: '警告：模拟器监听的是 {host} 而不是环回地址：任何能访问该地址的人都可以使用它，而且它的密钥并不保密',
  },
} as const satisfies Catalog;
