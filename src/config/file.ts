/**
 * Finding and reading the config file, through cosmiconfig with sdrs's own
 * guard and loaders: a place is first checked on an open descriptor (only
 * regular files, so a FIFO or a device never blocks or floods a run, at most
 * MAX_CONFIG_BYTES), then cosmiconfig loads it with the loaders below: YAML or
 * JSON only (nothing is ever executed, and `$import` of another file is
 * refused), with parse errors that say where and what kind of problem without
 * quoting a byte of the content.
 */
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../errors.js';
import { type ConfigFile, SECRET_KEYS, validateConfig } from './schema.js';
import { text, type Entry, type Text } from '../i18n/index.js';
import { config as M } from '../i18n/catalog/config.js';

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

/** True when `file` sits directly in the home directory (`~/.sdrsrc`, the file `config init` writes). */
export function isInHomeDir(file: string, homeDir: string): boolean {
  return path.dirname(path.resolve(file)) === path.resolve(homeDir);
}

/**
 * Finds and loads the first config file; undefined when there is none. A place
 * that is missing, a directory, empty (or only comments), or a package.json
 * without an `sdrs` key is skipped, and the search goes on.
 */
export async function findConfigFile(cwd: string, homeDir: string, warn: (line: string) => void): Promise<LoadedConfigFile | undefined> {
  const explorer = await createExplorer();
  for (const dir of searchDirs(cwd, homeDir)) {
    for (const place of SEARCH_PLACES) {
      const file = path.join(dir, place);
      const read = await readConfigText(file);
      if (!read) continue;
      const doc = (await explorer.load(file).catch(rethrow))?.config;
      if (doc === undefined || doc === null) continue;
      return finish(file, read, doc, warn);
    }
  }
  return undefined;
}

/**
 * Reads one known config file again (credentials are re-read before every request).
 * The file was found by cosmiconfig already; its text, read once through the guard,
 * goes through the same loader cosmiconfig uses, so a poll reads the file once.
 */
export async function readConfigFile(file: string, warn: (line: string) => void): Promise<LoadedConfigFile> {
  const read = await readConfigText(file);
  if (!read) throw new ConfigError(text(M.fileGone, { file }), { details: { config_file: file } });
  return finish(file, read, refuseImport(file, await parseConfig(file, read.text)) ?? null, warn);
}

/** cosmiconfig's `$import` would merge another file into this one: refused. */
function refuseImport(file: string, doc: unknown): unknown {
  if (typeof doc === 'object' && doc !== null && Object.hasOwn(doc, '$import') && !isPackageJson(file)) {
    throw new ConfigError(text(M.noImport, { file }), { details: { config_file: file } });
  }
  return doc;
}

type Explorer = { load(p: string): Promise<{ filepath: string; config: unknown } | null> };

/**
 * cosmiconfig for one file at a time (sdrs walks the places itself, after the
 * guard): no search, no cache, and only sdrs's loaders, which parse the text
 * cosmiconfig read (parseConfig) and refuse code and `$import`.
 */
async function createExplorer(): Promise<Explorer> {
  const { cosmiconfig } = await import('cosmiconfig');
  const load = async (file: string, text: string): Promise<unknown> => refuseImport(file, await parseConfig(file, text, { wholePackageJson: true })) ?? null;
  const refuse = (file: string): never => {
    throw new ConfigError(text(M.noExecutable, { file }), { details: { config_file: file } });
  };
  return cosmiconfig('sdrs', {
    searchPlaces: SEARCH_PLACES,
    searchStrategy: 'none',
    cache: false,
    loaders: { noExt: load, '.yaml': load, '.yml': load, '.json': load, '.js': refuse, '.mjs': refuse, '.cjs': refuse, '.ts': refuse },
  }) as unknown as Explorer;
}

/** cosmiconfig's own errors (a read that failed after the guard) as config errors naming the file only. */
function rethrow(err: unknown): never {
  if (err instanceof ConfigError) throw err;
  const e = err as NodeJS.ErrnoException & { filepath?: string };
  const file = e.filepath ?? e.path ?? 'config file';
  throw new ConfigError(text(e.code ? M.cannotReadCode : M.cannotRead, { file, code: e.code }), { details: { config_file: file }, cause: err });
}

