/** Error messages that must name every way to provide a missing setting. */
import { AuthError, ConfigError } from '../errors.js';

/** AuthError (exit 4) listing every way to provide credentials. */
export function missingCredentialsError(profile: string, configFile: string | undefined): AuthError {
  const file = configFile ?? '~/.sdrsrc';
  return new AuthError(
    [
      'no credentials found. Provide an access key and secret key in one of these ways:',
      '  - environment: HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK (plus HUAWEICLOUD_SDK_SECURITY_TOKEN for temporary keys),',
      '    or HW_ACCESS_KEY and HW_SECRET_KEY (plus HW_SECURITY_TOKEN)',
      `  - config file: accessKey and secretKey (plus securityToken) in profile "${profile}" of ${file}`,
      `  - run: sdrs config init --profile ${profile}   (asks for them, or reads --access-key and --secret-key-stdin)`,
      '  - or an IAM token instead: SDRS_AUTH_TOKEN, or authToken in the profile',
    ].join('\n'),
    { code: 'NO_CREDENTIALS', details: { profile } },
  );
}

/** AuthError (exit 4) listing every way to provide the project id. */
export function missingProjectIdError(profile: string, configFile: string | undefined): AuthError {
  return new AuthError(
    [
      'no project id. Provide it in one of these ways:',
      '  - flag: --project-id <id>',
      '  - environment: SDRS_PROJECT_ID, HUAWEICLOUD_SDK_PROJECT_ID or HW_PROJECT_ID',
      `  - config file: projectId in profile "${profile}" of ${configFile ?? '~/.sdrsrc'}`,
      `  - run: sdrs config init --profile ${profile}`,
    ].join('\n'),
    { code: 'NO_PROJECT_ID', details: { profile } },
  );
}

/** ConfigError (exit 4) for a service whose endpoint cannot be worked out. */
export function missingEndpointError(service: string, profile: string): ConfigError {
  return new ConfigError(
    [
      `no ${service.toUpperCase()} endpoint: set a region or an endpoint in one of these ways:`,
      '  - flags: --region <region> or --endpoint <url>',
      '  - environment: SDRS_REGION or HW_REGION_NAME, or SDRS_ENDPOINT',
      `  - config file: region, endpoint or endpoints.${service} in profile "${profile}"`,
      `  - run: sdrs config init --profile ${profile}`,
    ].join('\n'),
    { details: { profile } },
  );
}

/**
 * AuthError (exit 4) before any request: a config file that is not directly in
 * the home directory names the endpoint, and it has not been trusted.
 */
export function untrustedEndpointError(file: string, services: readonly string[], url: string): AuthError {
  const which = services.length === 4 ? 'every service' : services.map((s) => s.toUpperCase()).join(', ');
  return new AuthError(
    `${file} is a project's config file (not one directly in your home directory) and sets the endpoint of ${which} (${url}): sdrs sends no credentials where such a file points; nothing was sent`,
    {
      code: 'UNTRUSTED_CONFIG',
      hint: 'If you trust that file, set SDRS_TRUST_PROJECT_CONFIG=1; or give the endpoint yourself with --endpoint or SDRS_ENDPOINT.',
      details: { config_file: file, endpoint: url, services: [...services] },
    },
  );
}

/**
 * AuthError (exit 4) before any request: a project's config file (not directly in the home
 * directory) chooses the proxy or the trusted CAs, which could read the traffic.
 */
export function untrustedNetworkError(file: string, key: 'proxy' | 'caBundle'): AuthError {
  return new AuthError(
    `${file} is a project's config file (not one directly in your home directory) and sets ${key}: sdrs sends no credentials through a proxy or to a CA such a file chooses; nothing was sent`,
    {
      code: 'UNTRUSTED_CONFIG',
      hint: 'If you trust that file, set SDRS_TRUST_PROJECT_CONFIG=1; or give your own with --proxy, HTTPS_PROXY or --ca-bundle.',
      details: { config_file: file, setting: key },
    },
  );
}
