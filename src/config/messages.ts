/** Error messages that must name every way to provide a missing setting. */
import { AuthError, ConfigError } from '../errors.js';
import { text } from '../i18n/index.js';
import { config as M } from '../i18n/catalog/config.js';
import { settingsMsg as S } from '../i18n/catalog/settings.js';

/** AuthError (exit 4) listing every way to provide credentials. */
export function missingCredentialsError(profile: string, configFile: string | undefined): AuthError {
  const file = configFile ?? '~/.sdrsrc';
  return new AuthError(
    text(M.noCredentials, { profile, file }),
    { code: 'NO_CREDENTIALS', details: { profile } },
  );
}

/** AuthError (exit 4) listing every way to provide the project id. */
export function missingProjectIdError(profile: string, configFile: string | undefined): AuthError {
  return new AuthError(
    text(M.noProjectId, { profile, file: configFile ?? '~/.sdrsrc' }),
    { code: 'NO_PROJECT_ID', details: { profile } },
  );
}

/** ConfigError (exit 4) for a service whose endpoint cannot be worked out. */
export function missingEndpointError(service: string, profile: string): ConfigError {
  return new ConfigError(
    text(M.noEndpoint, { SERVICE: service.toUpperCase(), service, profile }),
    { details: { profile } },
  );
}

/**
 * AuthError (exit 4) before any request: a config file that is not directly in
 * the home directory names the endpoint, and it has not been trusted.
 */
export function untrustedEndpointError(file: string, services: readonly string[], url: string): AuthError {
  const which = services.length === 4 ? text(M.everyService) : services.map((s) => s.toUpperCase()).join(', ');
  return new AuthError(
    text(M.untrusted, { file, which, url }),
    {
      code: 'UNTRUSTED_CONFIG',
      hint: text(M.untrustedHint),
      details: { config_file: file, endpoint: url, services: [...services] },
    },
  );
}

/**
 * AuthError (exit 4) before any request: a project's config file (not directly in the home
 * directory) chooses the proxy or the trusted CAs, which could read the traffic, or the hosts
 * that bypass the user's proxy (noProxy).
 */
export function untrustedNetworkError(file: string, key: 'proxy' | 'caBundle' | 'noProxy'): AuthError {
  const no = key === 'noProxy';
  return new AuthError(
    no ? text(S.untrustedNoProxy, { file }) : text(S.untrustedNetwork, { file, key }),
    {
      code: 'UNTRUSTED_CONFIG',
      hint: text(no ? S.untrustedNoProxyHint : S.untrustedNetworkHint),
      details: { config_file: file, setting: key },
    },
  );
}