/** True when the file holds a secret and group or others can read it (POSIX only). */
export function isExposed(file: LoadedConfigFile, platform = process.platform): boolean {
  if (platform === 'win32' || (file.mode & 0o077) === 0) return false;
  // A proxy URL with user:password in it is a credential too.
  return Object.values(file.config.profiles).some((p) => SECRET_KEYS.some((k) => p[k] !== undefined && p[k] !== '') || /^[^/]*\/\/[^/@]*:[^/@]*@/.test(p.proxy ?? ''));
}

function finish(file: string, read: { text: string; mode: number }, doc: unknown, warn: (line: string) => void): LoadedConfigFile {
  const config = validateConfig(doc, { path: file, text: isPackageJson(file) ? undefined : read.text }, warn);
  return { path: file, config, mode: read.mode };
}

const isPackageJson = (file: string) => path.basename(file) === 'package.json';

/** What a file that is not a regular file is, for the refusal. */
function kindOf(s: import('node:fs').Stats): Text {
  if (s.isFIFO()) return text(M.kindFifo);
  if (s.isCharacterDevice()) return text(M.kindCharDevice);
  if (s.isBlockDevice()) return text(M.kindBlockDevice);
  if (s.isSocket()) return text(M.kindSocket);
  return text(M.kindOther);
}

const ERRNO_TEXT: Record<string, Entry> = {
  EACCES: M.errnoEACCES,
  EPERM: M.errnoEPERM,
  ELOOP: M.errnoELOOP,
  EIO: M.errnoEIO,
  EMFILE: M.errnoEMFILE,
};

/**
 * The text of a config file, or undefined when it is absent, a directory or
 * (for package.json, someone else's file) unusable. Opened without blocking
 * and checked on the open descriptor, so a FIFO or device swapped in between
 * cannot hang or flood the read; at most MAX_CONFIG_BYTES + 1 bytes are read.
 */
export async function readConfigText(file: string): Promise<{ text: string; mode: number } | undefined> {
  const pkg = isPackageJson(file);
  let fh: FileHandle;
  try {
    // O_NONBLOCK: opening a FIFO for reading must not wait for a writer. (Both are 0 where unsupported.)
    fh = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR' || pkg) return undefined;
    throw new ConfigError(text(code ? M.cannotReadWhyCode : M.cannotReadWhy, { file, why: text(ERRNO_TEXT[code] ?? M.cannotOpen), code }), {
      details: { config_file: file, ...(code ? { cause_code: code } : {}) },
    });
  }
  try {
    const s = await fh.stat();
    if (s.isDirectory()) return undefined;
    if (!s.isFile()) {
      if (pkg) return undefined;
      throw new ConfigError(text(M.notRegular, { file, kind: kindOf(s) }), {
        details: { config_file: file },
      });
    }
    const tooLarge = (size: string | Text) => {
      if (pkg) return undefined;
      throw new ConfigError(text(M.tooLarge, { file, size, limit: MAX_CONFIG_BYTES }), { details: { config_file: file } });
    };
    if (s.size > MAX_CONFIG_BYTES) return tooLarge(String(s.size));
    // Read to the cap even if the file grows after the stat: never more than the limit plus one byte.
    const buf = Buffer.alloc(MAX_CONFIG_BYTES + 1);
    let got = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, got, buf.length - got, got);
      if (bytesRead === 0) break;
      got += bytesRead;
      if (got > MAX_CONFIG_BYTES) return tooLarge(text(M.moreThan, { limit: MAX_CONFIG_BYTES }));
    }
    return { text: buf.subarray(0, got).toString('utf8'), mode: s.mode };
  } finally {
    await fh.close().catch(() => undefined);
  }
}

/**
 * Parses a config file's text by its name: YAML (`.sdrsrc`, `.yaml`, `.yml`,
 * core schema: no tags that build objects) or JSON (`.json`, package.json's
 * `sdrs` key, or the whole document for cosmiconfig). Undefined for an empty file
 * or a package.json without `sdrs`.
 */
export async function parseConfig(file: string, text: string, o: { wholePackageJson?: boolean } = {}): Promise<unknown> {
  if (text.trim() === '') return undefined;
  if (isPackageJson(file)) {
    // A broken package.json belongs to someone else's project: skip it rather than fail.
    try {
      const doc: unknown = JSON.parse(text);
      // cosmiconfig takes the `sdrs` key itself; the whole document is for it.
      if (o.wholePackageJson) return doc;
      return typeof doc === 'object' && doc !== null && Object.hasOwn(doc, 'sdrs') ? (doc as { sdrs: unknown }).sdrs : undefined;
    } catch {
      return undefined;
    }
  }
  // js-yaml is loaded only when a YAML file is read.
  return file.endsWith('.json') ? parseJson(file, text) : parseYaml(file, text, await import('js-yaml'));
}

