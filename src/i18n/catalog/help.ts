/**
 * The help texts in both languages (docs/i18n.md): every command's description, every
 * option's and argument's, and any prose or comment of a command's after-text (the
 * Examples block's command lines stay as they are), keyed by the command path
 * ('sdrs group reverse'), then the option's long flag ('sdrs group reverse --to'), the
 * argument ('sdrs group reverse <group>'), an option's default description
 * ('sdrs group reverse --to (default)') or 'after' (the whole after-text). `en` is exactly
 * what the register functions say: test/i18n/help.test.ts walks the full tree and fails on
 * any missing, stale or extra entry. Only loaded when help is shown in Chinese.
 */
import type { Catalog } from '../index.js';

export const helpMsg = {
  'sdrs': {
    en: 'Huawei Cloud Storage Disaster Recovery Service (SDRS) for operators: protection groups, switchovers, jobs.',
    zh: '面向运维人员的华为云存储容灾服务（SDRS）命令行：保护组、切换、任务。',
  },
  'sdrs --version': {
    en: 'print the version',
    zh: '打印版本号',
  },
  'sdrs --profile': {
    en: 'configuration profile to use (env: SDRS_PROFILE); hcloud:<name> reads a KooCLI profile',
    zh: '使用的配置档（环境变量：SDRS_PROFILE）；hcloud:<name> 读取 KooCLI 的配置档',
  },
  'sdrs --proxy': {
    en: 'HTTP proxy for every request, or "none" to go direct (env: HTTPS_PROXY, http_proxy, HTTP_PROXY, NO_PROXY)',
    zh: '所有请求使用的 HTTP 代理，"none" 表示直连（环境变量：HTTPS_PROXY、http_proxy、HTTP_PROXY、NO_PROXY）',
  },
  'sdrs --ca-bundle': {
    en: 'PEM file of CA certificates to trust besides the public ones (also NODE_EXTRA_CA_CERTS)',
    zh: '除公共根证书外还要信任的 CA 证书（PEM 文件；也可用 NODE_EXTRA_CA_CERTS）',
  },
  'sdrs --region': {
    en: 'region, e.g. cn-north-4 (env: SDRS_REGION, HW_REGION_NAME)',
    zh: '区域，例如 cn-north-4（环境变量：SDRS_REGION、HW_REGION_NAME）',
  },
  'sdrs --project-id': {
    en: 'project id (env: SDRS_PROJECT_ID, HUAWEICLOUD_SDK_PROJECT_ID, HW_PROJECT_ID)',
    zh: '项目 ID（环境变量：SDRS_PROJECT_ID、HUAWEICLOUD_SDK_PROJECT_ID、HW_PROJECT_ID）',
  },
  'sdrs --endpoint': {
    en: 'one endpoint for SDRS, ECS and VPC, e.g. an emulator (env: SDRS_ENDPOINT)',
    zh: 'SDRS、ECS 和 VPC 共用的一个端点，例如模拟器（环境变量：SDRS_ENDPOINT）',
  },
  'sdrs --json': {
    en: 'print one JSON document on stdout; errors as JSON on stderr',
    zh: '在 stdout 上打印一个 JSON 文档；错误以 JSON 形式输出到 stderr',
  },
  'sdrs --no-input': {
    en: 'never prompt; fail with exit 2 naming the missing flag',
    zh: '从不提示输入；缺少参数时以退出码 2 失败，并指出缺少的参数',
  },
  'sdrs --no-color': {
    en: 'disable colour (also NO_COLOR)',
    zh: '关闭颜色（也可用 NO_COLOR）',
  },
  'sdrs --debug': {
    en: 'trace HTTP requests and responses on stderr (secrets redacted)',
    zh: '在 stderr 上跟踪 HTTP 请求和响应（已隐去密钥）',
  },
  'sdrs --note': {
    en: 'a note kept with this operation in the local journal, e.g. a change ticket (docs/journal.md)',
    zh: '随本次操作记入本地操作日志的备注，例如变更单号（docs/journal.md）',
  },
  'sdrs --no-journal': {
    en: 'do not record this operation in the local journal (also SDRS_NO_JOURNAL=1)',
    zh: '不在本地操作日志中记录本次操作（也可用 SDRS_NO_JOURNAL=1）',
  },
  'sdrs --lang': {
    en: 'language of messages and help: en or zh-CN (env: SDRS_LANG; default: from LC_ALL, LC_MESSAGES, LANG)',
    zh: '消息和帮助的语言：en 或 zh-CN（环境变量：SDRS_LANG；默认：取自 LC_ALL、LC_MESSAGES、LANG）',
  },
  'sdrs after': {
    en: "\nExit codes: 0 ok, 1 internal, 2 usage, 3 API rejected, 4 auth/config, 5 job failed,\n6 timed out (job still running), 7 service unreachable or outcome unknown,\n8 checked and not ready, 9 a --verify command or plan hook failed,\n130 interrupted (129 hang-up, 143 SIGTERM).\n\nExamples:\n  $ sdrs group create --name erp --domain dom-1 --vpc vpc-1 --json | jq -r .id\n  $ sdrs group reverse erp --to target --yes || echo \"reverse failed with exit $?\"\n  $ sdrs emulator --seed demo   # a local SDRS for rehearsals\n  $ sdrs help group reverse     # a command's help (also: sdrs group reverse --help)\n\n",
    zh: '\n退出码：0 成功，1 内部错误，2 用法错误，3 API 拒绝，4 认证/配置错误，\n5 任务失败，6 超时（任务仍在运行），7 服务不可达或结果未知，\n8 已检查但未就绪，9 --verify 命令或恢复计划钩子失败，\n130 被中断（129 挂断，143 SIGTERM）。\n\n示例：\n  $ sdrs group create --name erp --domain dom-1 --vpc vpc-1 --json | jq -r .id\n  $ sdrs group reverse erp --to target --yes || echo "reverse failed with exit $?"\n  $ sdrs emulator --seed demo   # 用于预演的本地 SDRS\n  $ sdrs help group reverse     # 某条命令的帮助（也可用：sdrs group reverse --help）\n\n',
  },
  'sdrs group': {
    en: 'protection groups: create, list, show, status, start/stop protection, reverse (switch over), fail over, delete',
    zh: '保护组：创建、列出、查看、状态、开启/停止保护、切换、故障切换、删除',
  },
  'sdrs group create': {
    en: 'create a protection group and wait until it is available',
    zh: '创建保护组并等待其变为可用',
  },
  'sdrs group create --name': {
    en: 'group name: 1-64 bytes of letters, digits, Chinese characters, . _ -',
    zh: '组名：1-64 字节的字母、数字、中文字符、. _ -',
  },
  'sdrs group create --description': {
    en: 'description: at most 64 bytes, no < or >',
    zh: '描述：最多 64 字节，不能含 < 或 >',
  },
  'sdrs group create --domain': {
    en: 'active-active domain (see: sdrs domain list)',
    zh: '双活域（参见：sdrs domain list）',
  },
  'sdrs group create --source-az': {
    en: "production AZ, one of the domain's two (default: the domain's local AZ)",
    zh: '生产可用区，双活域的两个可用区之一（默认：双活域的本端可用区）',
  },
  'sdrs group create --target-az': {
    en: "DR AZ, the domain's other one (default: the domain's remote AZ)",
    zh: '容灾可用区，双活域的另一个可用区（默认：双活域的远端可用区）',
  },
  'sdrs group create --vpc': {
    en: 'VPC of the production servers: id or exact, unique name',
    zh: '生产云服务器所在的虚拟私有云：ID 或确切且唯一的名称',
  },
  'sdrs group create --allow-duplicate-name': {
    en: 'create the group even if a group of this name exists (every command naming it then needs the id)',
    zh: '即使已有同名保护组也创建（之后每条指定它的命令都需要使用 ID）',
  },
  'sdrs group create --dr-type': {
    en: 'deployment model',
    zh: '部署模式',
  },
  'sdrs group reverse': {
    en: 'switch protection groups over: move production to the DR site (target) or back (source)',
    zh: '切换保护组：把生产移到容灾站点（target）或切回（source）',
  },
  'sdrs group reverse <group>': {
    en: 'group ids or exact, unique names (several allowed)',
    zh: '保护组 ID 或确切且唯一的名称（可指定多个）',
  },
  'sdrs group reverse --to': {
    en: 'where production runs afterwards',
    zh: '切换后生产运行的站点',
  },
  'sdrs group reverse --to (default)': {
    en: 'asked at a terminal',
    zh: '在终端上询问',
  },
  'sdrs group reverse --all': {
    en: 'every group (narrow with --status and --name)',
    zh: '所有保护组（可用 --status 和 --name 缩小范围）',
  },
  'sdrs group reverse --status': {
    en: 'with --all: only groups in this status',
    zh: '与 --all 一起使用：只选此状态的保护组',
  },
  'sdrs group reverse --name': {
    en: 'with --all: only groups whose name contains this text',
    zh: '与 --all 一起使用：只选名称包含此文本的保护组',
  },
  'sdrs group reverse --concurrency': {
    en: 'groups submitted and watched at once (default: 10)',
    zh: '同时提交和监视的保护组数（默认：10）',
  },
  'sdrs group reverse --skip-checks': {
    en: 'skip the pre-flight checks (the service still enforces its rules)',
    zh: '跳过切换前检查（服务仍会执行它的规则）',
  },
  'sdrs group reverse --stop-servers': {
    en: 'one group: first stop the servers at the current production site and wait until SHUTOFF',
    zh: '单个保护组：先将当前生产站点的云服务器关机，并等到 SHUTOFF',
  },
  'sdrs group reverse --start-servers': {
    en: 'one group: after the reverse, start the servers at the new production site and wait until ACTIVE',
    zh: '单个保护组：切换后将新生产站点的云服务器开机，并等到 ACTIVE',
  },
  'sdrs group reverse --dry-run': {
    en: 'run the checks, print the exact request(s) and send nothing',
    zh: '运行检查，打印确切的请求，不发送任何请求',
  },
  'sdrs group list': {
    en: 'list protection groups (all pages)',
    zh: '列出保护组（所有分页）',
  },
  'sdrs group list --status': {
    en: 'only groups in this status',
    zh: '只列出此状态的保护组',
  },
  'sdrs group list --name': {
    en: 'only groups whose name contains this text',
    zh: '只列出名称包含此文本的保护组',
  },
  'sdrs group list --drill-overdue': {
    en: 'only groups with no DR drill in the last 3 months (the service decides)',
    zh: '只列出最近 3 个月内没有容灾演练的保护组（由服务判定）',
  },
  'sdrs group show': {
    en: 'show one protection group',
    zh: '查看一个保护组',
  },
  'sdrs group show <group>': {
    en: 'group id or exact, unique name',
    zh: '保护组 ID 或确切且唯一的名称',
  },
  'sdrs group status': {
    en: 'one screen: production side, replication, servers and their power, pair fault levels, what can be done next',
    zh: '一屏总览：生产站点、复制、云服务器及其电源状态、复制对故障级别、接下来可做的操作',
  },
  'sdrs group status <group>': {
    en: 'group id or exact, unique name',
    zh: '保护组 ID 或确切且唯一的名称',
  },
  'sdrs group status --watch': {
    en: 'refresh until Ctrl-C (which exits 0)',
    zh: '持续刷新直到按 Ctrl-C（退出码 0）',
  },
  'sdrs group status --interval': {
    en: 'with --watch: refresh interval, at least 1s (default: 5s)',
    zh: '与 --watch 一起使用：刷新间隔，至少 1s（默认：5s）',
  },
  'sdrs group start': {
    en: 'enable protection and wait until protected; after a failover this re-protects (asks first)',
    zh: '开启保护并等到已保护；故障切换之后会重新保护（先询问）',
  },
  'sdrs group start <group>': {
    en: 'group id or exact, unique name',
    zh: '保护组 ID 或确切且唯一的名称',
  },
  'sdrs group start --yes': {
    en: 're-protect without asking (required without a terminal)',
    zh: '不询问直接重新保护（没有终端时必须指定）',
  },
  'sdrs group stop': {
    en: 'disable protection (replication stops) and wait until available',
    zh: '停止保护（复制停止）并等到可用',
  },
  'sdrs group stop <group>': {
    en: 'group id or exact, unique name',
    zh: '保护组 ID 或确切且唯一的名称',
  },
  'sdrs group failover': {
    en: 'unplanned failover after losing the production site: production moves to the DR site, replication stops',
    zh: '失去生产站点后的计划外故障切换：生产移到容灾站点，复制停止',
  },
  'sdrs group failover <group>': {
    en: 'group id or exact, unique name',
    zh: '保护组 ID 或确切且唯一的名称',
  },
  'sdrs group failover --yes': {
    en: 'do not ask (a terminal asks you to type the group name)',
    zh: '不询问（终端上会要求输入保护组名称）',
  },
  'sdrs group failover --confirm': {
    en: 'confirm by naming the group (the scripted form of typing it)',
    zh: '通过给出保护组名称来确认（输入名称的脚本形式）',
  },
  'sdrs group failover --skip-checks': {
    en: 'skip the checks (status, pairs, fault levels); the service still enforces its rules',
    zh: '跳过检查（状态、复制对、故障级别）；服务仍会执行它的规则',
  },
  'sdrs group failover --dry-run': {
    en: 'run the checks, print the exact request and send nothing',
    zh: '运行检查，打印确切的请求，不发送任何请求',
  },
  'sdrs group delete': {
    en: 'delete an empty protection group (remove its instances and pairs first)',
    zh: '删除一个空的保护组（先移除其保护实例和复制对）',
  },
  'sdrs group delete <group>': {
    en: 'group id or exact, unique name',
    zh: '保护组 ID 或确切且唯一的名称',
  },
  'sdrs instance': {
    en: 'protected instances: the servers a group protects (a DR server is created for each)',
    zh: '保护实例：保护组所保护的云服务器（每个都会创建一台容灾云服务器）',
  },
  'sdrs instance add': {
    en: "protect a server at the group's production site and wait until its DR server exists",
    zh: '保护保护组生产站点上的一台云服务器，并等到其容灾云服务器创建完成',
  },
  'sdrs instance add <group>': {
    en: 'group id or exact, unique name',
    zh: '保护组 ID 或确切且唯一的名称',
  },
  'sdrs instance add --server': {
    en: 'the production server (see: sdrs server list); picked from a list at a terminal',
    zh: '生产云服务器（参见：sdrs server list）；在终端上从列表中选择',
  },
  'sdrs instance add --name': {
    en: 'instance name (default: the server name)',
    zh: '保护实例名称（默认：云服务器名称）',
  },
  'sdrs instance add --description': {
    en: 'description, at most 64 bytes, without < or >',
    zh: '描述，最多 64 字节，不能含 < 或 >',
  },
  'sdrs instance add --az': {
    en: "resolve the server name in this AZ (default: the group's production AZ)",
    zh: '在此可用区中解析云服务器名称（默认：保护组的生产可用区）',
  },
  'sdrs instance list': {
    en: 'list protected instances (all pages), of one group or all, with their servers by name',
    zh: '列出保护实例（所有分页），某个保护组的或全部的，并按名称显示其云服务器',
  },
  'sdrs instance list <group>': {
    en: 'group id or exact, unique name',
    zh: '保护组 ID 或确切且唯一的名称',
  },
  'sdrs instance list --wide': {
    en: "show the servers' ids beside their names",
    zh: '在云服务器名称旁显示其 ID',
  },
  'sdrs instance remove': {
    en: 'stop protecting a server: attached pairs are detached (not deleted); the DR server is kept unless asked',
    zh: '停止保护一台云服务器：已挂载的复制对会被卸载（不删除）；除非指定，否则保留容灾云服务器',
  },
  'sdrs instance remove <instance>': {
    en: 'protected instance id or exact, unique name',
    zh: '保护实例 ID 或确切且唯一的名称',
  },
  'sdrs instance remove --delete-target-server': {
    en: 'also delete the DR server',
    zh: '同时删除容灾云服务器',
  },
  'sdrs instance remove --delete-target-eip': {
    en: "also release the DR server's elastic IP (delete_target_eip)",
    zh: '同时释放容灾云服务器的弹性公网 IP（delete_target_eip）',
  },
  'sdrs pair': {
    en: 'replication pairs: a production disk and its DR copy, attached to a protected instance',
    zh: '复制对：一块生产磁盘及其容灾副本，挂载到一个保护实例',
  },
  'sdrs pair add': {
    en: 'replicate a production disk (a DR disk is created) and wait until the pair exists',
    zh: '复制一块生产磁盘（会创建一块容灾磁盘），并等到复制对创建完成',
  },
  'sdrs pair add <group>': {
    en: 'group id or exact, unique name',
    zh: '保护组 ID 或确切且唯一的名称',
  },
  'sdrs pair add --volume': {
    en: 'the production disk (EVS volume id; see: sdrs server show <server>); picked from a list at a terminal',
    zh: '生产磁盘（EVS 云硬盘 ID；参见：sdrs server show <server>）；在终端上从列表中选择',
  },
  'sdrs pair add --name': {
    en: 'pair name (default: rp- and the first 8 characters of the volume id)',
    zh: '复制对名称（默认：rp- 加云硬盘 ID 的前 8 个字符）',
  },
  'sdrs pair list': {
    en: 'list replication pairs (all pages) with their fault level, instance and disk, of one group or all',
    zh: '列出复制对（所有分页），某个保护组的或全部的，含故障级别、保护实例和磁盘',
  },
  'sdrs pair list <group>': {
    en: 'group id or exact, unique name',
    zh: '保护组 ID 或确切且唯一的名称',
  },
  'sdrs pair attach': {
    en: 'attach a pair to a protected instance as a device and wait',
    zh: '将复制对作为设备挂载到保护实例并等待完成',
  },
  'sdrs pair attach <pair>': {
    en: 'replication pair id or exact, unique name',
    zh: '复制对 ID 或确切且唯一的名称',
  },
  'sdrs pair attach --instance': {
    en: "protected instance id or exact, unique name; picked from the group's instances at a terminal",
    zh: '保护实例 ID 或确切且唯一的名称；在终端上从保护组的保护实例中选择',
  },
  'sdrs pair attach --device': {
    en: 'device name on the server: /dev/vda (system disk), /dev/vdb, ... (or /dev/sdX); asked at a terminal',
    zh: '云服务器上的设备名：/dev/vda（系统盘）、/dev/vdb……（或 /dev/sdX）；在终端上询问',
  },
  'sdrs pair detach': {
    en: 'detach a pair from its protected instance and wait (a system disk needs the server stopped)',
    zh: '将复制对从其保护实例卸载并等待完成（系统盘需要云服务器已关机）',
  },
  'sdrs pair detach <pair>': {
    en: 'replication pair id or exact, unique name',
    zh: '复制对 ID 或确切且唯一的名称',
  },
  'sdrs pair remove': {
    en: 'delete a pair (the service refuses an attached one: --detach detaches it first)',
    zh: '删除复制对（服务拒绝删除已挂载的复制对：--detach 会先卸载）',
  },
  'sdrs pair remove <pair>': {
    en: 'replication pair id or exact, unique name',
    zh: '复制对 ID 或确切且唯一的名称',
  },
  'sdrs pair remove --detach': {
    en: 'if attached, detach it first (and wait) before deleting',
    zh: '如已挂载，删除前先卸载（并等待）',
  },
  'sdrs pair remove --delete-target-volume': {
    en: 'also delete the DR disk',
    zh: '同时删除容灾磁盘',
  },
  'sdrs pair remove --dry-run': {
    en: 'print the exact request(s) (secrets redacted) and send nothing',
    zh: '打印确切的请求（已隐去密钥），不发送任何请求',
  },
  'sdrs job': {
    en: "asynchronous jobs: show one, or wait for it to finish; failed operations in the service's task centre",
    zh: '异步任务：查看任务或等待其结束；服务任务中心里失败的操作',
  },
  'sdrs job show': {
    en: 'show a job',
    zh: '查看一个任务',
  },
  'sdrs job show <job-id>': {
    en: 'job id',
    zh: '任务 ID',
  },
  'sdrs job wait': {
    en: 'wait for a job to finish (resume watching from anywhere)',
    zh: '等待任务结束（可在任何地方继续监视）',
  },
  'sdrs job wait <job-id>': {
    en: 'job id',
    zh: '任务 ID',
  },
  'sdrs job wait --timeout': {
    en: 'how long to wait: 90s, 10m, 1h; 0 = no limit (default: 30m)',
    zh: '等待多久：90s、10m、1h；0 = 不限（默认：30m）',
  },
  'sdrs job wait --interval': {
    en: 'first poll interval (default: 1s)',
    zh: '首次轮询间隔（默认：1s）',
  },
  'sdrs job wait --ecs': {
    en: 'an ECS job (server stop/start --no-wait), read from ECS rather than SDRS',
    zh: 'ECS 任务（server stop/start --no-wait），从 ECS 而不是 SDRS 读取',
  },
  'sdrs job failures': {
    en: "failed operations in the service's task centre (group-level ones, or a group's with --group)",
    zh: '服务任务中心里失败的操作（保护组级别的，或用 --group 查看某个保护组的）',
  },
  'sdrs job failures --group': {
    en: "a group's failures: those about the group and those inside it",
    zh: '某个保护组的失败：关于该保护组的以及其内部的',
  },
  'sdrs job failures --status': {
    en: 'a failure status: createFail, deleteFail, attachFail, detachFail, expandFail, resizeFail, startFail, stopFail, reverseFail, failoverFail, reprotectFail',
    zh: '失败状态：createFail、deleteFail、attachFail、detachFail、expandFail、resizeFail、startFail、stopFail、reverseFail、failoverFail、reprotectFail',
  },
  'sdrs job failures --type': {
    en: 'a resource type: group, instance, pair, drill (or server_groups, protected_instances, replications, disaster_recovery_drills)',
    zh: '资源类型：group、instance、pair、drill（或 server_groups、protected_instances、replications、disaster_recovery_drills）',
  },
  'sdrs job failures clear': {
    en: "remove handled failures from the task centre: one (its id), a group's (--group), or every group-level one",
    zh: '从任务中心移除已处理的失败：一条（按其 ID）、某个保护组的（--group），或所有保护组级别的',
  },
  'sdrs job failures clear <failure-job-id>': {
    en: 'one failure, by the job id `job failures` shows',
    zh: '一条失败，按 `job failures` 显示的任务 ID',
  },
  'sdrs job failures clear --group': {
    en: "the group's failures: those inside it and the group-level ones about it",
    zh: '该保护组的失败：其内部的以及关于它的保护组级别失败',
  },
  'sdrs domain': {
    en: 'active-active domains (the AZ pairs groups replicate between)',
    zh: '双活域（保护组在其间复制的可用区对）',
  },
  'sdrs domain list': {
    en: 'list active-active domains',
    zh: '列出双活域',
  },
  'sdrs server': {
    en: 'ECS servers: list them, stop or start them around a switchover',
    zh: 'ECS 云服务器：列出，或在切换前后关机、开机',
  },
  'sdrs server list': {
    en: 'list ECS servers with their addresses and disks (see one: sdrs server show <server>)',
    zh: '列出 ECS 云服务器及其地址和磁盘（查看一台：sdrs server show <server>）',
  },
  'sdrs server list --az': {
    en: 'only servers in this availability zone',
    zh: '只列出此可用区中的云服务器',
  },
  'sdrs server list --vpc': {
    en: 'only servers in this VPC',
    zh: '只列出此虚拟私有云中的云服务器',
  },
  'sdrs server stop': {
    en: 'stop servers (soft) and wait until they are SHUTOFF',
    zh: '将云服务器关机（软关机）并等到 SHUTOFF',
  },
  'sdrs server stop <server>': {
    en: 'server ids or names',
    zh: '云服务器 ID 或名称',
  },
  'sdrs server start': {
    en: 'start servers and wait until they are ACTIVE (a DR-site server of a protected group is refused)',
    zh: '将云服务器开机并等到 ACTIVE（已保护保护组的容灾站点云服务器会被拒绝）',
  },
  'sdrs server start <server>': {
    en: 'server ids or names',
    zh: '云服务器 ID 或名称',
  },
  'sdrs server start --allow-dr-site': {
    en: 'also start DR-site servers of protected groups (they normally stay stopped until a reverse or failover)',
    zh: '同时开机已保护保护组的容灾站点云服务器（它们通常保持关机，直到切换或故障切换）',
  },
  'sdrs server show': {
    en: 'show one ECS server: its disks (id, device, paired or not) and the protected instance that has it',
    zh: '查看一台 ECS 云服务器：其磁盘（ID、设备、是否已组成复制对）以及拥有它的保护实例',
  },
  'sdrs server show <server>': {
    en: 'server id or name',
    zh: '云服务器 ID 或名称',
  },
  'sdrs server show --az': {
    en: 'resolve the name in this availability zone (a DR server has the same name as its production server)',
    zh: '在此可用区中解析名称（容灾云服务器与其生产云服务器同名）',
  },
  'sdrs drill': {
    en: 'DR drills: rehearse a recovery in a separate VPC while production keeps running (run, create, list, show, rename, delete)',
    zh: '容灾演练：在独立的虚拟私有云中演练恢复，生产保持运行（run、create、list、show、rename、delete）',
  },
  'sdrs drill run': {
    en: 'rehearse a recovery in one command: pre-flight, create a drill, wait for its servers, run --verify, delete it; reports the recovery time',
    zh: '一条命令演练恢复：预检、创建演练、等待演练云服务器、运行 --verify、删除演练；报告恢复时间',
  },
  'sdrs drill run <group>': {
    en: 'group id or exact, unique name (asked for at a terminal)',
    zh: '保护组 ID 或确切且唯一的名称（在终端上询问）',
  },
  'sdrs drill run --verify': {
    en: 'check the drill servers: run with SDRS_DRILL_ID, SDRS_GROUP_ID, SDRS_DRILL_SERVERS (JSON) and SDRS_DRILL_SERVER_<n>_NAME/_ADDRESS in the environment and the same as JSON on stdin (without the credential variables sdrs reads); a non-zero exit fails the drill (exit 9)',
    zh: '检查演练云服务器：运行该命令，环境变量中有 SDRS_DRILL_ID、SDRS_GROUP_ID、SDRS_DRILL_SERVERS（JSON）和 SDRS_DRILL_SERVER_<n>_NAME/_ADDRESS，stdin 上有相同内容的 JSON（不含 sdrs 读取的凭证变量）；非零退出码使演练失败（退出码 9）',
  },
  'sdrs drill run --verify-timeout': {
    en: 'limit of the --verify command (default: 10m)',
    zh: '--verify 命令的时限（默认：10m）',
  },
  'sdrs drill run --keep': {
    en: 'keep the drill (and its servers) at the end instead of deleting it',
    zh: '结束时保留演练（及其云服务器），不删除',
  },
  'sdrs drill run --name': {
    en: 'drill name (default: sdrs-run-<group name>; a re-run finds the drill by it and carries on)',
    zh: '演练名称（默认：sdrs-run-<保护组名称>；重新运行时按此名称找到演练并继续）',
  },
  'sdrs drill run --dry-run': {
    en: 'run the pre-flight checks, print the create request (secrets redacted) and send nothing',
    zh: '运行预检，打印创建请求（已隐去密钥），不发送任何请求',
  },
  'sdrs drill run --timeout': {
    en: 'limit of each wait (the create job, the drill servers, the delete job): 90s, 10m, 1h; 0 = no limit (default: 30m)',
    zh: '每次等待（创建任务、演练云服务器、删除任务）的时限：90s、10m、1h；0 = 不限（默认：30m）',
  },
  'sdrs drill create': {
    en: 'start a DR drill: drill servers are built from the DR-site replicas in a separate drill VPC; production keeps running',
    zh: '开始容灾演练：在独立的演练虚拟私有云中，用容灾站点的副本创建演练云服务器；生产保持运行',
  },
  'sdrs drill create <group>': {
    en: 'group id or exact, unique name (asked for at a terminal)',
    zh: '保护组 ID 或确切且唯一的名称（在终端上询问）',
  },
  'sdrs drill create --name': {
    en: 'drill name (default: drill-<UTC date and time>)',
    zh: '演练名称（默认：drill-<UTC 日期和时间>）',
  },
  'sdrs drill list': {
    en: 'list DR drills (all pages), of one group or all',
    zh: '列出容灾演练（所有分页），某个保护组的或全部的',
  },
  'sdrs drill list --group': {
    en: 'only the drills of this group (id or exact, unique name)',
    zh: '只列出此保护组的演练（ID 或确切且唯一的名称）',
  },
  'sdrs drill list --status': {
    en: 'only drills in this status',
    zh: '只列出此状态的演练',
  },
  'sdrs drill show': {
    en: 'show one DR drill: its status and its drill servers with their power state and addresses',
    zh: '查看一个容灾演练：其状态，以及演练云服务器的电源状态和地址',
  },
  'sdrs drill show <drill>': {
    en: 'drill id or exact, unique name (asked for at a terminal)',
    zh: '演练 ID 或确切且唯一的名称（在终端上询问）',
  },
  'sdrs drill rename': {
    en: 'rename a DR drill',
    zh: '重命名容灾演练',
  },
  'sdrs drill rename <drill>': {
    en: 'drill id or exact, unique name (asked for at a terminal)',
    zh: '演练 ID 或确切且唯一的名称（在终端上询问）',
  },
  'sdrs drill rename <new-name>': {
    en: 'the new name: 1-64 bytes of letters, digits, Chinese characters, . _ - (asked for at a terminal)',
    zh: '新名称：1-64 字节的字母、数字、中文字符、. _ -（在终端上询问）',
  },
  'sdrs drill delete': {
    en: 'delete a DR drill: its drill servers, disks and NICs; the drill VPC and subnets are kept, EIPs unbound (not deleted)',
    zh: '删除容灾演练：其演练云服务器、磁盘和网卡；保留演练虚拟私有云和子网，解绑（不删除）弹性公网 IP',
  },
  'sdrs drill delete <drill>': {
    en: 'drill id or exact, unique name (asked for at a terminal)',
    zh: '演练 ID 或确切且唯一的名称（在终端上询问）',
  },
  'sdrs plan': {
    en: "recovery plans: a whole application's switchover, failover or drill as one reviewed file (validate, show, run, resume, status)",
    zh: '恢复计划：把整个应用的切换、故障切换或演练写成一个经过评审的文件（validate、show、run、resume、status）',
  },
  'sdrs plan validate': {
    en: 'check a plan file (exit 2: every problem with its line and column) and whether it could run now in each mode (exit 3: every check that fails); sends nothing',
    zh: '检查计划文件（退出码 2：每个问题及其行号和列号）以及它现在能否以每种模式运行（退出码 3：每项未通过的检查）；不发送任何请求',
  },
  'sdrs plan validate <file>': {
    en: 'the plan file (YAML or JSON; format: docs/plans.md)',
    zh: '计划文件（YAML 或 JSON；格式：docs/plans.md）',
  },
  'sdrs plan validate --mode': {
    en: 'check one mode only: switchover, failover, drill (default: all three)',
    zh: '只检查一种模式：switchover、failover、drill（默认：全部三种）',
  },
  'sdrs plan validate --offline': {
    en: 'check the file only, without reading the service',
    zh: '只检查文件，不读取服务',
  },
  'sdrs plan validate after': {
    en: "\nExamples:\n  $ sdrs plan validate erp.yaml\n  $ sdrs plan validate erp.yaml --mode failover --json | jq '.modes[].failures[] | \"\\(.step) \\(.group): \\(.message)\"'\n  $ sdrs plan validate erp.yaml --offline || exit 1   # in CI: the file only\n\n",
    zh: "\n示例：\n  $ sdrs plan validate erp.yaml\n  $ sdrs plan validate erp.yaml --mode failover --json | jq '.modes[].failures[] | \"\\(.step) \\(.group): \\(.message)\"'\n  $ sdrs plan validate erp.yaml --offline || exit 1   # 在 CI 中：只检查文件\n\n",
  },
  'sdrs plan show': {
    en: 'show a plan file: its steps and waves as an outline, or a Mermaid flowchart (--format mermaid); reads the file only',
    zh: '查看计划文件：以大纲显示其步骤和批次，或显示 Mermaid 流程图（--format mermaid）；只读取文件',
  },
  'sdrs plan show <file>': {
    en: 'the plan file (YAML or JSON)',
    zh: '计划文件（YAML 或 JSON）',
  },
  'sdrs plan show --format': {
    en: 'outline or mermaid (default: outline)',
    zh: 'outline 或 mermaid（默认：outline）',
  },
  'sdrs plan show --mode': {
    en: 'describe each step as this mode runs it: switchover, failover, drill',
    zh: '按此模式运行时的方式描述每个步骤：switchover、failover、drill',
  },
  'sdrs plan run': {
    en: 'run a recovery plan: its steps in order, the groups of a step in parallel; --mode switchover (planned), failover (production site lost) or drill (non-disruptive)',
    zh: '运行恢复计划：按顺序执行步骤，一个步骤中的保护组并行执行；--mode switchover（计划内切换）、failover（生产站点丢失）或 drill（不中断业务）',
  },
  'sdrs plan run <file>': {
    en: 'the plan file (YAML or JSON, docs/plans.md)',
    zh: '计划文件（YAML 或 JSON，docs/plans.md）',
  },
  'sdrs plan run --mode': {
    en: 'switchover | failover | drill (required)',
    zh: 'switchover | failover | drill（必需）',
  },
  'sdrs plan run --keep': {
    en: 'drill mode: keep the drills at the end instead of deleting them',
    zh: 'drill 模式：结束时保留演练，不删除',
  },
  'sdrs plan run --confirm-step': {
    en: 'confirm this confirm step up front (repeatable); without a terminal every confirm step needs it or --yes',
    zh: '预先确认此确认步骤（可重复）；没有终端时，每个确认步骤都需要它或 --yes',
  },
  'sdrs plan run --dry-run': {
    en: 'print the steps the run would take and send nothing',
    zh: '打印运行将执行的步骤，不发送任何请求',
  },
  'sdrs plan run --timeout': {
    en: "limit of each group's wait (a step's timeout overrides it): 90s, 10m, 1h; 0 = no limit (default: 30m)",
    zh: '每个保护组等待的时限（步骤的超时优先）：90s、10m、1h；0 = 不限（默认：30m）',
  },
  'sdrs plan resume': {
    en: 'carry on a plan run from its first unfinished step (finished steps and groups are never sent again)',
    zh: '从第一个未完成的步骤继续计划运行（已完成的步骤和保护组不会再次发送）',
  },
  'sdrs plan resume <run-or-file>': {
    en: 'the run id (sdrs plan status), or the plan file: its latest unfinished run (default: the latest unfinished run)',
    zh: '运行 ID（sdrs plan status），或计划文件：其最近一次未完成的运行（默认：最近一次未完成的运行）',
  },
  'sdrs plan resume --confirm-step': {
    en: 'confirm this confirm step up front (repeatable)',
    zh: '预先确认此确认步骤（可重复）',
  },
  'sdrs plan resume --dry-run': {
    en: 'say where the run would carry on and send nothing',
    zh: '说明运行将从哪里继续，不发送任何请求',
  },
  'sdrs plan resume --timeout': {
    en: "limit of each group's wait: 90s, 10m, 1h; 0 = no limit (default: 30m)",
    zh: '每个保护组等待的时限：90s、10m、1h；0 = 不限（默认：30m）',
  },
  'sdrs plan status': {
    en: 'where a plan run stands: every step and group, job ids, durations, the resume command',
    zh: '计划运行的进展：每个步骤和保护组、任务 ID、耗时、继续运行的命令',
  },
  'sdrs plan status <run-or-file>': {
    en: 'run id or plan file (default: the latest run)',
    zh: '运行 ID 或计划文件（默认：最近一次运行）',
  },
  'sdrs plan status --all': {
    en: 'list every run kept in the state directory',
    zh: '列出状态目录中保存的所有运行',
  },
  'sdrs config': {
    en: 'configuration and credentials',
    zh: '配置和凭证',
  },
  'sdrs config show': {
    en: 'show the resolved settings and where each came from (secrets masked)',
    zh: '显示解析后的设置及每项的来源（已隐去密钥）',
  },
  'sdrs config init': {
    en: 'write a profile to ~/.sdrsrc (mode 0600); asks for missing values at a terminal, then offers a test call',
    zh: '将配置档写入 ~/.sdrsrc（权限 0600）；在终端上询问缺少的值，然后提议进行一次测试调用',
  },
  'sdrs config init --access-key': {
    en: 'access key id',
    zh: '访问密钥 ID（AK）',
  },
  'sdrs config init --secret-key-stdin': {
    en: 'read the secret key from stdin (never pass it as a flag)',
    zh: '从 stdin 读取秘密访问密钥（SK）（切勿作为参数传入）',
  },
  'sdrs config init --test': {
    en: 'after writing, list protection groups with the profile (exit code of that call if it fails)',
    zh: '写入后，用该配置档列出保护组（该调用失败时返回其退出码）',
  },
  'sdrs config init --no-test': {
    en: 'do not offer the test call',
    zh: '不提议测试调用',
  },
  'sdrs demo': {
    en: 'run a narrated DR drill against an embedded emulator: create, rehearse with a DR drill, reverse to the DR site, switch back',
    zh: '针对内置模拟器运行一次带解说的容灾演练：创建、用容灾演练预演、切换到容灾站点、切回',
  },
  'sdrs demo --fast': {
    en: 'shorten job durations (0.8s instead of 3s)',
    zh: '缩短任务时长（0.8s 而不是 3s）',
  },
  'sdrs history': {
    en: 'the operations in the local journal, newest first: result, duration, job ids; unfinished runs with how to resume',
    zh: '本地操作日志中的操作，最新的在前：结果、耗时、任务 ID；未完成的运行及如何继续',
  },
  'sdrs history --since': {
    en: 'operations started within this age (30d, 12h, 2w), since a date (2026-01-31), or all',
    zh: '在此时长内开始的操作（30d、12h、2w），自某日期起（2026-01-31），或 all',
  },
  'sdrs history --group': {
    en: 'only operations on this group, by name or id (repeatable, or comma-separated)',
    zh: '只看此保护组的操作，按名称或 ID（可重复，或用逗号分隔）',
  },
  'sdrs history --kind': {
    en: 'only these kinds: switchover, failover, drill, start, stop, create, delete, ... (repeatable, or comma-separated)',
    zh: '只看这些类型：switchover、failover、drill、start、stop、create、delete……（可重复，或用逗号分隔）',
  },
  'sdrs report': {
    en: 'a DR report for auditors from the journal and the service: drills, switchovers, failures, readiness (md, html, csv, json)',
    zh: '根据操作日志和服务为审计人员生成容灾报告：演练、切换、失败、就绪情况（md、html、csv、json）',
  },
  'sdrs report --since': {
    en: 'operations started within this age (90d, 12h, 2w), since a date (2026-01-31), or all',
    zh: '在此时长内开始的操作（90d、12h、2w），自某日期起（2026-01-31），或 all',
  },
  'sdrs report --group': {
    en: 'only this group, by name or id (repeatable, or comma-separated)',
    zh: '只看此保护组，按名称或 ID（可重复，或用逗号分隔）',
  },
  'sdrs report --format': {
    en: "md, html, json or csv (default: from the -o file's extension, else md)",
    zh: 'md、html、json 或 csv（默认：取自 -o 文件的扩展名，否则为 md）',
  },
  'sdrs report --output': {
    en: 'write the report to this file (default: stdout)',
    zh: '将报告写入此文件（默认：stdout）',
  },
  'sdrs report --no-service': {
    en: 'do not read the service: the journal only (offline)',
    zh: '不读取服务：只用操作日志（离线）',
  },
  'sdrs completion': {
    en: 'print a shell completion script',
    zh: '打印 shell 补全脚本',
  },
  'sdrs completion <shell>': {
    en: 'shell',
    zh: 'shell 类型',
  },
  'sdrs emulator': {
    en: 'run a local SDRS emulator (same routes, signatures, state machines and job timing) for rehearsals',
    zh: '运行本地 SDRS 模拟器（相同的路由、签名、状态机和任务时序），用于预演',
  },
  'sdrs emulator --host': {
    en: 'address to bind (anything but loopback prints a warning)',
    zh: '绑定的地址（非回环地址会打印警告）',
  },
  'sdrs emulator --port': {
    en: 'port; 0 takes a free one',
    zh: '端口；0 表示取一个空闲端口',
  },
  'sdrs emulator --state': {
    en: 'save the world to this file on every change and load it on start',
    zh: '每次变更都把模拟的环境保存到此文件，启动时从中加载',
  },
  'sdrs emulator --tls-cert': {
    en: 'serve https with this PEM certificate (with --tls-key), e.g. one signed by your private CA',
    zh: '用此 PEM 证书提供 https 服务（与 --tls-key 一起使用），例如由您的私有 CA 签发的证书',
  },
  'sdrs emulator --tls-key': {
    en: 'the PEM private key of --tls-cert',
    zh: '--tls-cert 证书的 PEM 私钥',
  },
  'sdrs emulator after': {
    en: '\nExamples:\n  $ sdrs emulator --seed demo\n  $ sdrs emulator --port 0 --json > emu.json & sleep 1; export SDRS_ENDPOINT=$(jq -r .url emu.json)\n  $ sdrs emulator --tls-cert server.pem --tls-key server-key.pem   # then: sdrs --ca-bundle ca.pem ...\n\n',
    zh: '\n示例：\n  $ sdrs emulator --seed demo\n  $ sdrs emulator --port 0 --json > emu.json & sleep 1; export SDRS_ENDPOINT=$(jq -r .url emu.json)\n  $ sdrs emulator --tls-cert server.pem --tls-key server-key.pem   # 然后：sdrs --ca-bundle ca.pem ...\n\n',
  },
  'sdrs api': {
    en: 'anything else: a signed request to any SDRS, ECS or VPC path, the JSON answer on stdout (like gh api)',
    zh: '其他一切：向任意 SDRS、ECS 或 VPC 路径发送签名请求，JSON 应答输出到 stdout（类似 gh api）',
  },
  'sdrs api <method>': {
    en: 'GET, POST, PUT or DELETE',
    zh: 'GET、POST、PUT 或 DELETE',
  },
  'sdrs api <path>': {
    en: 'e.g. /v1/{project_id}/server-groups ({project_id} is filled in); or a full URL under a configured endpoint',
    zh: '例如 /v1/{project_id}/server-groups（自动填入 {project_id}）；或已配置端点下的完整 URL',
  },
  'sdrs api --raw-field': {
    en: 'a string field (repeatable): the query of a GET, else the JSON body; a.b=c or a[b]=c nests',
    zh: '字符串字段（可重复）：GET 时放入查询参数，否则放入 JSON 请求体；a.b=c 或 a[b]=c 表示嵌套',
  },
  'sdrs api --field': {
    en: 'a typed field (repeatable): true, false, null and numbers become JSON values; else as -f',
    zh: '带类型的字段（可重复）：true、false、null 和数字成为 JSON 值；其余同 -f',
  },
  'sdrs api --input': {
    en: 'the JSON body from a file, or - for stdin (fields then go to the query)',
    zh: '从文件读取 JSON 请求体，- 表示标准输入（此时字段放入查询参数）',
  },
  'sdrs api --paginate': {
    en: 'GET: follow limit/offset pages and print one document with the lists joined',
    zh: 'GET：按 limit/offset 逐页读取，输出一个合并了各页列表的文档',
  },
  'sdrs api --service': {
    en: 'sdrs, ecs or vpc (default: from the path: cloudservers is ECS; vpcs, subnets and /v2.0/ are VPC; the rest SDRS)',
    zh: 'sdrs、ecs 或 vpc（默认按路径判断：cloudservers 为 ECS；vpcs、subnets 和 /v2.0/ 为 VPC；其余为 SDRS）',
  },
  'sdrs api --wait': {
    en: 'when the answer has a job_id, watch the job to its end (exit codes as job wait) and print the job',
    zh: '应答中有 job_id 时，跟踪该任务直到结束（退出码同 job wait）并输出该任务',
  },
  'sdrs api --timeout': {
    en: 'with --wait: how long to wait (default: 30m)',
    zh: '与 --wait 一起使用：最多等待多久（默认：30m）',
  },
  'sdrs api --interval': {
    en: 'with --wait: first poll interval (default: 1s)',
    zh: '与 --wait 一起使用：首次轮询间隔（默认：1s）',
  },
  'sdrs api after': {
    en: "\nNo confirmation is asked: as with `gh api`, the method you type is the consent.\nPOST, PUT and DELETE are sent once, never re-sent blindly: a lost answer is exit 7\n(OUTCOME_UNKNOWN) with how to check. A job_id in the answer is printed on stderr\nwith `sdrs job wait <id>` as the next step. Exit codes as every command: 3 refused\nor not found, 4 auth or configuration, 7 unreachable or outcome unknown.\n\nExamples:\n  $ sdrs api GET /v1/{project_id}/server-groups --paginate | jq -r '.server_groups[].name'\n  $ sdrs api GET /v1/{project_id}/server-groups -f limit=10 -f status=protected\n  $ sdrs api POST /v1/{project_id}/server-groups/$GROUP_ID/action --input body.json --wait\n  $ sdrs api POST /v1/{project_id}/server-groups/$GROUP_ID/action -f reverse-server-group.priority_station=target --dry-run\n  $ sdrs api GET /v1/{project_id}/cloudservers/detail -F limit=50\n\n",
    zh: "\n不会要求确认：与 `gh api` 一样，您输入的方法即表示同意。\nPOST、PUT 和 DELETE 只发送一次，绝不盲目重发：应答丢失时退出码为 7\n（OUTCOME_UNKNOWN），并说明如何核实。应答中的 job_id 会输出到 stderr，\n并给出下一步 `sdrs job wait <id>`。退出码与其他命令相同：3 被拒绝\n或不存在，4 认证或配置错误，7 不可达或结果未知。\n\n示例：\n  $ sdrs api GET /v1/{project_id}/server-groups --paginate | jq -r '.server_groups[].name'\n  $ sdrs api GET /v1/{project_id}/server-groups -f limit=10 -f status=protected\n  $ sdrs api POST /v1/{project_id}/server-groups/$GROUP_ID/action --input body.json --wait\n  $ sdrs api POST /v1/{project_id}/server-groups/$GROUP_ID/action -f reverse-server-group.priority_station=target --dry-run\n  $ sdrs api GET /v1/{project_id}/cloudservers/detail -F limit=50\n\n",
  },
  'sdrs emulator --seed': {
    en: 'initial world',
    zh: '初始环境',
  },
  'sdrs emulator --job-duration': {
    en: 'how long each job runs',
    zh: '每个任务运行多久',
  },
  'sdrs emulator --faults': {
    en: 'inject faults, e.g. 5xx=0.05,429=0.05,reset=0.02,latency=200ms,rps=20',
    zh: '注入故障，例如 5xx=0.05,429=0.05,reset=0.02,latency=200ms,rps=20',
  },
  'sdrs emulator --fault-seed': {
    en: 'seed for fault randomness, to replay a failing run',
    zh: '故障随机性的种子，用于重放失败的运行',
  },
  'sdrs emulator --ak': {
    en: 'access key the emulator accepts',
    zh: '模拟器接受的访问密钥（AK）',
  },
  'sdrs emulator --sk': {
    en: 'secret key the emulator accepts',
    zh: '模拟器接受的秘密访问密钥（SK）',
  },
  'sdrs emulator --allow-host': {
    en: 'more host names clients may use besides 127.0.0.1, localhost and [::1] (comma-separated)',
    zh: '除 127.0.0.1、localhost 和 [::1] 外，客户端还可使用的主机名（逗号分隔）',
  },
  'sdrs emulator --admin-token': {
    en: 'require this bearer token on the admin API (env: SDRS_EMULATOR_ADMIN_TOKEN, which keeps it out of ps)',
    zh: '管理 API 要求此 bearer 令牌（环境变量：SDRS_EMULATOR_ADMIN_TOKEN，可避免它出现在 ps 中）',
  },
  'sdrs emulator --quota': {
    en: 'quotas, e.g. server_groups=50,replications=100 (-1 for unlimited; these are the defaults)',
    zh: '配额，例如 server_groups=50,replications=100（-1 表示不限；这些是默认值）',
  },
  'sdrs emulator --rpo-interval': {
    en: 'period of the RPO statistics points',
    zh: 'RPO 统计点的周期',
  },
  'sdrs check': {
    en: 'readiness: would the DR site take over now? READY / DEGRADED / NOT READY per group, each reason with its fix',
    zh: '就绪检查：容灾站点现在能否接管？每个保护组为 READY / DEGRADED / NOT READY，每个原因附带修复方法',
  },
  'sdrs check <group>': {
    en: 'group ids or exact, unique names',
    zh: '保护组 ID 或确切且唯一的名称',
  },
  'sdrs check --all': {
    en: 'check every protection group',
    zh: '检查所有保护组',
  },
  'sdrs check --fail-on': {
    en: 'the least verdict that exits 8: not-ready or degraded (default: not-ready)',
    zh: '以退出码 8 退出的最低结论：not-ready 或 degraded（默认：not-ready）',
  },
  'sdrs check --format': {
    en: 'text (default) or openmetrics (Prometheus textfile collector; docs/json-output.md#metrics)',
    zh: 'text（默认）或 openmetrics（Prometheus textfile collector；docs/json-output.md#metrics）',
  },
  'sdrs rpo': {
    en: 'the RPO-exceedance trend: how many replication pairs were over their RPO, point by point',
    zh: 'RPO 超标趋势：逐点显示有多少复制对超过了其 RPO',
  },
  'sdrs rpo --since': {
    en: 'how far back: 30m, 24h, 7d (default: 24h)',
    zh: '回溯多久：30m、24h、7d（默认：24h）',
  },
  'sdrs rpo --fail-above': {
    en: 'exit 8 when more than n pairs were over their RPO at the latest point',
    zh: '最近一个点上超过 RPO 的复制对多于 n 个时，以退出码 8 退出',
  },
  'sdrs quota': {
    en: "the project's quotas: protection groups and replication pairs, used and left",
    zh: '项目的配额：保护组和复制对，已用和剩余',
  },
} as const satisfies Catalog;

