/**
 * Proxies and CA bundles: which proxy a request URL goes through, curl's way, and where the
 * extra trusted certificates come from. See docs/configuration.md#proxies-and-private-cas.
 *
 * Only the environment handed in is read (never process.env): in-process runs bring their own.
 */
import { ConfigError, UsageError } from '../errors.js';
import { builtin } from '../util/builtin.js';
import { maskUrlCredentials } from './mask.js';
import { type Entry, text } from '../i18n/index.js';
import { settingsMsg as M } from '../i18n/catalog/settings.js';
import type { NetworkSettings, SettingWithSource } from './types.js';

export type { NetworkSettings };

/** `--proxy none`: no proxy for this run, whatever the environment or the profile says. */
export const NO_PROXY_WORD = 'none';

/** The variables read for each scheme, in order (lower case first, as curl does). */
export const HTTPS_PROXY_VARS = ['https_proxy', 'HTTPS_PROXY', 'all_proxy', 'ALL_PROXY'] as const;
/** curl reads only `http_proxy` (httpoxy); sdrs honours `HTTP_PROXY` after it, as the issue asks. */
export const HTTP_PROXY_VARS = ['http_proxy', 'HTTP_PROXY', 'all_proxy', 'ALL_PROXY'] as const;
export const NO_PROXY_VARS = ['no_proxy', 'NO_PROXY'] as const;

type Setting = SettingWithSource<string | number | undefined>;

/** What the profile says about the network. */
export interface NetworkProfile {
  proxy?: string;
  noProxy?: string;
  caBundle?: string;
}

/**
 * Resolves the proxies (flag > environment > profile), the NO_PROXY list (environment > profile)
 * and the CA bundle (flag > profile), recording each in `sources` masked.
 * @throws UsageError (flag, env) or ConfigError (file) for a proxy URL that is not http(s)://host[:port]
 */
export function resolveNetwork(
  flags: { proxy?: string; caBundle?: string }, env: NodeJS.ProcessEnv, profile: NetworkProfile, origin: string, sources: Record<string, Setting>,
): NetworkSettings {
  const out: NetworkSettings = {};
  const flag = flags.proxy?.trim();
  const fromProfile = profile.proxy ? { value: profile.proxy, source: 'config' as const, origin: `${origin}.proxy` } : undefined;
  for (const [scheme, vars] of [['https', HTTPS_PROXY_VARS], ['http', HTTP_PROXY_VARS]] as const) {
    let s: SettingWithSource | undefined;
    // `--proxy ''` is `--proxy none`, as curl's `-x ""` is.
    if (flag !== undefined) s = { value: flag === '' ? NO_PROXY_WORD : flag, source: 'flag', origin: '--proxy' };
    else {
      const name = vars.find((v) => (env[v] ?? '').trim() !== '');
      s = name ? { value: env[name]!.trim(), source: 'env', origin: name } : fromProfile;
    }
    if (!s || s.value.toLowerCase() === NO_PROXY_WORD) {
      sources[`proxy.${scheme}`] = s ? { ...s, value: 'none (direct)' } : { value: undefined, source: 'default' };
      continue;
    }
    const url = normaliseProxy(s);
    sources[`proxy.${scheme}`] = { ...s, value: maskUrlCredentials(url) };
    if (scheme === 'https') out.httpsProxy = url;
    else out.httpProxy = url;
  }
  const noName = NO_PROXY_VARS.find((v) => env[v] !== undefined && env[v]!.trim() !== '');
  const no: SettingWithSource | undefined = noName
    ? { value: env[noName]!.trim(), source: 'env', origin: noName }
    : profile.noProxy ? { value: profile.noProxy, source: 'config', origin: `${origin}.noProxy` } : undefined;
  if (no) out.noProxy = no.value;
  sources.noProxy = no ?? { value: undefined, source: 'default' };

  const ca = flags.caBundle?.trim()
    ? { value: flags.caBundle.trim(), source: 'flag' as const, origin: '--ca-bundle' }
    : profile.caBundle ? { value: profile.caBundle, source: 'config' as const, origin: `${origin}.caBundle` } : undefined;
  if (ca) out.caBundle = ca.value;
  sources.caBundle = ca ?? { value: undefined, source: 'default' };
  const extra = env.NODE_EXTRA_CA_CERTS?.trim();
  if (extra) out.extraCaCerts = extra;
  sources.extraCaCerts = extra ? { value: extra, source: 'env', origin: 'NODE_EXTRA_CA_CERTS' } : { value: undefined, source: 'default' };
  return out;
}

