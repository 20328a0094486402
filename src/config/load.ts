/**
 * Resolves the configuration: flags > environment > profile in the config
 * file > defaults. Credentials are resolved again on every `credentials()`
 * call, re-reading env and the file, so refreshed temporary keys are used.
 */
import { maskUrlCredentials, proxySecretForms } from './mask.js';
import { t, text, type Entry } from '../i18n/index.js';
import { settingsMsg as M } from '../i18n/catalog/settings.js';
import { ConfigError, UsageError } from '../errors.js';
import { isWellFormedId, printable } from '../validate.js';
import { isValidRegion, normaliseEndpoint } from './validate.js';
import { resolveCredentials } from './credentials.js';
import { type HcloudProfile, hcloudConfigPath, hcloudCredentials, hcloudOrigin, hcloudSelection, readHcloudProfile } from './hcloud.js';
import { parseDuration } from './duration.js';
import { isAbsolute, resolve as resolvePath, dirname } from 'node:path';
import { resolveNetwork } from './proxy.js';
import { SERVICES, defaultEndpoint } from './endpoints.js';
import { ENDPOINT_VARS, PROFILE_VARS, PROJECT_ID_VARS, REGION_VARS, TRUST_PROJECT_CONFIG_VAR, firstEnv, trustsProjectConfig } from './env.js';
import { type LoadedConfigFile, findConfigFile, isExposed, isInHomeDir, readConfigFile } from './file.js';
import { missingCredentialsError, untrustedEndpointError, untrustedNetworkError } from './messages.js';
import type { ProfileConfig } from './schema.js';
import type { Endpoints, GlobalOptions, ResolvedConfig, SettingWithSource } from './types.js';

/** Defaults for the job watcher (ms). */
export const DEFAULTS = { intervalMs: 1000, maxIntervalMs: 30_000, timeoutMs: 30 * 60_000 } as const;

/** Inputs of loadConfig, all injected so tests never touch the real home or env. */
export interface LoadConfigOptions {
  globals: GlobalOptions;
  env: NodeJS.ProcessEnv;
  /** Where the config file search starts. */
  cwd: string;
  /** Where the search stops (and `~/.sdrsrc` lives). */
  homeDir: string;
  /** Receives warning lines (stderr). */
  warn: (line: string) => void;
  /** @default process.platform (permission checks are skipped on win32) */
  platform?: NodeJS.Platform;
}

type Setting = SettingWithSource<string | number | undefined>;