/** Option descriptions many commands share (the wait flags, --yes, --dry-run, help): used where no entry of the command's own matches. */
export const helpShared = {
  dryRun: {
    en: 'print the exact request (secrets redacted) and send nothing',
    zh: '打印确切的请求（已隐去密钥），不发送任何请求',
  },
  noWait: {
    en: 'print the job id and return at once (resume with: sdrs job wait <job-id>)',
    zh: '打印任务 ID 后立即返回（继续等待：sdrs job wait <job-id>）',
  },
  timeout: {
    en: 'how long to wait for the job: 90s, 10m, 1h; 0 = no limit (default: 30m)',
    zh: '等待任务多久：90s、10m、1h；0 = 不限（默认：30m）',
  },
  interval: {
    en: 'first poll interval; later polls back off (default: 1s)',
    zh: '首次轮询间隔；之后的轮询逐步退避（默认：1s）',
  },
  maxInterval: {
    en: 'longest gap between polls, in every phase (default: 30s, longer while the end is far off): lower notices the end of a long job sooner, with more requests',
    zh: '任何阶段两次轮询之间的最长间隔（默认：30s，离结束还远时更长）：越小越早发现长任务的结束，但请求更多',
  },
  yes: {
    en: 'do not ask for confirmation (required without a terminal)',
    zh: '不要求确认（没有终端时必须指定）',
  },
  azName: {
    en: 'resolve names in this availability zone (a DR server has the same name as its production server)',
    zh: '在此可用区中解析名称（容灾云服务器与其生产云服务器同名）',
  },
  drillVpc: {
    en: "drill VPC: same CIDR as the group's VPC, with subnets, not the group's VPC (default: the service creates one)",
    zh: '演练虚拟私有云：与保护组的虚拟私有云 CIDR 相同、带子网，且不是保护组的虚拟私有云（默认：由服务创建）',
  },
  help: {
    en: 'show help',
    zh: '显示帮助',
  },
} as const satisfies Catalog;

/** commander's own words. */
export const helpWords = {
  usage: { en: 'Usage:', zh: '用法：' },
  arguments: { en: 'Arguments:', zh: '参数：' },
  options: { en: 'Options:', zh: '选项：' },
  globalOptions: { en: 'Global Options:', zh: '全局选项：' },
  commands: { en: 'Commands:', zh: '命令：' },
  examples: { en: 'Examples:', zh: '示例：' },
  required: { en: '(required)', zh: '（必需）' },
  choices: { en: 'choices: {list}', zh: '可选值：{list}' },
  default: { en: 'default: {value}', zh: '默认：{value}' },
  preset: { en: 'preset: {value}', zh: '预设：{value}' },
  env: { en: 'env: {name}', zh: '环境变量：{name}' },
} as const satisfies Catalog;
