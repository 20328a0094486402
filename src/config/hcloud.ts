/**
 * KooCLI (`hcloud`) profiles as the lowest-precedence source of settings.
 *
 * `~/.hcloud/config.json` is read only when a profile is selected with
 * `--profile hcloud:<name>`, `SDRS_PROFILE=hcloud:<name>` (`hcloud:` alone:
 * KooCLI's `current`), or `hcloudProfile: <name>` in an sdrs profile. Never
 * implicitly: KooCLI's production keys must not go to an endpoint someone
 * configured for something else without the user naming that profile.
 *
 * Field names (verified against the Terraform provider's reader of the same
 * file, huaweicloud/config/auth.go `SharedConfig`/`Profile`): `current`,
 * `profiles[]` with `name`, `mode`, `accessKeyId`, `secretAccessKey`,
 * `securityToken`, `region`, `projectId`, `domainId`, `agencyName`,
 * `agencyDomainName`, `agencyDomainId`. `authEncrypt` (top level, the string
 * "true" or "false") says whether the keys are KooCLI ciphertext; it is never
 * decrypted. See docs/configuration.md "KooCLI profiles".
 */
import path from 'node:path';
import { AuthError, ConfigError } from '../errors.js';
import { printable } from '../validate.js';
import { readConfigText } from './file.js';
import { maskAccessKey, maskSecret } from './mask.js';
import { text, type Entry, type Params } from '../i18n/index.js';
import { settingsMsg as M } from '../i18n/catalog/settings.js';
import type { Credentials, SettingWithSource } from './types.js';

/** The prefix of a profile name that selects a KooCLI profile. */
export const HCLOUD_PREFIX = 'hcloud:';
/** The Terraform provider's variable for the path of this file (path only; it never selects a profile). */
export const HCLOUD_FILE_VARS = ['HW_SHARED_CONFIG_FILE'] as const;

/** Why a KooCLI profile gives no usable keys. */
export type HcloudNoKeys = 'encrypted' | 'mode' | 'agency' | 'missing';

/** One KooCLI profile, as far as sdrs uses it. */
export interface HcloudProfile {
  /** The file it was read from. */
  file: string;
  /** The profile's name in that file. */
  name: string;
  region?: string;
  projectId?: string;
  mode?: string;
  /** Plain keys, only when KooCLI stored them unencrypted in AK/SK mode. */
  keys?: { ak: string; sk: string; securityToken?: string };
  /** Set when `keys` is not. */
  noKeys?: HcloudNoKeys;
  /** The file holds plain secrets and others can read it (POSIX). */
  exposed: boolean;
}

/** `hcloud:<name>` → the name ('' = KooCLI's current); anything else → undefined. */
export function hcloudSelection(profile: string): string | undefined {
  return profile.startsWith(HCLOUD_PREFIX) ? profile.slice(HCLOUD_PREFIX.length).trim() : undefined;
}

/** The path of KooCLI's config file: HW_SHARED_CONFIG_FILE, else `<home>/.hcloud/config.json`. */
export function hcloudConfigPath(env: NodeJS.ProcessEnv, homeDir: string): string {
  for (const v of HCLOUD_FILE_VARS) {
    const value = env[v]?.trim();
    if (value) return value.startsWith('~/') ? path.join(homeDir, value.slice(2)) : value;
  }
  return path.join(homeDir, '.hcloud', 'config.json');
}

