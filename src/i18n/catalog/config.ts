/** Messages of the settings (src/config/) and the `config` commands. */
import type { Catalog } from '../index.js';

export const config = {
  // messages.ts
  noCredentials: {
    en: [
      'no credentials found. Provide an access key and secret key in one of these ways:',
      '  - environment: HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK (plus HUAWEICLOUD_SDK_SECURITY_TOKEN for temporary keys),',
      '    or HW_ACCESS_KEY and HW_SECRET_KEY (plus HW_SECURITY_TOKEN)',
      '  - config file: accessKey and secretKey (plus securityToken) in profile "{profile}" of {file}',
      '  - run: sdrs config init --profile {profile}   (asks for them, or reads --access-key and --secret-key-stdin)',
      '  - or an IAM token instead: SDRS_AUTH_TOKEN, or authToken in the profile',
    ].join('\n'),
    zh: [
      '未找到凭证。请用以下任一方式提供访问密钥（AK/SK）：',
      '  - 环境变量：HUAWEICLOUD_SDK_AK 和 HUAWEICLOUD_SDK_SK（临时密钥另加 HUAWEICLOUD_SDK_SECURITY_TOKEN），',
      '    或 HW_ACCESS_KEY 和 HW_SECRET_KEY（另加 HW_SECURITY_TOKEN）',
      '  - 配置文件：{file} 中配置档 "{profile}" 的 accessKey 和 secretKey（另加 securityToken）',
      '  - 运行：sdrs config init --profile {profile}   （会询问凭证，或读取 --access-key 和 --secret-key-stdin）',
      '  - 或改用 IAM 令牌：SDRS_AUTH_TOKEN，或配置档中的 authToken',
    ].join('\n'),
  },
  noProjectId: {
    en: [
      'no project id. Provide it in one of these ways:',
      '  - flag: --project-id <id>',
      '  - environment: SDRS_PROJECT_ID, HUAWEICLOUD_SDK_PROJECT_ID or HW_PROJECT_ID',
      '  - config file: projectId in profile "{profile}" of {file}',
      '  - run: sdrs config init --profile {profile}',
    ].join('\n'),
    zh: [
      '没有项目 ID。请用以下任一方式提供：',
      '  - 参数：--project-id <id>',
      '  - 环境变量：SDRS_PROJECT_ID、HUAWEICLOUD_SDK_PROJECT_ID 或 HW_PROJECT_ID',
      '  - 配置文件：{file} 中配置档 "{profile}" 的 projectId',
      '  - 运行：sdrs config init --profile {profile}',
    ].join('\n'),
  },
  noEndpoint: {
    en: [
      'no {SERVICE} endpoint: set a region or an endpoint in one of these ways:',
      '  - flags: --region <region> or --endpoint <url>',
      '  - environment: SDRS_REGION or HW_REGION_NAME, or SDRS_ENDPOINT',
      '  - config file: region, endpoint or endpoints.{service} in profile "{profile}"',
      '  - run: sdrs config init --profile {profile}',
    ].join('\n'),
    zh: [
      '没有 {SERVICE} 端点：请用以下任一方式设置区域或端点：',
      '  - 参数：--region <区域> 或 --endpoint <url>',
      '  - 环境变量：SDRS_REGION 或 HW_REGION_NAME，或 SDRS_ENDPOINT',
      '  - 配置文件：配置档 "{profile}" 中的 region、endpoint 或 endpoints.{service}',
      '  - 运行：sdrs config init --profile {profile}',
    ].join('\n'),
  },
  everyService: { en: 'every service', zh: '所有服务' },
  untrusted: {
    en: "{file} is a project's config file (not one directly in your home directory) and sets the endpoint of {which} ({url}): sdrs sends no credentials where such a file points; nothing was sent",
    zh: '{file} 是项目的配置文件（不是直接位于主目录中的配置文件），并设置了{which}的端点（{url}）：sdrs 不会向这类文件指向的地址发送凭证；未发送任何请求',
  },
  untrustedHint: {
    en: 'If you trust that file, set SDRS_TRUST_PROJECT_CONFIG=1; or give the endpoint yourself with --endpoint or SDRS_ENDPOINT.',
    zh: '如果信任该文件，请设置 SDRS_TRUST_PROJECT_CONFIG=1；或者用 --endpoint 或 SDRS_ENDPOINT 自行指定端点。',
  },

  // file.ts
  fileGone: { en: 'config file {file} is gone', zh: '配置文件 {file} 已不存在' },
  noImport: {
    en: '{file}: "$import" is not supported; each profile is read from this one file',
    zh: '{file}：不支持 "$import"；每个配置档都只从这一个文件读取',
  },
  noExecutable: {
    en: '{file}: executable config files are not supported; use .sdrsrc (YAML) or .sdrsrc.json',
    zh: '{file}：不支持可执行的配置文件；请使用 .sdrsrc（YAML）或 .sdrsrc.json',
  },
  cannotRead: { en: 'cannot read config file {file}', zh: '无法读取配置文件 {file}' },
  cannotReadCode: { en: 'cannot read config file {file} ({code})', zh: '无法读取配置文件 {file}（{code}）' },
  cannotReadWhy: { en: 'cannot read config file {file}: {why}', zh: '无法读取配置文件 {file}：{why}' },
  cannotReadWhyCode: { en: 'cannot read config file {file}: {why} ({code})', zh: '无法读取配置文件 {file}：{why}（{code}）' },
  errnoEACCES: { en: 'permission denied', zh: '权限不足' },
  errnoEPERM: { en: 'operation not permitted', zh: '不允许该操作' },
  errnoELOOP: { en: 'too many levels of symbolic links', zh: '符号链接层级过多' },
  errnoEIO: { en: 'input/output error', zh: '输入/输出错误' },
  errnoEMFILE: { en: 'too many open files', zh: '打开的文件过多' },
  cannotOpen: { en: 'cannot open it', zh: '无法打开' },
  notRegular: {
    en: 'config file {file} is {kind}: sdrs reads its configuration only from regular files; move it away or replace it with a file',
    zh: '配置文件 {file} 是{kind}：sdrs 只从普通文件读取配置；请将其移走或换成普通文件',
  },
  kindFifo: { en: 'a FIFO (named pipe)', zh: '命名管道（FIFO）' },
  kindCharDevice: { en: 'a character device', zh: '字符设备' },
  kindBlockDevice: { en: 'a block device', zh: '块设备' },
  kindSocket: { en: 'a socket', zh: '套接字' },
  kindOther: { en: 'not a regular file', zh: '非普通文件' },
  tooLarge: { en: 'config file {file} is {size} bytes; the limit is {limit} bytes', zh: '配置文件 {file} 大小为 {size} 字节；上限为 {limit} 字节' },
  moreThan: { en: 'more than {limit}', zh: '超过 {limit}' },
  mappingKey: {
    en: '{file}: a mapping is used as a key {where}; keys must be plain names',
    zh: '{file}：{where}把映射用作了键；键必须是普通名称',
  },
  underKey: { en: 'under "{path}"', zh: '在 "{path}" 下' },
  topLevel: { en: 'at the top level', zh: '在顶层' },
  // file.ts: what is wrong in a YAML or JSON file, said without its content
  yamlTag: { en: 'a tag sdrs does not accept (only plain YAML values)', zh: 'sdrs 不接受的标签（只接受普通 YAML 值）' },
  yamlAlias: { en: 'an alias (*name) to an anchor that is not defined', zh: '指向未定义锚点的别名（*name）' },
  yamlDuplicate: { en: 'duplicated mapping key', zh: '映射中有重复的键' },
  yamlNesting: { en: 'nested too deeply', zh: '嵌套过深' },
  yamlMerge: { en: 'a merge key (<<) sdrs does not accept', zh: 'sdrs 不接受的合并键（<<）' },
  yamlListKey: { en: 'a list used as a key', zh: '把列表用作了键' },
  yamlNonPrintable: { en: 'a non-printable character', zh: '不可打印的字符' },
  yamlMissing: { en: 'a value is missing', zh: '缺少值' },
  syntaxError: { en: 'a syntax error', zh: '语法错误' },
  jsonUnterminated: { en: 'a string that is not closed', zh: '未闭合的字符串' },
  jsonEarlyEnd: { en: 'the file ends too early', zh: '文件提前结束' },
  jsonControl: { en: 'a control character inside a string', zh: '字符串中有控制字符' },
  jsonEscape: { en: 'a bad escape sequence in a string', zh: '字符串中有错误的转义序列' },
  jsonTrailing: { en: 'more text after the end of the document', zh: '文档结束后还有多余内容' },
  jsonKey: { en: 'a key that is not a double-quoted string', zh: '键不是双引号字符串' },
  jsonBrace: { en: 'a missing comma or closing brace', zh: '缺少逗号或右花括号' },
  jsonBracket: { en: 'a missing comma or closing bracket', zh: '缺少逗号或右方括号' },
  jsonColon: { en: 'a missing colon after a key', zh: '键后缺少冒号' },
  jsonNumber: { en: 'a malformed number', zh: '格式错误的数字' },
  jsonToken: { en: 'an unexpected character (a value that is not quoted?)', zh: '意外的字符（值没有加引号？）' },
  syntax: { en: '{file}: invalid {format}: {kind}', zh: '{file}：{format} 无效：{kind}' },
  syntaxAt: { en: '{file}:{line}: invalid {format}: {kind} (column {column})', zh: '{file}:{line}：{format} 无效：{kind}（第 {column} 列）' },

  // credentials.ts
  halfEnvKeys: {
    en: '{set} is set but {unset} is not: set both, or neither',
    zh: '设置了 {set} 但没有设置 {unset}：请两个都设置，或都不设置',
  },
  halfProfileKeys: { en: '{origin}: {set} is set but {unset} is not', zh: '{origin}：设置了 {set} 但没有设置 {unset}' },

  // duration.ts
  badDuration: {
    en: 'invalid {what} {value}: use a number of seconds or a value like 500ms, 90s, 10m, 1h',
    zh: '{what} {value} 无效：请使用秒数，或 500ms、90s、10m、1h 这样的值',
  },
  durationRange: { en: 'invalid {what} {value}: must be between 0 and 7 days', zh: '{what} {value} 无效：必须在 0 到 7 天之间' },

  // init.ts
  badProfileName: {
    en: 'invalid profile name {name}: use letters, digits, ".", "_" or "-"',
    zh: '配置档名称 {name} 无效：请使用字母、数字、"."、"_" 或 "-"',
  },
  reservedProfileName: { en: 'invalid profile name {name}: reserved; choose another name', zh: '配置档名称 {name} 无效：该名称已保留；请换一个名称' },
  profileNotMapping: {
    en: '{file}: profile {name} is not a mapping; fix or move it before running config init',
    zh: '{file}：配置档 {name} 不是映射；请先修正或移走它，再运行 config init',
  },
  stdinEmpty: { en: '--secret-key-stdin: stdin was empty', zh: '--secret-key-stdin：标准输入为空' },
  stdinTooLong: { en: '--secret-key-stdin: input is too long', zh: '--secret-key-stdin：输入过长' },
  flagProblem: { en: '{flag}: {problem}', zh: '{flag}：{problem}' },
  askRegion: { en: 'Region (e.g. cn-north-4)', zh: '区域（例如 cn-north-4）' },
  expectRegion: { en: 'expected a region id such as cn-north-4', zh: '应为 cn-north-4 这样的区域 ID' },
  askEndpointFor: { en: "Endpoint (optional; Enter for {region}'s own endpoints)", zh: '端点（可选；按 Enter 使用 {region} 自己的端点）' },
  askEndpoint: { en: 'Endpoint (e.g. http://127.0.0.1:8443 for sdrs emulator)', zh: '端点（例如 sdrs 模拟器的 http://127.0.0.1:8443）' },
  endpointNeeded: { en: 'an endpoint is needed when no region is given', zh: '未指定区域时需要端点' },
  expectUrl: { en: 'expected an http(s) URL such as http://127.0.0.1:8443', zh: '应为 http://127.0.0.1:8443 这样的 http(s) URL' },
  askProjectId: { en: 'Project id', zh: '项目 ID' },
  expectId: { en: 'expected letters, digits, "-" or "_"', zh: '应为字母、数字、"-" 或 "_"' },
  askAccessKey: { en: 'Access key (AK)', zh: '访问密钥 ID（AK）' },
  expectAccessKey: { en: 'expected 4-128 letters and digits', zh: '应为 4-128 个字母和数字' },
  askSecretKeep: { en: 'Secret key (SK) [Enter keeps the current one]', zh: '秘密访问密钥（SK）[按 Enter 保留当前值]' },
  askSecret: { en: 'Secret key (SK)', zh: '秘密访问密钥（SK）' },
  initNeeds: { en: 'config init needs {missing} when it cannot prompt', zh: '无法提示输入时，config init 需要 {missing}' },
  badEndpointFlag: {
    en: '--endpoint: expected an http(s) URL such as http://127.0.0.1:8443, got {value}',
    zh: '--endpoint：应为 http://127.0.0.1:8443 这样的 http(s) URL，实际为 {value}',
  },
  isDirectory: {
    en: '{file} is a directory, not a file; move it before running config init',
    zh: '{file} 是目录而不是文件；请先移走它，再运行 config init',
  },
  fixFirst: { en: '{message}; fix or move it before running config init', zh: '{message}；请先修正或移走它，再运行 config init' },
  expectProfiles: {
    en: '{file}: expected a mapping with a "profiles" key; fix or move it first',
    zh: '{file}：应为带有 "profiles" 键的映射；请先修正或移走它',
  },
  profilesNotMapping: { en: '{file}: "profiles" must be a mapping; fix or move it first', zh: '{file}："profiles" 必须是映射；请先修正或移走它' },

  // commands/config/init.ts
  warning: { en: 'warning: {line}', zh: '警告：{line}' },
  profileAdded: { en: 'Added profile {profile} in {file} (mode 0600).', zh: '已在 {file} 中添加配置档 {profile}（权限 0600）。' },
  profileUpdated: { en: 'Updated profile {profile} in {file} (mode 0600).', zh: '已在 {file} 中更新配置档 {profile}（权限 0600）。' },
  testNow: {
    en: 'Test profile {profile} now (lists protection groups with it)?',
    zh: '现在测试配置档 {profile} 吗（用它列出保护组）？',
  },
  testOk: {
    en: '✔ Test call OK: profile {profile} listed {count} protection group(s).',
    zh: '✔ 测试调用成功：配置档 {profile} 列出了 {count} 个保护组。',
  },
  testFailed: {
    en: 'profile {profile} was saved, but the test call (group list) failed: {message}',
    zh: '配置档 {profile} 已保存，但测试调用（group list）失败：{message}',
  },
  testCheck: { en: 'Check the values with: sdrs --profile {profile} config show', zh: '请用以下命令检查各项值：sdrs --profile {profile} config show' },
  testFailedLine: { en: '✖ Test call failed: {message}. {hint}', zh: '✖ 测试调用失败：{message}。{hint}' },
} as const satisfies Catalog;
