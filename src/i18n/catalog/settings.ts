/**
 * Messages of the configuration loader (config/load.ts), the config file's schema
 * (config/schema.ts), `config show`'s table (config/show.ts), proxies (config/proxy.ts)
 * and KooCLI profiles (config/hcloud.ts). What `config show --json` carries (a setting's
 * value, source and origin) stays English: only the people's view is here.
 */
import type { Catalog } from '../index.js';

export const settingsMsg = {
  // load.ts: warnings (stderr, after the translated "warning: ")
  fileExposed: {
    en: '{file} holds a secret and can be read by other users; fix it with: chmod 600 {file}',
    zh: '{file} 含有密钥，且其他用户可以读取；修复方法：chmod 600 {file}',
  },
  hcloudExposed: {
    en: '{file} holds unencrypted keys and can be read by other users; fix it with: chmod 600 {file}',
    zh: '{file} 含有未加密的密钥，且其他用户可以读取；修复方法：chmod 600 {file}',
  },
  // load.ts: an unknown profile
  unknownProfile: {
    en: 'unknown profile {name} ({where}); {list}. Create it with: sdrs config init --profile {profile}',
    zh: '未知的配置档 {name}（{where}）；{list}。创建该配置档：sdrs config init --profile {profile}',
  },
  inFile: { en: 'in {file}', zh: '配置文件 {file}' },
  noConfigFile: { en: 'no config file found', zh: '未找到配置文件' },
  availableProfiles: { en: 'available profiles: {list}', zh: '可用的配置档：{list}' },
  noProfiles: { en: 'no profiles are defined', zh: '没有定义任何配置档' },
  // load.ts: a setting with a value sdrs cannot use
  badRegion: {
    en: 'invalid region {value} from {origin}: expected a region id such as cn-north-4',
    zh: '来自 {origin} 的区域 {value} 无效：应为区域 ID，例如 cn-north-4',
  },
  badProjectId: {
    en: 'invalid project id {value} from {origin}: expected letters, digits, "-" or "_"',
    zh: '来自 {origin} 的项目 ID {value} 无效：只能包含字母、数字、"-" 或 "_"',
  },
  badEndpoint: {
    en: 'invalid {service} endpoint {value} from {origin}: expected an http(s) URL such as http://127.0.0.1:8443',
    zh: '来自 {origin} 的 {service} 端点 {value} 无效：应为 http(s) URL，例如 http://127.0.0.1:8443',
  },

  // schema.ts: warnings
  unknownTopKey: {
    en: '{where}: unknown key {key} ignored (expected "profiles")',
    zh: '{where}：未知的键 {key}，已忽略（应为 "profiles"）',
  },
  reservedProfile: {
    en: '{where}: profile name {name} is reserved; profile ignored',
    zh: '{where}：配置档名称 {name} 是保留名称；已忽略该配置档',
  },
  unknownProfileKey: {
    en: '{where}: unknown key {key} in profile {name} ignored',
    zh: '{where}：配置档 {name} 中有未知的键 {key}，已忽略',
  },
  unknownEndpointKey: {
    en: '{where}: unknown endpoint {key} in profile {name} ignored (expected sdrs, ecs, vpc or iam)',
    zh: '{where}：配置档 {name} 中有未知的端点 {key}，已忽略（应为 sdrs、ecs、vpc 或 iam）',
  },
  // schema.ts: wrong types (exit 4)
  topLevelType: {
    en: '{where}: the top level must be a mapping with a "profiles" key',
    zh: '{where}：顶层必须是含有 "profiles" 键的映射',
  },
  profilesType: {
    en: '{where}: "profiles" must be a mapping of profile names',
    zh: '{where}："profiles" 必须是以配置档名称为键的映射',
  },
  profileType: {
    en: '{where}: profile "{name}" must be a mapping',
    zh: '{where}：配置档 "{name}" 必须是映射',
  },
  keyString: {
    en: '{where}: "{key}" in profile "{name}" must be a string',
    zh: '{where}：配置档 "{name}" 中的 "{key}" 必须是字符串',
  },
  keyDuration: {
    en: '{where}: "{key}" in profile "{name}" must be a duration such as 2s, 10m or 1h',
    zh: '{where}：配置档 "{name}" 中的 "{key}" 必须是时长，例如 2s、10m 或 1h',
  },
  langType: {
    en: '{where}: "lang" in profile "{name}" must be one of {langs}',
    zh: '{where}：配置档 "{name}" 中的 "lang" 必须是 {langs} 之一',
  },
  endpointsType: {
    en: '{where}: "endpoints" in profile "{name}" must be a mapping of sdrs/ecs/vpc/iam URLs',
    zh: '{where}：配置档 "{name}" 中的 "endpoints" 必须是 sdrs/ecs/vpc/iam 到 URL 的映射',
  },
  endpointString: {
    en: '{where}: "endpoints.{key}" in profile "{name}" must be a URL string',
    zh: '{where}：配置档 "{name}" 中的 "endpoints.{key}" 必须是 URL 字符串',
  },
  atWhere: { en: '{where}: {problem}', zh: '{where}：{problem}' },

  // show.ts: the table for people (the --json document keeps its English keys and values)
  headSetting: { en: 'SETTING', zh: '设置' },
  headValue: { en: 'VALUE', zh: '值' },
  headSource: { en: 'SOURCE', zh: '来源' },
  notSet: { en: '(not set)', zh: '（未设置）' },

  // proxy.ts
  proxyNotUrl: {
    en: 'invalid proxy {value} from {origin}: expected a URL such as http://proxy.example.com:3128',
    zh: '来自 {origin} 的代理 {value} 无效：应为 URL，例如 http://proxy.example.com:3128',
  },
  proxyScheme: {
    en: 'invalid proxy {value} from {origin}: {scheme} proxies are not supported (http and https only)',
    zh: '来自 {origin} 的代理 {value} 无效：不支持 {scheme} 代理（仅支持 http 和 https）',
  },
  proxyPath: {
    en: 'invalid proxy {value} from {origin}: a proxy URL has no path or query',
    zh: '来自 {origin} 的代理 {value} 无效：代理 URL 不能带路径或查询参数',
  },
  proxyHint: {
    en: 'Give an http://[user:password@]host:port URL, or --proxy {none} to go direct.',
    zh: '请提供 http://[user:password@]host:port 形式的 URL，或使用 --proxy {none} 直接连接。',
  },

  // hcloud.ts: KooCLI's config file
  hcloudNotFound: {
    en: 'KooCLI config file {file} not found (a KooCLI profile was selected: hcloud:{name})',
    zh: '未找到 KooCLI 配置文件 {file}（已选择 KooCLI 配置档：hcloud:{name}）',
  },
  hcloudNotFoundHint: {
    en: 'KooCLI writes it with: hcloud configure init; or choose an sdrs profile instead of hcloud:{name}',
    zh: 'KooCLI 用以下命令生成该文件：hcloud configure init；或改用 sdrs 配置档，而不是 hcloud:{name}',
  },
  hcloudNotJson: { en: 'KooCLI config file {file} is not valid JSON', zh: 'KooCLI 配置文件 {file} 不是有效的 JSON' },
  hcloudNotJsonHint: {
    en: 'check it with: hcloud configure test; KooCLI writes it with: hcloud configure init',
    zh: '检查该文件：hcloud configure test；KooCLI 用以下命令生成该文件：hcloud configure init',
  },
  hcloudCheckHint: { en: 'check it with: hcloud configure test', zh: '检查该文件：hcloud configure test' },
  hcloudTopLevel: {
    en: 'KooCLI config file {file}: the top level must be an object with "current" and "profiles"',
    zh: 'KooCLI 配置文件 {file}：顶层必须是含有 "current" 和 "profiles" 的对象',
  },
  hcloudProfilesArray: {
    en: 'KooCLI config file {file}: "profiles" must be an array',
    zh: 'KooCLI 配置文件 {file}："profiles" 必须是数组',
  },
  hcloudNoCurrent: {
    en: 'KooCLI config file {file}: no profile named and the file has no "current" profile; select one with --profile hcloud:<name>',
    zh: 'KooCLI 配置文件 {file}：未指定配置档，且文件中没有 "current" 配置档；请用 --profile hcloud:<name> 选择一个',
  },
  hcloudNotString: {
    en: 'KooCLI config file {file}: "{key}" of profile {name} must be a string',
    zh: 'KooCLI 配置文件 {file}：配置档 {name} 的 "{key}" 必须是字符串',
  },
  hcloudUnknown: {
    en: 'unknown KooCLI profile {name} in {file}; available KooCLI profiles: {list}',
    zh: '{file} 中没有 KooCLI 配置档 {name}；可用的 KooCLI 配置档：{list}',
  },
  hcloudUnknownEmpty: {
    en: 'unknown KooCLI profile {name} in {file}; it has no profiles',
    zh: '{file} 中没有 KooCLI 配置档 {name}；该文件中没有任何配置档',
  },
  hcloudUnknownHint: {
    en: 'use one of them: --profile hcloud:<name>, or create it with: hcloud configure set --cli-profile={name}',
    zh: '请使用其中之一：--profile hcloud:<name>；或创建该配置档：hcloud configure set --cli-profile={name}',
  },
  // hcloud.ts: a KooCLI profile without usable keys (exit 4)
  hcloudEncrypted: {
    en: "KooCLI profile {name} ({file}) stores its keys encrypted (KooCLI's default); sdrs never decrypts them; nothing was sent",
    zh: 'KooCLI 配置档 {name}（{file}）以加密形式保存访问密钥（KooCLI 的默认方式）；sdrs 从不解密它们；未发送任何请求',
  },
  hcloudMode: {
    en: 'KooCLI profile {name} ({file}) is in {mode} mode, which stores no access key; sdrs signs requests with AK/SK; nothing was sent',
    zh: 'KooCLI 配置档 {name}（{file}）使用 {mode} 模式，不保存访问密钥；sdrs 用 AK/SK 对请求签名；未发送任何请求',
  },
  hcloudAgency: {
    en: 'KooCLI profile {name} ({file}) assumes an agency (agencyName), which needs a call to IAM that sdrs does not make; nothing was sent',
    zh: 'KooCLI 配置档 {name}（{file}）使用委托（agencyName），这需要调用 IAM，而 sdrs 不会调用；未发送任何请求',
  },
  hcloudMissing: {
    en: 'KooCLI profile {name} ({file}) has no accessKeyId and secretAccessKey; nothing was sent',
    zh: 'KooCLI 配置档 {name}（{file}）没有 accessKeyId 和 secretAccessKey；未发送任何请求',
  },
  hcloudFixEncrypted: {
    en: 'store them unencrypted: hcloud configure set --cli-auth-encrypt=false; ',
    zh: '以不加密的形式保存：hcloud configure set --cli-auth-encrypt=false；',
  },
  hcloudFixes: {
    en: '{first}or give the keys in the environment: HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK (the region and project id still come from the KooCLI profile); or use an sdrs profile with the keys: sdrs config init --profile <name>',
    zh: '{first}或在环境变量中提供访问密钥：HUAWEICLOUD_SDK_AK 和 HUAWEICLOUD_SDK_SK（区域和项目 ID 仍取自 KooCLI 配置档）；或使用带访问密钥的 sdrs 配置档：sdrs config init --profile <name>',
  },
  // messages.ts: a project's config file that chooses the network (UNTRUSTED_CONFIG)
  untrustedNetwork: {
    en: "{file} is a project's config file (not one directly in your home directory) and sets {key}: sdrs sends no credentials through a proxy or to a CA such a file chooses; nothing was sent",
    zh: '{file} 是项目的配置文件（不在您的主目录下），且设置了 {key}：sdrs 不会通过此类文件选择的代理或 CA 发送凭证；未发送任何请求',
  },
  untrustedNoProxy: {
    en: "{file} is a project's config file (not one directly in your home directory) and sets noProxy: sdrs lets no such file choose which requests go around your proxy; nothing was sent",
    zh: '{file} 是项目的配置文件（不在您的主目录下），且设置了 noProxy：sdrs 不允许此类文件决定哪些请求绕过您的代理；未发送任何请求',
  },
  untrustedNetworkHint: {
    en: 'If you trust that file, set SDRS_TRUST_PROJECT_CONFIG=1; or give your own with --proxy, HTTPS_PROXY or --ca-bundle.',
    zh: '如果您信任该文件，请设置 SDRS_TRUST_PROJECT_CONFIG=1；或通过 --proxy、HTTPS_PROXY 或 --ca-bundle 提供您自己的设置。',
  },
  untrustedNoProxyHint: {
    en: 'If you trust that file, set SDRS_TRUST_PROJECT_CONFIG=1; or give your own list with NO_PROXY (or --proxy none to go direct).',
    zh: '如果您信任该文件，请设置 SDRS_TRUST_PROJECT_CONFIG=1；或通过 NO_PROXY 提供您自己的列表（或使用 --proxy none 直接连接）。',
  },
} as const satisfies Catalog;