/** `proxy:3128` is `http://proxy:3128` (as in curl); http and https proxies only; the URL without path. */
function normaliseProxy(s: SettingWithSource): string {
  const raw = /^[a-z][a-z0-9+.-]*:\/\//i.test(s.value) ? s.value : `http://${s.value}`;
  let u: URL | undefined;
  try {
    u = new URL(raw);
  } catch {
    u = undefined;
  }
  const fail = (entry: Entry, scheme?: string) => {
    const msg = text(entry, { value: JSON.stringify(maskUrlCredentials(s.value)), origin: s.origin ?? s.source, scheme });
    const hint = text(M.proxyHint, { none: NO_PROXY_WORD });
    return s.source === 'config' ? new ConfigError(msg, { hint }) : new UsageError(msg, { hint });
  };
  if (!u || !u.hostname) throw fail(M.proxyNotUrl);
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw fail(M.proxyScheme, u.protocol.slice(0, -1));
  if ((u.pathname !== '/' && u.pathname !== '') || u.search || u.hash) throw fail(M.proxyPath);
  return `${u.protocol}//${u.username || u.password ? `${u.username}:${u.password}@` : ''}${u.host}`;
}

/** The proxy a request to `url` goes through, or undefined to go direct. */
export function proxyFor(url: string, net: NetworkSettings): string | undefined {
  const u = new URL(url);
  const proxy = u.protocol === 'https:' ? net.httpsProxy : u.protocol === 'http:' ? net.httpProxy : undefined;
  if (!proxy) return undefined;
  const port = Number(u.port || (u.protocol === 'https:' ? 443 : 80));
  return bypassesProxy(u.hostname, port, net.noProxy) ? undefined : proxy;
}

/**
 * curl's NO_PROXY: comma-separated entries, case-insensitive; `*` alone matches everything; a
 * name matches itself and its subdomains (`example.com` and `.example.com` both match
 * `a.example.com`); an IP address matches exactly and a CIDR range (`10.0.0.0/8`, `fd00::/8`)
 * every address in it, and neither matches a name (`localhost` is not 127.0.0.1); `host:port`
 * or `[v6]:port` matches that port only.
 */
export function bypassesProxy(hostname: string, port: number, noProxy: string | undefined): boolean {
  if (!noProxy) return false;
  const host = unbracket(hostname.toLowerCase()).replace(/\.$/, '');
  const hostIp = isIP(host);
  for (const raw of noProxy.split(',')) {
    let entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return true;
    let entryPort: number | undefined;
    const bracket = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
    if (bracket) {
      entry = bracket[1];
      entryPort = bracket[2] === undefined ? undefined : Number(bracket[2]);
    } else {
      const m = /^([^:]+):(\d+)$/.exec(entry);
      if (m) {
        entry = m[1];
        entryPort = Number(m[2]);
      }
    }
    if (entryPort !== undefined && entryPort !== port) continue;
    entry = entry.replace(/^\.+/, '').replace(/\.$/, '');
    if (entry === '') continue;
    const cidr = /^(.+)\/(\d{1,3})$/.exec(entry);
    if (hostIp) {
      if (cidr ? inRange(host, hostIp, cidr[1], Number(cidr[2])) : isIP(entry) === hostIp && sameAddress(host, entry, hostIp)) return true;
      continue;
    }
    if (cidr || isIP(entry)) continue;
    if (host === entry || host.endsWith(`.${entry}`)) return true;
  }
  return false;
}

/** node:net on first use: its ESM facade costs start-up time, and only a run through a proxy with NO_PROXY set needs it. */
let netModule: typeof import('node:net') | undefined;
const net = () => (netModule ??= builtin<typeof import('node:net')>('node:net'));
const isIP = (s: string) => net().isIP(s);

const unbracket = (h: string) => (h.startsWith('[') && h.endsWith(']') ? h.slice(1, -1) : h);

function family(v: number): 'ipv4' | 'ipv6' {
  return v === 6 ? 'ipv6' : 'ipv4';
}

function sameAddress(a: string, b: string, v: number): boolean {
  const list = new (net().BlockList)();
  list.addAddress(b, family(v));
  return list.check(a, family(v));
}

function inRange(host: string, v: number, range: string, bits: number): boolean {
  if (isIP(range) !== v || bits > (v === 6 ? 128 : 32)) return false;
  const list = new (net().BlockList)();
  list.addSubnet(range, bits, family(v));
  return list.check(host, family(v));
}