/** Loads and resolves the configuration once; see docs/configuration.md. */
export async function loadConfig(opts: LoadConfigOptions): Promise<ResolvedConfig> {
  const { globals, env, warn } = opts;
  const file = await findConfigFile(opts.cwd, opts.homeDir, warn);
  const profileSetting = pick(globals.profile, '--profile', env, PROFILE_VARS, undefined, '') ?? { value: 'default', source: 'default' as const };
  const profileName = String(profileSetting.value);
  // `hcloud:<name>` selects a KooCLI profile alone; an sdrs profile may name one with hcloudProfile.
  const hcloudName = hcloudSelection(profileName);
  const profile = hcloudName !== undefined ? {} : selectProfile(file, profileName, profileSetting.source !== 'default');
  const hcloud = await loadHcloud(hcloudName ?? profile.hcloudProfile, opts);
  if (file && isExposed(file, opts.platform)) {
    warn(t(M.fileExposed, { file: file.path }));
  }
  const origin = `${file?.path ?? '~/.sdrsrc'}#${profileName}`;
  const sources: Record<string, Setting> = { profile: profileSetting };
  if (file) sources.configFile = { value: file.path, source: 'config' };
  if (hcloud) sources.hcloudProfile = { value: hcloud.name, source: 'hcloud', origin: hcloud.file };

  const region = pick(globals.region, '--region', env, REGION_VARS, profile.region, `${origin}.region`) ?? fromHcloud(hcloud, 'region');
  if (region && !isValidRegion(String(region.value))) throw badValue(region, M.badRegion);
  sources.region = region ?? { value: undefined, source: 'default' };
  const projectId = pick(globals.projectId, '--project-id', env, PROJECT_ID_VARS, profile.projectId, `${origin}.projectId`) ?? fromHcloud(hcloud, 'projectId');
  if (projectId && !isWellFormedId(String(projectId.value))) throw badValue(projectId, M.badProjectId);
  sources.projectId = projectId ?? { value: undefined, source: 'default' };
  // The language of messages (docs/i18n.md); listed only when chosen by sdrs's own settings, not by the locale.
  const lang = pick(globals.lang, '--lang', env, ['SDRS_LANG'], profile.lang, `${origin}.lang`);
  if (lang) sources.lang = lang;

  const endpoints = resolveEndpoints(globals, env, profile, origin, region?.value as string | undefined, sources);
  const network = resolveNetwork(globals, env, profile, origin, sources);
  // A relative CA bundle is relative to where it was given: the config file's folder, or the working directory.
  if (network.caBundle && !isAbsolute(network.caBundle)) {
    network.caBundle = resolvePath(sources.caBundle.source === 'config' && file ? dirname(file.path) : opts.cwd, network.caBundle);
  }
  if (network.extraCaCerts && !isAbsolute(network.extraCaCerts)) network.extraCaCerts = resolvePath(opts.cwd, network.extraCaCerts);
  const refusal = projectConfigTrust(file, opts.homeDir, env, endpoints, sources);
  const duration = (key: 'interval' | 'maxInterval' | 'timeout', def: number): number => {
    const raw = profile[key];
    if (raw === undefined) {
      sources[key] = { value: def, source: 'default' };
      return def;
    }
    const ms = parseDuration(raw, key);
    sources[key] = { value: ms, source: 'config', origin: `${origin}.${key}` };
    return ms;
  };
  const intervalMs = duration('interval', DEFAULTS.intervalMs);
  const maxIntervalMs = duration('maxInterval', DEFAULTS.maxIntervalMs);
  const timeoutMs = duration('timeout', DEFAULTS.timeoutMs);

  // Resolve once now for `config show`; a half-set pair is reported there too.
  const secrets = [network.httpsProxy, network.httpProxy].flatMap((p) => proxySecretForms(p));
  try {
    const creds = resolveCredentials(env, profile, origin) ?? (hcloud?.keys ? hcloudCredentials(hcloud) : undefined);
    const c = creds?.credentials;
    if (c) secrets.push(...(c.kind === 'aksk' ? [c.ak, c.sk, c.securityToken] : [c.token]).filter((v): v is string => Boolean(v)));
    const unusable = hcloud && !hcloud.keys ? { credentials: { value: `none: KooCLI profile ${hcloud.name} has no usable keys (${hcloud.noKeys})`, source: 'hcloud' as const, origin: hcloud.file } } : undefined;
    Object.assign(sources, creds?.sources ?? unusable ?? { credentials: { value: undefined, source: 'default' } });
  } catch (err) {
    sources.credentials = { value: `invalid: ${(err as Error).message}`, source: 'default' };
  }

  const credentials = async () => {
    // Every request asks for credentials first: a refused endpoint is refused before anything is sent.
    if (refusal) throw refusal();
    // Re-read the file so a credential helper that rewrites it is honoured mid-wait.
    const fresh = file ? await readConfigFile(file.path, () => {}) : undefined;
    const freshProfile = (fresh && Object.hasOwn(fresh.config.profiles, profileName) ? fresh.config.profiles[profileName] : undefined) ?? (fresh ? {} : profile);
    const freshHcloud = hcloud ? await readHcloudProfile(hcloud.file, hcloud.name, opts.platform) : undefined;
    const resolved = resolveCredentials(env, freshProfile, origin) ?? (freshHcloud ? hcloudCredentials(freshHcloud) : undefined);
    if (!resolved) throw missingCredentialsError(profileName, file?.path);
    return resolved.credentials;
  };

  return {
    profile: profileName,
    region: region?.value as string | undefined,
    projectId: projectId?.value as string | undefined,
    endpoints,
    intervalMs,
    maxIntervalMs,
    timeoutMs,
    configFile: file?.path,
    network,
    sources,
    credentials,
    secrets,
  };
}

/**
 * A config file that is not directly in the home directory (a cloned
 * repository's `.sdrsrc`, found by walking up from the working directory)
 * must not choose where credentials go. Its endpoints are shown by `config
 * show` but every request to them is refused (exit 4, nothing sent) unless
 * SDRS_TRUST_PROJECT_CONFIG=1; --endpoint and SDRS_ENDPOINT are the user's own
 * choice and always win. Records the verdict in `sources.projectConfig`.
 */