/** The kinds of YAML problem js-yaml reports, by the start of its reason, said without the content it may quote. */
const YAML_REASONS: [RegExp, Entry][] = [
  [/^unknown tag|^unacceptable node kind|^cannot resolve a node|^tag |^undeclared tag|^named tag|^duplication of a tag/, M.yamlTag],
  [/^unidentified alias/, M.yamlAlias],
  [/^duplicated mapping key/, M.yamlDuplicate],
  [/^nesting exceeded/, M.yamlNesting],
  [/^merge keys exceeded|^abnormal merge|^cannot merge/, M.yamlMerge],
  [/^nested arrays are not supported inside keys/, M.yamlListKey],
  [/^the stream contains non-printable/, M.yamlNonPrintable],
  [/^expected the node content/, M.yamlMissing],
];

function parseYaml(file: string, source: string, yaml: typeof import('js-yaml')): unknown {
  try {
    const doc = yaml.load(source, { filename: file, schema: yaml.CORE_SCHEMA });
    checkKeys(file, doc);
    return doc;
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    const e = err as { mark?: { line: number; column: number }; reason?: string };
    const reason = e.reason ?? '';
    // A reason made only of fixed words is shown as it is; one that quotes the file is replaced by its kind.
    const known = YAML_REASONS.find(([re]) => re.test(reason))?.[1];
    const kind = known ? text(known) : /^[a-z][a-z ,;()-]*$/i.test(reason) && !/["'!<>*&]/.test(reason) ? reason : text(M.syntaxError);
    throw syntaxError(file, 'YAML', kind, e.mark ? { line: e.mark.line + 1, column: e.mark.column + 1 } : undefined);
  }
}

/** js-yaml turns a mapping used as a key into the string "[object Object]": refuse it instead of naming a profile so. */
function checkKeys(file: string, doc: unknown, at: string[] = []): void {
  if (typeof doc !== 'object' || doc === null || at.length > 3) return;
  for (const [k, v] of Object.entries(doc)) {
    if (k === '[object Object]') {
      const where = at.length ? text(M.underKey, { path: at.join('.') }) : text(M.topLevel);
      throw new ConfigError(text(M.mappingKey, { file, where }), { details: { config_file: file } });
    }
    checkKeys(file, v, [...at, k]);
  }
}

/** The kinds of JSON problem V8 reports, by its message, said without the text it quotes. */
const JSON_REASONS: [RegExp, Entry][] = [
  [/Unterminated string/i, M.jsonUnterminated],
  [/end of (JSON|data) input|Unexpected end/i, M.jsonEarlyEnd],
  [/Bad control character/i, M.jsonControl],
  [/Bad (escaped character|Unicode escape)/i, M.jsonEscape],
  [/non-whitespace character after JSON/i, M.jsonTrailing],
  [/property name/i, M.jsonKey],
  [/Expected ',' or '}'/i, M.jsonBrace],
  [/Expected ',' or ']'/i, M.jsonBracket],
  [/Expected ':'/i, M.jsonColon],
  [/number|Exponent|fractional/i, M.jsonNumber],
  [/Unexpected token|Unexpected character/i, M.jsonToken],
];

function parseJson(file: string, source: string): unknown {
  try {
    return JSON.parse(source);
  } catch (err) {
    const message = (err as Error).message;
    const kind = text(JSON_REASONS.find(([re]) => re.test(message))?.[1] ?? M.syntaxError);
    // No bad character before the end: the problem is where the source stops.
    throw syntaxError(file, 'JSON', kind, lineColumn(source, jsonErrorOffset(source) ?? source.trimEnd().length));
  }
}

/** `file:line: invalid YAML: <kind> (column C)`: where and what, never the content. */
function syntaxError(file: string, format: string, kind: string | Text, at: { line: number; column: number } | undefined): ConfigError {
  return new ConfigError(text(at ? M.syntaxAt : M.syntax, { file, format, kind, line: at?.line, column: at?.column }), {
    details: { config_file: file, ...(at ? { line: at.line, column: at.column } : {}) },
  });
}

/** 1-based line and column of a character offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
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
