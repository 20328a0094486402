/** `sdrs config show`: the resolved settings and where each came from, secrets masked. */
import { type IOStreams } from '../io/streams.js';
import { formatTable, printJson } from '../io/output.js';
import { formatDuration } from './duration.js';
import { t } from '../i18n/index.js';
import { settingsMsg as M } from '../i18n/catalog/settings.js';
import type { ResolvedConfig, SettingSource } from './types.js';

/** One row of `config show`. */
export interface ConfigShowSetting {
  value: string | number | null;
  source: SettingSource;
  origin: string | null;
}

/** The `--json` document of `config show`. */
export interface ConfigShowData {
  profile: string;
  config_file: string | null;
  settings: Record<string, ConfigShowSetting>;
}

/** Display order; anything else in `sources` follows in its own order. */
const ORDER = [
  'profile', 'configFile', 'projectConfig', 'region', 'projectId', 'endpoints.sdrs', 'endpoints.ecs', 'endpoints.vpc', 'endpoints.iam',
  'proxy.https', 'proxy.http', 'noProxy', 'caBundle', 'extraCaCerts', 'credentials', 'accessKey', 'secretKey', 'securityToken', 'authToken', 'interval', 'maxInterval', 'timeout',
  'lang',
];
const DURATIONS = new Set(['interval', 'maxInterval', 'timeout']);

/** Builds the data of `config show` (values already masked by loadConfig). */
export function buildConfigShow(config: ResolvedConfig): ConfigShowData {
  const keys = [...ORDER.filter((k) => k in config.sources), ...Object.keys(config.sources).filter((k) => !ORDER.includes(k))];
  const settings: Record<string, ConfigShowSetting> = {};
  for (const k of keys) {
    const s = config.sources[k];
    settings[k] = { value: s.value ?? null, source: s.source, origin: s.origin ?? null };
  }
  return { profile: config.profile, config_file: config.configFile ?? null, settings };
}

/** The human view: one aligned row per setting. */
export function formatConfigShow(data: ConfigShowData): string {
  const rows = Object.entries(data.settings).map(([k, s]) => [
    k,
    s.value === null ? t(M.notSet) : DURATIONS.has(k) && typeof s.value === 'number' ? formatDuration(s.value) : String(s.value),
    s.value === null ? '' : s.origin ? `${s.source} (${s.origin})` : s.source,
  ]);
  return formatTable([t(M.headSetting), t(M.headValue), t(M.headSource)], rows);
}

/** Dependencies of runConfigShow. */
export interface ConfigShowOptions {
  io: IOStreams;
  json: boolean;
  config: () => Promise<ResolvedConfig>;
}

/** Loads the config, prints it (table or `--json`) on stdout and returns the data. */
export async function runConfigShow(opts: ConfigShowOptions): Promise<ConfigShowData> {
  const data = buildConfigShow(await opts.config());
  if (opts.json) printJson(opts.io, data);
  else opts.io.out.write(formatConfigShow(data) + '\n');
  return data;
}