function projectConfigTrust(
  file: LoadedConfigFile | undefined, homeDir: string, env: NodeJS.ProcessEnv, endpoints: Endpoints, sources: Record<string, Setting>,
): (() => Error) | undefined {
  if (!file || isInHomeDir(file.path, homeDir)) return undefined;
  const fromFile = SERVICES.filter((s) => sources[`endpoints.${s}`]?.source === 'config');
  // A proxy or a CA chosen by such a file could read the traffic: refused the same way.
  // noProxy too: it could send requests around the user's own proxy.
  const network = (['proxy.https', 'proxy.http', 'caBundle', 'noProxy'] as const).filter((k) => sources[k]?.source === 'config');
  if (trustsProjectConfig(env)) {
    sources.projectConfig = { value: 'trusted', source: 'env', origin: TRUST_PROJECT_CONFIG_VAR };
    return undefined;
  }
  sources.projectConfig = {
    value: fromFile.length ? `untrusted: requests to its endpoints are refused (${TRUST_PROJECT_CONFIG_VAR}=1 allows them)` : 'untrusted (no endpoint from it is used)',
    source: 'default',
    origin: 'not directly in the home directory',
  };
  if (fromFile.length === 0 && network.length === 0) return undefined;
  if (fromFile.length === 0) {
    const key = network.includes('caBundle') ? 'caBundle' : network.some((k) => k.startsWith('proxy.')) ? 'proxy' : 'noProxy';
    sources.projectConfig.value = `untrusted: it sets ${key}, so requests are refused (${TRUST_PROJECT_CONFIG_VAR}=1 allows them)`;
    return () => untrustedNetworkError(file.path, key);
  }
  return () => untrustedEndpointError(file.path, fromFile, endpoints[fromFile[0]]);
}

function selectProfile(file: LoadedConfigFile | undefined, name: string, explicit: boolean): ProfileConfig {
  const profiles = file?.config.profiles;
  const found = profiles && Object.hasOwn(profiles, name) ? profiles[name] : undefined;
  if (found) return found;
  if (!explicit && name === 'default') return {};
  const available = Object.keys(file?.config.profiles ?? {});
  const list = available.length ? text(M.availableProfiles, { list: available.join(', ') }) : text(M.noProfiles);
  throw new ConfigError(
    text(M.unknownProfile, { name: printable(name), where: file ? text(M.inFile, { file: file.path }) : text(M.noConfigFile), list, profile: name }),
    { details: { profile: name, available_profiles: available } },
  );
}

function resolveEndpoints(
  globals: GlobalOptions, env: NodeJS.ProcessEnv, profile: ProfileConfig, origin: string,
  region: string | undefined, sources: Record<string, Setting>,
): Endpoints {
  const override = pick(globals.endpoint, '--endpoint', env, ENDPOINT_VARS, undefined, '');
  const all = override ?? (profile.endpoint ? { value: profile.endpoint, source: 'config' as const, origin: `${origin}.endpoint` } : undefined);
  const out = { sdrs: '', ecs: '', vpc: '', iam: '' } as Endpoints;
  for (const service of SERVICES) {
    const own = profile.endpoints?.[service];
    let s: Setting | undefined =
      override ??
      (own ? { value: own, source: 'config', origin: `${origin}.endpoints.${service}` } : undefined) ??
      all ??
      (region ? { value: defaultEndpoint(service, region), source: 'derived', origin: `region ${region}` } : undefined);
    if (s) {
      const url = normaliseEndpoint(String(s.value));
      if (!url) throw badValue(s, M.badEndpoint, { service });
      s = { ...s, value: url };
      out[service] = url;
    }
    sources[`endpoints.${service}`] = s ?? { value: undefined, source: 'default' };
  }
  return out;
}

/** flag > env (first set variable) > config value > nothing. */
function pick(
  flag: string | undefined, flagName: string, env: NodeJS.ProcessEnv, vars: readonly string[],
  fileValue: string | undefined, fileOrigin: string,
): SettingWithSource<string> | undefined {
  if (flag !== undefined && flag.trim() !== '') return { value: flag.trim(), source: 'flag', origin: flagName };
  const e = firstEnv(env, vars);
  if (e) return { value: e.value, source: 'env', origin: e.name };
  if (fileValue !== undefined && fileValue !== '') return { value: fileValue, source: 'config', origin: fileOrigin };
  return undefined;
}

function badValue(s: Setting, entry: Entry, params: { service?: string } = {}): Error {
  // A URL's user:password part is a credential: never repeat it.
  const shown = maskUrlCredentials(String(s.value));
  const msg = text(entry, { ...params, value: JSON.stringify(shown), origin: s.origin ?? s.source });
  return s.source === 'config' || s.source === 'hcloud' ? new ConfigError(msg) : new UsageError(msg);
}

/** Reads the selected KooCLI profile (none selected: undefined); records it for `config show`, warns when exposed. */
async function loadHcloud(name: string | undefined, opts: LoadConfigOptions): Promise<HcloudProfile | undefined> {
  if (name === undefined) return undefined;
  const p = await readHcloudProfile(hcloudConfigPath(opts.env, opts.homeDir), hcloudSelection(name) ?? name.trim(), opts.platform);
  if (p.exposed) opts.warn(t(M.hcloudExposed, { file: p.file }));
  return p;
}

/** The lowest-precedence value of a setting: the KooCLI profile's. */
function fromHcloud(p: HcloudProfile | undefined, key: 'region' | 'projectId'): SettingWithSource<string> | undefined {
  const value = p?.[key];
  return p && value ? { value, source: 'hcloud', origin: hcloudOrigin(p, key) } : undefined;
}
