/** Types shared by the configuration loader, the API client and the commands. */

/** Credentials for one request. Re-read before each request so refreshed temporary keys are picked up. */
export type Credentials =
  | { kind: 'aksk'; ak: string; sk: string; securityToken?: string }
  | { kind: 'token'; token: string };

/** Where a resolved setting came from, for `sdrs config show`. */
export type SettingSource = 'flag' | 'env' | 'config' | 'default' | 'derived' | 'hcloud';

export interface SettingWithSource<T = string> {
  value: T;
  source: SettingSource;
  /** The flag, variable or `file#profile.key` it came from. */
  origin?: string;
}

export interface Endpoints {
  sdrs: string;
  ecs: string;
  vpc: string;
  /** IAM, only used to fetch tokens from an emulator or IAM. */
  iam: string;
}

export interface ResolvedConfig {
  profile: string;
  region?: string;
  projectId?: string;
  endpoints: Endpoints;
  /** First poll interval for the job watcher, ms. @default 1000 */
  intervalMs: number;
  /** Longest poll interval for the job watcher, ms. @default 30000 */
  maxIntervalMs: number;
  /** Default wait timeout, ms (0 = no limit). @default 1800000 */
  timeoutMs: number;
  /** The config file that was read, if any. */
  configFile?: string;
  /** Proxies, NO_PROXY and CA bundles (src/config/proxy.ts); credentials in proxy URLs are whole here, masked in `sources`. */
  network?: NetworkSettings;
  /** Every setting with its source, secrets masked, for `config show`. */
  sources: Record<string, SettingWithSource<string | number | undefined>>;
  /** Reads the credentials again (env and config file); throws AuthError when there are none. */
  credentials(): Promise<Credentials>;
  /**
   * The secret values this configuration knows when loaded (the credentials of the env, the
   * profile or KooCLI, even when requests are refused; the proxies' passwords): never written
   * to the journal. Never print them.
   */
  secrets?: string[];
}

/** The global flags every command accepts. */
export interface GlobalOptions {
  profile?: string;
  region?: string;
  projectId?: string;
  endpoint?: string;
  /** --lang (the language of messages; docs/i18n.md). */
  lang?: string;
  json: boolean;
  /** false with --no-input */
  input: boolean;
  /** false with --no-color */
  color: boolean;
  debug: boolean;
  /** --proxy: a proxy URL for every request, or `none` */
  proxy?: string;
  /** --ca-bundle: a PEM file of CAs trusted besides the public roots */
  caBundle?: string;
}

/** The proxy and CA settings of one run. Proxy URLs are whole (with any credentials): never print them, use `masked`. */
export interface NetworkSettings {
  /** Proxy for https URLs; undefined: direct. */
  httpsProxy?: string;
  /** Proxy for http URLs; undefined: direct. */
  httpProxy?: string;
  /** The NO_PROXY list as given (curl semantics, see `bypassesProxy`). */
  noProxy?: string;
  /** A PEM file of CA certificates trusted besides Node's own roots (--ca-bundle or the profile's caBundle). */
  caBundle?: string;
  /**
   * NODE_EXTRA_CA_CERTS as the environment of this run has it. Node reads it itself at start-up
   * for the process; sdrs reads it too whenever it sets the trusted CAs itself.
   */
  extraCaCerts?: string;
}
