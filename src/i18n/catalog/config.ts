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
} as const satisfies Catalog;
