/** The config file's shape and its validation: wrong types are errors, unknown keys warnings. */
import { ConfigError, SdrsError, safeText } from '../errors.js';
import { parseDuration } from './duration.js';
import { LANG_NAMES, parseLang, t, text, verbatim, type Entry, type Params } from '../i18n/index.js';
import { listOf } from '../i18n/compose.js';
import { settingsMsg as M } from '../i18n/catalog/settings.js';

/** One named profile in the config file. Every key is optional. */
export interface ProfileConfig {
  region?: string;
  projectId?: string;
  accessKey?: string;
  secretKey?: string;
  securityToken?: string;
  authToken?: string;
  /** One base URL for every service (the emulator). */
  endpoint?: string;
  endpoints?: { sdrs?: string; ecs?: string; vpc?: string; iam?: string };
  /** Durations: `2s`, `30m`, or a number of seconds. */
  interval?: string | number;
  maxInterval?: string | number;
  timeout?: string | number;
  /** A KooCLI profile this one inherits from (lowest precedence): a name in ~/.hcloud/config.json, or '' for its current. */
  hcloudProfile?: string;
  /** Proxy URL for every request (below HTTPS_PROXY/http_proxy and --proxy); `none` for direct. */
  proxy?: string;
  /** Hosts that never go through the proxy (curl's NO_PROXY list; below NO_PROXY). */
  noProxy?: string;
  /** PEM file of CA certificates trusted besides the public roots (below --ca-bundle); relative to the config file. */
  caBundle?: string;
  /** The language of messages and help: en or zh-CN (docs/i18n.md). */
  lang?: string;
}

/** The whole file: `{ profiles: { <name>: ProfileConfig } }`. */
export interface ConfigFile {
  profiles: Record<string, ProfileConfig>;
}

const STRING_KEYS = ['region', 'projectId', 'accessKey', 'secretKey', 'securityToken', 'authToken', 'endpoint', 'hcloudProfile', 'proxy', 'noProxy', 'caBundle'] as const;
const DURATION_KEYS = ['interval', 'maxInterval', 'timeout'] as const;
const ENDPOINT_KEYS = ['sdrs', 'ecs', 'vpc', 'iam'] as const;
/** Profile names that are properties of every object; never valid profiles. */
export const RESERVED_PROFILE_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

/** Keys whose presence makes the file sensitive (permission warning). */
export const SECRET_KEYS = ['secretKey', 'securityToken', 'authToken'] as const;

/** Where a problem is: `file:line` when the key can be found in the text. */
export interface FileText {
  path: string;
  text?: string;
}

/** Validates a parsed config document; returns it typed, warns about unknown keys. */
export function validateConfig(doc: unknown, file: FileText, warn: (line: string) => void): ConfigFile {
  // No prototype: a profile named "constructor" or "__proto__" must not find Object's properties.
  const out: Record<string, ProfileConfig> = Object.create(null);
  if (doc === null || doc === undefined) return { profiles: out };
  if (!isPlainObject(doc)) throw typeError(file, [], M.topLevelType);
  for (const key of Object.keys(doc)) {
    if (key !== 'profiles') warn(t(M.unknownTopKey, { where: where(file, [key]), key: quote(key) }));
  }
  const profiles = doc.profiles ?? {};
  if (!isPlainObject(profiles)) throw typeError(file, ['profiles'], M.profilesType);
  for (const [name, raw] of Object.entries(profiles)) {
    if (RESERVED_PROFILE_NAMES.has(name)) {
      warn(t(M.reservedProfile, { where: where(file, ['profiles', name]), name: quote(name) }));
      continue;
    }
    out[name] = validateProfile(name, raw ?? {}, file, warn);
  }
  return { profiles: out };
}

/** A key from the file, quoted for a message with control characters escaped. */
function quote(key: string): string {
  return safeText(JSON.stringify(key.length > 80 ? key.slice(0, 77) + '...' : key));
}

function validateProfile(name: string, raw: unknown, file: FileText, warn: (line: string) => void): ProfileConfig {
  const at = (key?: string) => (key ? ['profiles', name, key] : ['profiles', name]);
  if (!isPlainObject(raw)) throw typeError(file, at(), M.profileType, { name });
  const p: ProfileConfig = {};
  for (const [key, value] of Object.entries(raw)) {
    if ((STRING_KEYS as readonly string[]).includes(key)) {
      if (typeof value !== 'string') throw typeError(file, at(key), M.keyString, { key, name });
      (p as Record<string, unknown>)[key] = value.trim();
    } else if ((DURATION_KEYS as readonly string[]).includes(key)) {
      if (typeof value !== 'string' && typeof value !== 'number') {
        throw typeError(file, at(key), M.keyDuration, { key, name });
      }
      try {
        parseDuration(value, key);
      } catch (err) {
        throw new ConfigError(text(M.atWhere, { where: where(file, at(key)), problem: err instanceof SdrsError ? err.text : verbatim((err as Error).message) }));
      }
      (p as Record<string, unknown>)[key] = value;
    } else if (key === 'endpoints') {
      p.endpoints = validateEndpoints(name, value, file, warn);
    } else if (key === 'lang') {
      if (typeof value !== 'string' || parseLang(value) === undefined) throw typeError(file, at(key), M.langType, { name, langs: listOf(LANG_NAMES, LANG_NAMES.length) });
      p.lang = value.trim();
    } else {
      warn(t(M.unknownProfileKey, { where: where(file, at(key)), key: quote(key), name: quote(name) }));
    }
  }
  return p;
}

function validateEndpoints(name: string, value: unknown, file: FileText, warn: (line: string) => void) {
  const at = (key?: string) => ['profiles', name, 'endpoints', ...(key ? [key] : [])];
  if (!isPlainObject(value)) throw typeError(file, at(), M.endpointsType, { name });
  const out: NonNullable<ProfileConfig['endpoints']> = {};
  for (const [k, v] of Object.entries(value)) {
    if (!(ENDPOINT_KEYS as readonly string[]).includes(k)) {
      warn(t(M.unknownEndpointKey, { where: where(file, at(k)), key: quote(k), name: quote(name) }));
      continue;
    }
    if (typeof v !== 'string') throw typeError(file, at(k), M.endpointString, { key: k, name });
    out[k as (typeof ENDPOINT_KEYS)[number]] = v.trim();
  }
  return out;
}

function typeError(file: FileText, path: string[], entry: Entry, params: Params = {}): ConfigError {
  return new ConfigError(text(entry, { ...params, where: where(file, path) }), {
    details: { config_file: file.path },
  });
}

/** `file:line` for a key path, found by scanning the text (YAML or JSON) key by key. */
export function where(file: FileText, path: string[]): string {
  const line = file.text === undefined ? undefined : findLine(file.text, path);
  return line === undefined ? file.path : `${file.path}:${line}`;
}

/** 1-based line of the last key of `path`, searching each key after the previous one. */
export function findLine(text: string, path: string[]): number | undefined {
  const lines = text.split(/\r?\n/);
  let from = 0;
  let found: number | undefined;
  for (const key of path) {
    const esc = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const re = new RegExp(`^\\s*(?:-\\s*)?(?:"${esc}"|'${esc}'|${esc})\\s*:|[{,]\\s*"${esc}"\\s*:`);
    const idx = lines.findIndex((l, i) => i >= from && re.test(l));
    if (idx < 0) return found;
    found = idx + 1;
    from = idx;
  }
  return found;
}

/** True for `{...}` objects (not arrays, not null). */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
