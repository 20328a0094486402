/**
 * `sdrs config init`: asks for (or takes from flags) the values of one profile
 * and merges it into `~/.sdrsrc` (YAML), written with mode 0600.
 */
import { chmod, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { ConfigError, UsageError } from '../errors.js';
import type { IOStreams } from '../io/streams.js';
import { isValidRegion, normaliseEndpoint } from './validate.js';
import { AKSK_FAMILIES } from './env.js';
import { maskAccessKey, maskUrlCredentials } from './mask.js';
import { type ProfileConfig, RESERVED_PROFILE_NAMES, isPlainObject, validateConfig } from './schema.js';
import { parseConfig, readConfigText } from './file.js';
import { isWellFormedId, printable } from '../validate.js';
import { t, text, type Entry } from '../i18n/index.js';
import { config as M } from '../i18n/catalog/config.js';

/** The questions config init may ask; injectable for tests. */
export interface InitPrompter {
  input(message: string, opts: { default?: string; validate?: (v: string) => true | string }): Promise<string>;
  password(message: string): Promise<string>;
}

/** Flags of `sdrs config init`. */
export interface ConfigInitFlags {
  /** @default "default" */
  profile?: string;
  region?: string;
  projectId?: string;
  accessKey?: string;
  // No secret-key flag: a key on the command line lands in shell history and the process list.
  /** Read the secret key from stdin (one line). */
  secretKeyStdin?: boolean;
  endpoint?: string;
}

/** Inputs of runConfigInit. */
export interface ConfigInitOptions {
  io: IOStreams;
  env: NodeJS.ProcessEnv;
  homeDir: string;
  flags: ConfigInitFlags;
  /** False with --no-input, --json or without a terminal: missing values are then usage errors. */
  canPrompt: boolean;
  warn: (line: string) => void;
  /** @default prompts from @inquirer/prompts on io.in / io.err */
  prompter?: InitPrompter;
}

/** What was written (secrets masked). */
export interface ConfigInitResult {
  file: string;
  profile: string;
  region?: string;
  project_id?: string;
  endpoint?: string;
  access_key: string;
  /** The file was created by this run. */
  created: boolean;
  /** The profile is new in the file (else an existing profile was updated). */
  added: boolean;
}

/** Asks for or takes the values, then writes the profile; returns a summary. */
export async function runConfigInit(opts: ConfigInitOptions): Promise<ConfigInitResult> {
  const { flags, env } = opts;
  const name = flags.profile?.trim() || 'default';
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(name)) throw new UsageError(text(M.badProfileName, { name: printable(name) }));
  // Names that are properties of every object would read or write the prototype, not a profile.
  if (RESERVED_PROFILE_NAMES.has(name)) throw new UsageError(text(M.reservedProfileName, { name: printable(name) }));
  const file = path.join(opts.homeDir, '.sdrsrc');
  const { doc, created } = await readExisting(file, opts.warn);
  const profiles = doc.profiles as Record<string, ProfileConfig>;
  const added = !Object.hasOwn(profiles, name);
  const current: unknown = Object.hasOwn(profiles, name) && profiles[name] !== null ? profiles[name] : {};
  if (!isPlainObject(current)) throw new ConfigError(text(M.profileNotMapping, { file, name: printable(name) }));
  const existing = current as ProfileConfig;
  const envPair = AKSK_FAMILIES.map((f) => ({ ak: env[f.ak]?.trim(), sk: env[f.sk]?.trim() })).find((p) => p.ak || p.sk);

  let secretKey = (flags.secretKeyStdin ? await readLine(opts.io.in) : undefined) || envPair?.sk || undefined;
  if (flags.secretKeyStdin && !secretKey) throw new UsageError(text(M.stdinEmpty));

  const prompter = opts.canPrompt ? (opts.prompter ?? (await inquirerPrompter(opts.io))) : undefined;
  const ask = async (value: string | undefined, flag: string, message: Entry, prev: string | undefined, check: (v: string) => true | Entry) => {
    if (value) {
      const ok = check(value);
      if (ok !== true) throw new UsageError(text(M.flagProblem, { flag, problem: text(ok) }));
      return value;
    }
    if (prompter) return (await prompter.input(t(message), { default: prev, validate: (v) => { const ok = check(v); return ok === true ? true : t(ok); } })).trim();
    if (prev) return prev;
    return undefined;
  };
  let endpoint = await askEndpoint(flags.endpoint, existing.endpoint);
  // At a terminal without --endpoint, the region may be left empty when an endpoint follows.
  const askingEndpoint = prompter !== undefined && !flags.endpoint;
  const region = (await ask(flags.region, '--region', M.askRegion, existing.region, (v) =>
    (v === '' && (endpoint || askingEndpoint)) || isValidRegion(v) ? true : M.expectRegion)) || undefined;
  if (askingEndpoint) {
    // Optional: Enter keeps the region's endpoints (https://{service}.{region}.myhuaweicloud.com).
    const answer = (await prompter.input(region ? t(M.askEndpointFor, { region }) : t(M.askEndpoint), {
      default: existing.endpoint,
      validate: (v) => (v.trim() === '' ? (region ? true : t(M.endpointNeeded)) : normaliseEndpoint(v.trim()) ? true : t(M.expectUrl)),
    })).trim();
    endpoint = answer === '' ? undefined : await askEndpoint(answer, undefined);
  }
  const projectId = await ask(flags.projectId, '--project-id', M.askProjectId, existing.projectId, (v) =>
    isWellFormedId(v) ? true : M.expectId);
  const accessKey = await ask(flags.accessKey || envPair?.ak, '--access-key', M.askAccessKey, existing.accessKey, (v) =>
    /^[A-Za-z0-9]{4,128}$/.test(v) ? true : M.expectAccessKey);
  if (!secretKey && prompter) {
    const answer = (await prompter.password(t(existing.secretKey ? M.askSecretKeep : M.askSecret))).trim();
    secretKey = answer || existing.secretKey;
  }
  secretKey ??= existing.secretKey;

  const missing = [
    !region && !endpoint ? '--region' : undefined,
    !projectId ? '--project-id' : undefined,
    !accessKey ? '--access-key' : undefined,
    !secretKey ? '--secret-key-stdin (or HUAWEICLOUD_SDK_SK)' : undefined,
  ].filter(Boolean);
  if (missing.length) throw new UsageError(text(M.initNeeds, { missing: missing.join(', ') }));

  const profile: ProfileConfig = { ...existing, region, projectId, accessKey, secretKey, endpoint };
  for (const k of Object.keys(profile) as (keyof ProfileConfig)[]) if (profile[k] === undefined) delete profile[k];
  (doc.profiles as Record<string, ProfileConfig>)[name] = profile;
  await writeSecure(file, doc);
  return { file, profile: name, region, project_id: projectId, endpoint, access_key: maskAccessKey(accessKey!), created, added };
}

