/**
 * Finding and reading the config file: cosmiconfig with non-executable
 * formats only, walked from the working directory up to the home directory.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../errors.js';
import { type ConfigFile, SECRET_KEYS, validateConfig } from './schema.js';

/** The places searched in each directory, in order. */
export const SEARCH_PLACES = ['package.json', '.sdrsrc', '.sdrsrc.json', '.sdrsrc.yaml', '.sdrsrc.yml'];
/** A config file larger than this is refused: it cannot be a hand-written profile list. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/** A config file that was found, parsed and validated. */
export interface LoadedConfigFile {
  path: string;
  config: ConfigFile;
  /** File mode bits (for the permission warning). */
  mode: number;
}

type Explorer = { search(from?: string): Promise<{ filepath: string; config: unknown } | null>; load(p: string): Promise<{ filepath: string; config: unknown } | null> };

/** Directories searched: cwd and its parents up to homeDir; homeDir last when cwd is outside it. */
export function searchDirs(cwd: string, homeDir: string): string[] {
  const home = path.resolve(homeDir);
  const dirs: string[] = [];
  let dir = path.resolve(cwd);
  for (;;) {
    dirs.push(dir);
    if (dir === home) return dirs;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  dirs.push(home);
  return dirs;
}

/** Finds and loads the first config file; undefined when there is none. */
export async function findConfigFile(cwd: string, homeDir: string, warn: (line: string) => void): Promise<LoadedConfigFile | undefined> {
  const explorer = await createExplorer();
  for (const dir of searchDirs(cwd, homeDir)) {
    for (const place of SEARCH_PLACES) {
      if (place !== 'package.json') await checkSize(path.join(dir, place));
    }
    const result = await explorer.search(dir).catch(rethrow);
    if (result) return finish(result.filepath, result.config, warn);
  }
  return undefined;
}

/** Reads one known config file again (credentials are re-read before every request). */
export async function readConfigFile(file: string, warn: (line: string) => void): Promise<LoadedConfigFile> {
  if (path.basename(file) !== 'package.json') await checkSize(file);
  const explorer = await createExplorer();
  const result = await explorer.load(file).catch(rethrow);
  return finish(file, result?.config ?? null, warn);
}

/** True when the file holds a secret and group or others can read it (POSIX only). */
export function isExposed(file: LoadedConfigFile, platform = process.platform): boolean {
  if (platform === 'win32' || (file.mode & 0o077) === 0) return false;
  return Object.values(file.config.profiles).some((p) => SECRET_KEYS.some((k) => p[k] !== undefined && p[k] !== ''));
}

async function finish(file: string, doc: unknown, warn: (line: string) => void): Promise<LoadedConfigFile> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  const config = validateConfig(doc, { path: file, text: path.basename(file) === 'package.json' ? undefined : text }, warn);
  const mode = (await stat(file)).mode;
  return { path: file, config, mode };
}

async function checkSize(file: string): Promise<void> {
  const s = await stat(file).catch(() => undefined);
  if (s?.isFile() && s.size > MAX_CONFIG_BYTES) {
    throw new ConfigError(`config file ${file} is ${s.size} bytes; the limit is ${MAX_CONFIG_BYTES} bytes`, {
      details: { config_file: file },
    });
  }
}

function rethrow(err: unknown): never {
  if (err instanceof ConfigError) throw err;
  const e = err as NodeJS.ErrnoException & { filepath?: string };
  const file = e.filepath ?? e.path ?? 'config file';
  throw new ConfigError(`cannot read ${file}: ${e.message}`, { details: { config_file: file }, cause: err });
}

async function createExplorer(): Promise<Explorer> {
  const [{ cosmiconfig }, yaml] = await Promise.all([import('cosmiconfig'), import('js-yaml')]);
  const loadYaml = (file: string, content: string): unknown => {
    try {
      return yaml.load(content, { filename: file, schema: yaml.CORE_SCHEMA });
    } catch (err) {
      const mark = (err as { mark?: { line: number }; reason?: string }).mark;
      const reason = (err as { reason?: string }).reason ?? (err as Error).message;
      throw new ConfigError(`${file}${mark ? `:${mark.line + 1}` : ''}: invalid YAML: ${reason}`, {
        details: { config_file: file, ...(mark ? { line: mark.line + 1 } : {}) },
      });
    }
  };
  const loadJson = (file: string, content: string): unknown => {
    // A broken package.json belongs to someone else's project: skip it rather than fail.
    if (path.basename(file) === 'package.json') {
      try {
        return JSON.parse(content);
      } catch {
        return null;
      }
    }
    try {
      return JSON.parse(content);
    } catch (err) {
      const offset = jsonErrorOffset(content);
      const line = offset === undefined ? undefined : content.slice(0, offset).split('\n').length - 1;
      throw new ConfigError(`${file}${line !== undefined ? `:${line + 1}` : ''}: invalid JSON: ${(err as Error).message}`, {
        details: { config_file: file, ...(line !== undefined ? { line: line + 1 } : {}) },
      });
    }
  };
  const refuse = (file: string): never => {
    // A repository's .config/config.json meta file can add search places; never run code from one.
    throw new ConfigError(`${file}: executable config files are not supported; use .sdrsrc (YAML) or .sdrsrc.json`);
  };
  return cosmiconfig('sdrs', {
    searchPlaces: SEARCH_PLACES,
    searchStrategy: 'none',
    cache: false,
    loaders: {
      noExt: loadYaml, '.yaml': loadYaml, '.yml': loadYaml, '.json': loadJson,
      '.js': refuse, '.mjs': refuse, '.cjs': refuse, '.ts': refuse,
    },
  }) as unknown as Explorer;
}

/**
 * Offset of the first bad character in invalid JSON. Node 20's JSON.parse
 * messages carry no position, so binary-search the shortest prefix whose
 * error is not "unexpected end": that prefix ends at the offending token.
 */
export function jsonErrorOffset(text: string): number | undefined {
  const badAt = (k: number) => {
    try {
      JSON.parse(text.slice(0, k));
      return false;
    } catch (err) {
      return !/end of (JSON|data)|Unterminated/i.test((err as Error).message);
    }
  };
  if (!badAt(text.length)) return undefined;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (badAt(mid)) hi = mid;
    else lo = mid + 1;
  }
  return Math.max(0, lo - 1);
}