/** `file#name.field`, the origin `config show` prints. */
export function hcloudOrigin(p: Pick<HcloudProfile, 'file' | 'name'>, field: string): string {
  return `${p.file}#${p.name}.${field}`;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/**
 * Reads one profile of KooCLI's config file. `name` '' means the file's
 * `current`. Malformed files and unknown names are ConfigError (exit 4).
 */
export async function readHcloudProfile(file: string, name: string, platform: NodeJS.Platform = process.platform): Promise<HcloudProfile> {
  const read = await readConfigText(file);
  if (!read) {
    throw new ConfigError(text(M.hcloudNotFound, { file, name: printable(name) }), {
      hint: text(M.hcloudNotFoundHint, { name }),
      details: { config_file: file },
    });
  }
  let doc: unknown;
  try {
    doc = JSON.parse(read.text);
  } catch {
    // Never quote the content: it may hold keys.
    throw new ConfigError(text(M.hcloudNotJson, { file }), { hint: text(M.hcloudNotJsonHint), details: { config_file: file } });
  }
  const bad = (entry: Entry, params: Params = {}) => new ConfigError(text(entry, { ...params, file }), { hint: text(M.hcloudCheckHint), details: { config_file: file } });
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw bad(M.hcloudTopLevel);
  const top = doc as Record<string, unknown>;
  if (top.profiles !== undefined && !Array.isArray(top.profiles)) throw bad(M.hcloudProfilesArray);
  const profiles = ((top.profiles ?? []) as unknown[]).filter((p): p is Record<string, unknown> => typeof p === 'object' && p !== null && !Array.isArray(p));
  const names = profiles.map((p) => str(p.name)).filter((n): n is string => n !== undefined);
  const wanted = name || str(top.current);
  if (!wanted) throw bad(M.hcloudNoCurrent);
  const raw = profiles.find((p) => str(p.name) === wanted);
  if (!raw) {
    const msg = names.length
      ? text(M.hcloudUnknown, { name: printable(wanted), file, list: names.map(printable).join(', ') })
      : text(M.hcloudUnknownEmpty, { name: printable(wanted), file });
    throw new ConfigError(msg, {
      hint: text(M.hcloudUnknownHint, { name: wanted }),
      details: { profile: `${HCLOUD_PREFIX}${wanted}`, config_file: file, available_profiles: names },
    });
  }
  for (const k of ['region', 'projectId', 'mode', 'accessKeyId', 'secretAccessKey', 'securityToken'] as const) {
    if (raw[k] !== undefined && raw[k] !== null && typeof raw[k] !== 'string') throw bad(M.hcloudNotString, { key: k, name: printable(wanted) });
  }
  const encrypted = isEncrypted(top.authEncrypt, profiles);
  const out: HcloudProfile = {
    file,
    name: wanted,
    region: str(raw.region),
    projectId: str(raw.projectId),
    mode: str(raw.mode),
    exposed: !encrypted && platform !== 'win32' && (read.mode & 0o077) !== 0 && profiles.some((p) => str(p.secretAccessKey) || str(p.securityToken)),
  };
  const ak = str(raw.accessKeyId);
  const sk = str(raw.secretAccessKey);
  if (out.mode && out.mode.toUpperCase() !== 'AKSK') out.noKeys = 'mode';
  else if (str(raw.agencyName)) out.noKeys = 'agency';
  else if (!ak || !sk) out.noKeys = 'missing';
  else if (encrypted) out.noKeys = 'encrypted';
  else out.keys = { ak, sk, ...(str(raw.securityToken) ? { securityToken: str(raw.securityToken) } : {}) };
  return out;
}

/**
 * Whether the keys in the file are KooCLI ciphertext. `authEncrypt` is what
 * KooCLI (5.2.7+) writes, as the string "true"/"false". When it is absent
 * (older KooCLI or a file written by hand) the keys count as plain only when
 * every stored pair looks like a Huawei Cloud AK/SK (letters and digits);
 * otherwise they are treated as encrypted (UNVERIFIED: the cipher text's form
 * is not documented). A wrong guess never leaks: ciphertext sent as a key is
 * only refused by the service.
 */
function isEncrypted(flag: unknown, profiles: Record<string, unknown>[]): boolean {
  if (flag === true || flag === 'true') return true;
  if (flag === false || flag === 'false') return false;
  return profiles.some((p) => {
    const ak = str(p.accessKeyId);
    const sk = str(p.secretAccessKey);
    return (ak !== undefined && !/^[A-Z0-9]{12,64}$/.test(ak)) || (sk !== undefined && !/^[A-Za-z0-9]{16,128}$/.test(sk));
  });
}

/** Credentials from a KooCLI profile, with their sources; AuthError (exit 4) when it holds none usable. */
export function hcloudCredentials(p: HcloudProfile): { credentials: Credentials; sources: Record<string, SettingWithSource<string | undefined>> } {
  if (!p.keys) throw hcloudNoKeysError(p);
  const { ak, sk, securityToken } = p.keys;
  return {
    credentials: { kind: 'aksk', ak, sk, ...(securityToken ? { securityToken } : {}) },
    sources: {
      credentials: { value: securityToken ? 'temporary AK/SK' : 'AK/SK', source: 'hcloud' },
      accessKey: { value: maskAccessKey(ak), source: 'hcloud', origin: hcloudOrigin(p, 'accessKeyId') },
      secretKey: { value: maskSecret(sk), source: 'hcloud', origin: hcloudOrigin(p, 'secretAccessKey') },
      ...(securityToken ? { securityToken: { value: maskSecret(securityToken), source: 'hcloud', origin: hcloudOrigin(p, 'securityToken') } } : {}),
    },
  };
}

/** Exit 4: which profile, why it gives no keys, and every fix. */
export function hcloudNoKeysError(p: HcloudProfile): AuthError {
  const why: Record<HcloudNoKeys, Entry> = { encrypted: M.hcloudEncrypted, mode: M.hcloudMode, agency: M.hcloudAgency, missing: M.hcloudMissing };
  const reason = p.noKeys ?? 'missing';
  const first = reason === 'encrypted' ? text(M.hcloudFixEncrypted) : '';
  return new AuthError(text(why[reason], { name: printable(p.name), file: p.file, mode: printable(p.mode ?? '') }), {
    code: 'HCLOUD_NO_KEYS',
    hint: text(M.hcloudFixes, { first }),
    details: { profile: `${HCLOUD_PREFIX}${p.name}`, config_file: p.file, reason },
  });
}