async function askEndpoint(flag: string | undefined, prev: string | undefined): Promise<string | undefined> {
  if (!flag) return prev;
  const url = normaliseEndpoint(flag);
  // A URL's user:password part is a credential: never repeat it.
  if (!url) throw new UsageError(text(M.badEndpointFlag, { value: printable(maskUrlCredentials(flag)) }));
  return url;
}

/**
 * The current ~/.sdrsrc, read and checked as every command reads it (a regular file,
 * capped, parse errors without content, wrong types naming the key): a profile this
 * run would keep must be usable, and a file that cannot be parsed is never overwritten.
 */
async function readExisting(file: string, warn: (line: string) => void): Promise<{ doc: Record<string, unknown>; created: boolean }> {
  let doc: unknown;
  try {
    const read = await readConfigText(file);
    if (!read) {
      if (await stat(file).then((st) => st.isDirectory(), () => false)) throw new ConfigError(text(M.isDirectory, { file }));
      return { doc: { profiles: {} }, created: true };
    }
    doc = (await parseConfig(file, read.text)) ?? {};
    validateConfig(doc, { path: file, text: read.text }, warn);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    // Never overwrite a file we cannot use: it may hold other profiles.
    throw new ConfigError(text(M.fixFirst, { message: err.text }), { details: err.details });
  }
  if (!isPlainObject(doc)) throw new ConfigError(text(M.expectProfiles, { file }));
  if (doc.profiles === undefined || doc.profiles === null) doc.profiles = {};
  if (!isPlainObject(doc.profiles)) throw new ConfigError(text(M.profilesNotMapping, { file }));
  return { doc, created: false };
}

async function writeSecure(file: string, doc: Record<string, unknown>): Promise<void> {
  const yaml = await import('js-yaml');
  const text = `# sdrs configuration (see .sdrsrc.example and docs/configuration.md).\n# Holds secrets: keep it mode 0600.\n${yaml.dump(doc, { schema: yaml.CORE_SCHEMA, lineWidth: -1 })}`;
  const tmp = `${file}.${process.pid}.tmp`;
  // Created 0600 so the secret is never readable, even briefly; rename keeps it atomic.
  await writeFile(tmp, text, { mode: 0o600, flag: 'w' });
  await chmod(tmp, 0o600);
  await rename(tmp, file);
  await chmod(file, 0o600);
}

async function readLine(input: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    chunks.push(b);
    size += b.length;
    if (size > 64 * 1024) throw new UsageError(text(M.stdinTooLong));
  }
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0].trim();
}

async function inquirerPrompter(io: IOStreams): Promise<InitPrompter> {
  const { input, password } = await import('@inquirer/prompts');
  const context = { input: io.in, output: io.err };
  return {
    input: (message, o) => input({ message, default: o.default, validate: o.validate }, context),
    password: (message) => password({ message, mask: '*' }, context),
  };
}

