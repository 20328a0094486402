/**
 * The environment variables sdrs reads, in precedence order (first set wins).
 * Ours first, then the official SDK names, then the Terraform provider names:
 * a variable named after sdrs is the most specific statement of intent.
 */

/** Region: SDRS_REGION, then HW_REGION_NAME (the SDK has no region variable). */
export const REGION_VARS = ['SDRS_REGION', 'HW_REGION_NAME'] as const;
/** Project id. */
export const PROJECT_ID_VARS = ['SDRS_PROJECT_ID', 'HUAWEICLOUD_SDK_PROJECT_ID', 'HW_PROJECT_ID'] as const;
/** One endpoint for every service (the emulator). */
export const ENDPOINT_VARS = ['SDRS_ENDPOINT'] as const;
/** Profile name. */
export const PROFILE_VARS = ['SDRS_PROFILE'] as const;
/** IAM token sent as X-Auth-Token. */
export const AUTH_TOKEN_VARS = ['SDRS_AUTH_TOKEN'] as const;

/**
 * The opt-in that lets a config file not directly in the home directory (a
 * cloned repository's `.sdrsrc`) choose the endpoints credentials are sent to.
 */
export const TRUST_PROJECT_CONFIG_VAR = 'SDRS_TRUST_PROJECT_CONFIG';

/** True when SDRS_TRUST_PROJECT_CONFIG is `1`, `true` or `yes`. */
export function trustsProjectConfig(env: NodeJS.ProcessEnv): boolean {
  return /^(1|true|yes)$/i.test(env[TRUST_PROJECT_CONFIG_VAR]?.trim() ?? '');
}

/** AK/SK families: a family's AK, SK and security token are read together, never mixed. */
export const AKSK_FAMILIES = [
  { ak: 'HUAWEICLOUD_SDK_AK', sk: 'HUAWEICLOUD_SDK_SK', token: 'HUAWEICLOUD_SDK_SECURITY_TOKEN' },
  { ak: 'HW_ACCESS_KEY', sk: 'HW_SECRET_KEY', token: 'HW_SECURITY_TOKEN' },
] as const;

/** The first non-empty variable of `names`, with its name. */
export function firstEnv(
  env: NodeJS.ProcessEnv,
  names: readonly string[],
): { name: string; value: string } | undefined {
  for (const name of names) {
    const v = env[name];
    if (v !== undefined && v.trim() !== '') return { name, value: v.trim() };
  }
  return undefined;
}
