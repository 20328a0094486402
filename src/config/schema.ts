/** The config file's shape and its validation: wrong types are errors, unknown keys warnings. */
import { ConfigError, safeText } from '../errors.js';
import { parseDuration } from './duration.js';
import { LANG_NAMES, parseLang } from '../i18n/index.js';

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
  if (!isPlainObject(doc)) throw typeError(file, [], 'the top level', 'a mapping with a "profiles" key');
  for (const key of Object.keys(doc)) {
    if (key !== 'profiles') warn(`${where(file, [key])}: unknown key ${quote(key)} ignored (expected "profiles")`);
  }
  const profiles = doc.profiles ?? {};
  if (!isPlainObject(profiles)) throw typeError(file, ['profiles'], '"profiles"', 'a mapping of profile names');
  for (const [name, raw] of Object.entries(profiles)) {
    if (RESERVED_PROFILE_NAMES.has(name)) {
      warn(`${where(file, ['profiles', name])}: profile name ${quote(name)} is reserved; profile ignored`);
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
  if (!isPlainObject(raw)) throw typeError(file, at(), `profile "${name}"`, 'a mapping');
  const p: ProfileConfig = {};
  for (const [key, value] of Object.entries(raw)) {
    if ((STRING_KEYS as readonly string[]).includes(key)) {
      if (typeof value !== 'string') throw typeError(file, at(key), `"${key}" in profile "${name}"`, 'a string');
      (p as Record<string, unknown>)[key] = value.trim();
    } else if ((DURATION_KEYS as readonly string[]).includes(key)) {
      if (typeof value !== 'string' && typeof value !== 'number') {
        throw typeError(file, at(key), `"${key}" in profile "${name}"`, 'a duration such as 2s, 10m or 1h');
      }
      try {
        parseDuration(value, key);
      } catch (err) {
        throw new ConfigError(`${where(file, at(key))}: ${(err as Error).message}`);
      }
      (p as Record<string, unknown>)[key] = value;
    } else if (key === 'endpoints') {
      p.endpoints = validateEndpoints(name, value, file, warn);
    } else if (key === 'lang') {
      if (typeof value !== 'string' || parseLang(value) === undefined) throw typeError(file, at(key), `"lang" in profile "${name}"`, `one of ${LANG_NAMES.join(', ')}`);
      p.lang = value.trim();
    } else {
      warn(`${where(file, at(key))}: unknown key ${quote(key)} in profile ${quote(name)} ignored`);
    }
  }
  return p;
}

function validateEndpoints(name: string, value: unknown, file: FileText, warn: (line: string) => void) {
  const at = (key?: string) => ['profiles', name, 'endpoints', ...(key ? [key] : [])];
  if (!isPlainObject(value)) throw typeError(file, at(), `"endpoints" in profile "${name}"`, 'a mapping of sdrs/ecs/vpc/iam URLs');
  const out: NonNullable<ProfileConfig['endpoints']> = {};
  for (const [k, v] of Object.entries(value)) {
    if (!(ENDPOINT_KEYS as readonly string[]).includes(k)) {
      warn(`${where(file, at(k))}: unknown endpoint ${quote(k)} in profile ${quote(name)} ignored (expected sdrs, ecs, vpc or iam)`);
      continue;
    }
    if (typeof v !== 'string') throw typeError(file, at(k), `"endpoints.${k}" in profile "${name}"`, 'a URL string');
    out[k as (typeof ENDPOINT_KEYS)[number]] = v.trim();
  }
  return out;
}

function typeError(file: FileText, path: string[], what: string, expected: string): ConfigError {
  return new ConfigError(`${where(file, path)}: ${what} must be ${expected}`, {
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
