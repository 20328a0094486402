/**
 * Credential resolution. Order: environment AK/SK (HUAWEICLOUD_SDK_* then HW_*),
 * SDRS_AUTH_TOKEN, profile accessKey/secretKey, profile authToken. An AK, its SK
 * and its security token always come from the same place, never mixed.
 */
import { AuthError } from '../errors.js';
import { AKSK_FAMILIES, AUTH_TOKEN_VARS, firstEnv } from './env.js';
import { maskAccessKey, maskSecret } from './mask.js';
import type { ProfileConfig } from './schema.js';
import type { Credentials, SettingWithSource } from './types.js';
import { text } from '../i18n/index.js';
import { config as M } from '../i18n/catalog/config.js';

/** Credentials plus where they came from (masked), or undefined when none are configured. */
export interface ResolvedCredentials {
  credentials: Credentials;
  sources: Record<string, SettingWithSource<string | undefined>>;
}

const nonEmpty = (v: string | undefined) => (v !== undefined && v.trim() !== '' ? v.trim() : undefined);

/** Resolves credentials from env and the profile; throws AuthError only for half-set pairs. */
export function resolveCredentials(
  env: NodeJS.ProcessEnv,
  profile: ProfileConfig,
  origin: string,
): ResolvedCredentials | undefined {
  for (const fam of AKSK_FAMILIES) {
    const ak = nonEmpty(env[fam.ak]);
    const sk = nonEmpty(env[fam.sk]);
    if (!ak && !sk) continue;
    if (!ak || !sk) {
      throw new AuthError(text(M.halfEnvKeys, { set: ak ? fam.ak : fam.sk, unset: ak ? fam.sk : fam.ak }), {
        code: 'NO_CREDENTIALS',
      });
    }
    const token = nonEmpty(env[fam.token]);
    return aksk(ak, sk, token, { source: 'env', ak: fam.ak, sk: fam.sk, token: fam.token });
  }
  const envToken = firstEnv(env, AUTH_TOKEN_VARS);
  if (envToken) return token(envToken.value, { source: 'env', origin: envToken.name });
  const ak = nonEmpty(profile.accessKey);
  const sk = nonEmpty(profile.secretKey);
  if (ak || sk) {
    if (!ak || !sk) {
      throw new AuthError(text(M.halfProfileKeys, { origin, set: ak ? 'accessKey' : 'secretKey', unset: ak ? 'secretKey' : 'accessKey' }), {
        code: 'NO_CREDENTIALS',
      });
    }
    return aksk(ak, sk, nonEmpty(profile.securityToken), {
      source: 'config', ak: `${origin}.accessKey`, sk: `${origin}.secretKey`, token: `${origin}.securityToken`,
    });
  }
  const fileToken = nonEmpty(profile.authToken);
  if (fileToken) return token(fileToken, { source: 'config', origin: `${origin}.authToken` });
  return undefined;
}

function aksk(
  ak: string, sk: string, securityToken: string | undefined,
  o: { source: 'env' | 'config'; ak: string; sk: string; token: string },
): ResolvedCredentials {
  return {
    credentials: { kind: 'aksk', ak, sk, ...(securityToken ? { securityToken } : {}) },
    sources: {
      credentials: { value: securityToken ? 'temporary AK/SK' : 'AK/SK', source: o.source },
      accessKey: { value: maskAccessKey(ak), source: o.source, origin: o.ak },
      secretKey: { value: maskSecret(sk), source: o.source, origin: o.sk },
      ...(securityToken ? { securityToken: { value: maskSecret(securityToken), source: o.source, origin: o.token } } : {}),
    },
  };
}

function token(value: string, o: { source: 'env' | 'config'; origin: string }): ResolvedCredentials {
  return {
    credentials: { kind: 'token', token: value },
    sources: {
      credentials: { value: 'IAM token', source: o.source },
      authToken: { value: maskSecret(value), source: o.source, origin: o.origin },
    },
  };
}
