/**
 * The transport's network: the proxy agent for each request (hpagent, loaded only when a
 * proxy is in use) and the trusted CAs (Node's roots plus the CA bundles, never fewer).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Agent as HttpAgent } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import { ConfigError } from '../errors.js';
import { builtin } from '../util/builtin.js';
import { type Entry, type Text, text as both, verbatim } from '../i18n/index.js';
import { networkMsg as M } from '../i18n/catalog/network.js';
import { maskUrlCredentials, proxySecretForms } from '../config/mask.js';
import { proxyFor } from '../config/proxy.js';
import type { NetworkSettings } from '../config/types.js';

/** What one request goes through. */
export interface Route {
  /** The proxy URL, whole (never print it: `masked`). */
  proxy?: string;
  masked?: string;
  agent?: { http?: HttpAgent; https?: HttpsAgent };
}

/** The agents and CAs of one transport. */
export interface Network {
  /** The agent for a request to `url` (an hpagent one through a proxy, else got's default). */
  route(url: string): Promise<Route>;
  /** Node's root certificates plus every CA bundle, or undefined when only Node's defaults apply. */
  ca: string[] | undefined;
  /** Proxy passwords and their Basic forms: scrubbed from every text the transport hands on. */
  secrets: string[];
}

/**
 * Reads the CA bundles now (a bad one: ConfigError, exit 4, before anything is sent) and
 * prepares the agents. `processEnv` is what Node itself read at start-up.
 */
export function createNetwork(net: NetworkSettings | undefined, processEnv: NodeJS.ProcessEnv = process.env): Network {
  const settings = net ?? {};
  const ca = trustedCas(settings, processEnv);
  const agents = new Map<string, Promise<Route['agent']>>();
  const route = async (url: string): Promise<Route> => {
    const proxy = proxyFor(url, settings);
    if (!proxy) return {};
    const https = url.startsWith('https:');
    const key = `${https ? 's' : ''} ${proxy}`;
    let agent = agents.get(key);
    if (!agent) {
      // Loaded on the first request through a proxy: a run without one never pays for it.
      agent = import('hpagent').then(({ HttpProxyAgent, HttpsProxyAgent }) => {
        // An https:// proxy is verified with the same CAs as the endpoints.
        const opts = {
          proxy, keepAlive: true, keepAliveMsecs: 1000, maxSockets: 256, maxFreeSockets: 256, scheduling: 'lifo' as const,
          ...(ca ? { proxyRequestOptions: { ca } } : {}),
        };
        return https ? { https: new HttpsProxyAgent(opts) } : { http: new HttpProxyAgent(opts) };
      });
      agents.set(key, agent);
    }
    return { proxy, masked: maskUrlCredentials(proxy), agent: await agent };
  };
  return { route, ca, secrets: proxySecrets(settings) };
}

/**
 * The trusted CAs when sdrs must set them: a CA bundle is given, or NODE_EXTRA_CA_CERTS of this
 * run is not the one Node read at start-up (an in-process run with its own environment).
 * Setting `ca` replaces Node's store, so Node's roots and NODE_EXTRA_CA_CERTS go in too.
 */
function trustedCas(net: NetworkSettings, processEnv: NodeJS.ProcessEnv): string[] | undefined {
  // The config resolves a relative path against the working directory, as Node did at start-up.
  const nodes = processEnv.NODE_EXTRA_CA_CERTS?.trim();
  const extraIsNodes = net.extraCaCerts !== undefined && !!nodes && (net.extraCaCerts === nodes || net.extraCaCerts === resolve(nodes));
  if (!net.caBundle && (net.extraCaCerts === undefined || extraIsNodes)) return undefined;
  // node:tls only now: its ESM facade computes every root certificate on import (~15 ms), and
  // a run without a CA bundle (or `config show`) must not pay for it.
  const { rootCertificates } = builtin<typeof import('node:tls')>('node:tls');
  const out = [...rootCertificates];
  if (net.extraCaCerts) out.push(...readBundle(net.extraCaCerts, verbatim('NODE_EXTRA_CA_CERTS')));
  if (net.caBundle) out.push(...readBundle(net.caBundle, both(M.caBundle)));
  return out;
}


const PEM = /-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g;

/** Every certificate of a PEM file, each checked; ConfigError (exit 4) naming the file otherwise. */
export function readBundle(path: string, what: string | Text): string[] {
  const fail = (entry: Entry, params: Record<string, string | Text> = {}) =>
    new ConfigError(both(entry, { ...params, what, path }), {
      hint: both(M.bundleHint),
      details: { ca_bundle: path },
    });
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw fail(M.bundleUnreadable, { cause: (err as NodeJS.ErrnoException).code ?? (err as Error).message });
  }
  const certs = text.match(PEM) ?? [];
  if (certs.length === 0) throw fail(M.bundleNoPem);
  const { X509Certificate } = builtin<typeof import('node:crypto')>('node:crypto');
  certs.forEach((c, i) => {
    try {
      new X509Certificate(c);
    } catch {
      throw fail(M.bundleBadCert, { nth: { en: ordinal(i + 1), zh: String(i + 1) } });
    }
  });
  return certs;
}

const ordinal = (n: number) => `${n}${n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th'}`;

/** The password (and user:password, and its Base64 as in Proxy-Authorization) of each proxy URL. */
function proxySecrets(net: NetworkSettings): string[] {
  return [net.httpsProxy, net.httpProxy].flatMap((p) => proxySecretForms(p));
}
