/**
 * Entry point: builds a fresh commander program per call and runs it.
 * `main()` is the only place where errors become exit codes.
 */
import { Command, CommanderError, Help, Option, type HelpContext } from 'commander';
import type { Readable } from 'node:stream';
import { homedir } from 'node:os';
import path from 'node:path';
import { closeSync, constants as fsConstants, fstatSync, openSync, readFileSync, statSync } from 'node:fs';
import { setMaxListeners } from 'node:events';
import { ExitCode, InterruptedError, SdrsError, UsageError, stopSignalOf, toSdrsError, type StopSignal } from './errors.js';
import { createIOStreams, type IOStreams } from './io/streams.js';
import { palette } from './io/color.js';
import { safeJson } from './io/output.js';
import { createPrompter } from './io/prompt.js';
import { systemClock, type Context, type MainDeps } from './context.js';
import type { GlobalOptions, ResolvedConfig } from './config/types.js';
import type { SdrsApi } from './api/client.js';
import { TOP_LEVEL, type Runner } from './commands/index.js';
import { VERSION } from './version.js';
import { type Lang, type Text, en, join, language, local, localeLang, parseLang, setLanguage, t, text, verbatim } from './i18n/index.js';
import { core } from './i18n/catalog/core.js';
import { programMsg } from './i18n/catalog/program.js';

export type { MainDeps };

/** Builds the Context for one command run. Expensive parts are lazy. */
export function createContext(deps: MainDeps, globals: GlobalOptions, io: IOStreams, signal: AbortSignal): Context {
  let configP: Promise<ResolvedConfig> | undefined;
  let apiP: Promise<SdrsApi> | undefined;
  const ctx: Context = {
    io,
    prompter: deps.prompter ?? createPrompter({ in: io.in, err: io.err }, signal),
    env: deps.env,
    cwd: deps.cwd,
    homeDir: deps.homeDir,
    globals,
    clock: deps.clock,
    signal,
    debug(line: string) {
      if (globals.debug) io.err.write(palette(io.colorLevel).dim(`[debug] ${line}`) + '\n');
    },
    config() {
      configP ??= import('./config/load.js').then((m) =>
        m.loadConfig({
          globals,
          env: deps.env,
          cwd: deps.cwd,
          homeDir: deps.homeDir,
          warn: (line: string) => io.err.write(palette(io.colorLevel).yellow(`${t(core.warningPrefix)}${line}`) + '\n'),
        }),
      );
      return configP;
    },
    api() {
      apiP ??= (async () => {
        const config = await ctx.config();
        const { createApiClient } = await import('./api/client.js');
        return createApiClient({
          endpoints: config.endpoints,
          projectId: config.projectId,
          profile: config.profile,
          credentials: () => config.credentials(),
          debug: globals.debug ? (line: string) => ctx.debug(line) : undefined,
          signal,
          sleep: (ms: number, s?: AbortSignal) => deps.clock.sleep(ms, s),
          now: () => deps.clock.now(),
          network: config.network,
        });
      })();
      return apiP;
    },
    commandTree: () => buildProgram(async () => undefined, undefined, { full: true }),
    // A nested run chooses its own language; the outer run's is put back after it.
    runSdrs: async (argv, d) => {
      const outer = language();
      try {
        return await main(argv, d);
      } finally {
        setLanguage(outer);
      }
    },
  };
  return ctx;
}

/** Reads the global flags from argv before commander runs, so even a parse error honours --json and --no-color. */
function preScan(argv: string[]): { json: boolean; color: boolean; input: boolean } {
  const upto = argv.indexOf('--');
  const args = upto >= 0 ? argv.slice(0, upto) : argv;
  return { json: args.includes('--json'), color: !args.includes('--no-color'), input: !args.includes('--no-input') };
}

/** Global options that take a value: the word after them is not a command name. */
const VALUE_OPTIONS = new Set(['--profile', '--region', '--project-id', '--endpoint', '--note', '--lang', '--proxy', '--ca-bundle']);

/** The value of a global option taking one (`--lang zh-CN`, `--lang=zh-CN`) before any `--`. */
function globalValue(argv: string[], name: string): string | undefined {
  const upto = argv.indexOf('--');
  const args = upto >= 0 ? argv.slice(0, upto) : argv;
  let found: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === name && i + 1 < args.length) found = args[++i];
    else if (args[i].startsWith(name + '=')) found = args[i].slice(name.length + 1);
  }
  return found;
}

/**
 * The language of this run (docs/i18n.md): --lang, then SDRS_LANG, then the locale
 * (LC_ALL, LC_MESSAGES, LANG); `fromLocale` says the locale decided, so the profile's `lang`
 * may still (profileLanguage). A value sdrs does not know in --lang or SDRS_LANG is a usage
 * error (exit 2), reported in English.
 */
export function chooseLanguage(argv: string[], env: NodeJS.ProcessEnv): { lang: Lang; error?: UsageError; fromLocale?: boolean } {
  for (const [origin, value] of [['--lang', globalValue(argv, '--lang')], ['SDRS_LANG', env.SDRS_LANG]] as const) {
    if (value === undefined || value.trim() === '') continue;
    const lang = parseLang(value);
    if (lang) return { lang };
    const shown = /^[A-Za-z0-9_.@-]{1,32}$/.test(value) ? JSON.stringify(value) : '(not repeated)';
    return { lang: 'en', error: new UsageError(en(core.badLang, { origin, value: shown })) };
  }
  return { lang: localeLang(env), fromLocale: true };
}

/** The config file names searched in each directory (src/config/file.ts SEARCH_PLACES). */
const CONFIG_PLACES = ['package.json', '.sdrsrc', '.sdrsrc.json', '.sdrsrc.yaml', '.sdrsrc.yml'];

/**
 * True when a config file in the search path (the working directory up to the home
 * directory, then the home directory: src/config/file.ts searchDirs) has a `lang` key. A
 * stat and a small read per place, no parsing: only then is the configuration loaded
 * before commander runs. Regular files of at most 1 MiB only (a FIFO never blocks).
 */
export function configMentionsLang(cwd: string, homeDir: string): boolean {
  const home = path.resolve(homeDir);
  const dirs: string[] = [];
  for (let dir = path.resolve(cwd); ; ) {
    dirs.push(dir);
    if (dir === home) break;
    const parent = path.dirname(dir);
    if (parent === dir) {
      dirs.push(home);
      break;
    }
    dir = parent;
  }
  for (const dir of dirs) {
    for (const place of CONFIG_PLACES) {
      const file = path.join(dir, place);
      // Most places do not exist: a stat that throws nothing is the cheap way to know.
      if (!statSync(file, { throwIfNoEntry: false })?.isFile()) continue;
      let fd: number | undefined;
      try {
        fd = openSync(file, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK);
        const st = fstatSync(fd);
        if (!st.isFile() || st.size > 1024 * 1024) continue;
        const text = readFileSync(fd, 'utf8');
        // A `lang` key (YAML or JSON); in a package.json only beside an "sdrs" key.
        if (/(?:^|[{,\s])["']?lang["']?\s*:/m.test(text) && (place !== 'package.json' || /"sdrs"\s*:/.test(text))) return true;
      } catch {
        // Missing or unreadable: the real load reports what matters.
      } finally {
        if (fd !== undefined) closeSync(fd);
      }
    }
  }
  return false;
}

/**
 * The profile's `lang` (the profile --profile, SDRS_PROFILE or `default` names), read before
 * commander runs so that help and every message are in it; only when a config file mentions
 * `lang` at all. A file that cannot be loaded says nothing here: the real load reports it.
 */
export async function profileLanguage(argv: string[], deps: Pick<MainDeps, 'env' | 'cwd' | 'homeDir'>): Promise<Lang | undefined> {
  if (!configMentionsLang(deps.cwd, deps.homeDir)) return undefined;
  try {
    const { loadConfig } = await import('./config/load.js');
    const globals: GlobalOptions = { profile: globalValue(argv, '--profile'), json: false, input: false, color: false, debug: false };
    const config = await loadConfig({ globals, env: deps.env, cwd: deps.cwd, homeDir: deps.homeDir, warn: () => undefined });
    const s = config.sources.lang;
    return s?.source === 'config' ? parseLang(String(s.value)) : undefined;
  } catch {
    return undefined;
  }
}

/** The command name argv starts with (after the global options), if any. */
export function commandWord(argv: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') return argv[i + 1];
    if (VALUE_OPTIONS.has(a)) i++;
    else if (!a.startsWith('-')) return a;
  }
  return undefined;
}

/**
 * A command whose help, when shown because no subcommand was given (`sdrs`, `sdrs group`), is
 * shown as asked for: on stdout, exit 0 (commander's default is stderr and exit 1, the "bug" code).
 */
class SdrsCommand extends Command {
  override createCommand(name?: string): Command {
    return new SdrsCommand(name);
  }

  override help(context?: HelpContext | ((str: string) => string)): never {
    const asked = typeof context === 'object' && context.error ? undefined : context;
    return (Command.prototype.help as (this: Command, c?: unknown) => never).call(this, asked);
  }
}

/**
 * `sdrs help <command> [<subcommand>]` is `sdrs <command> [<subcommand>] --help`; `sdrs help`
 * is `sdrs --help`. A word after `help` that names no command is left to commander, which
 * reports it as an unknown command (exit 2) with a suggestion.
 */
export function helpAsFlag(argv: string[]): string[] {
  const word = commandWord(argv);
  if (word !== 'help') return argv;
  const at = argv.indexOf('help');
  const rest = argv.slice(at + 1);
  const next = commandWord(rest);
  if (next !== undefined && !TOP_LEVEL.some((t) => t.name === next)) return [...argv.slice(0, at), ...rest];
  return [...argv.slice(0, at), ...rest, '--help'];
}

/** How the program is built: `full` loads every command (completion, docs); else only the one argv names. */
export interface BuildOptions {
  argv?: string[];
  full?: boolean;
}

/**
 * Builds the program. Only the branch of the tree that argv names is loaded; the
 * other top-level commands are stubs that carry their name and description, so
 * `sdrs --help` and suggestions for a mistyped name still list them all.
 */
export async function buildProgram(
  run: Runner,
  output?: { writeOut(s: string): void; writeErr(s: string): void },
  opts: BuildOptions = { full: true },
): Promise<Command> {
  // Help in Chinese: its settings and the help area of the catalogue, loaded only for a Chinese run (src/i18n/help.ts).
  const zh = language() === 'zh-CN' ? await import('./i18n/help.js') : undefined;
  const program = new SdrsCommand('sdrs')
    .description('Huawei Cloud Storage Disaster Recovery Service (SDRS) for operators: protection groups, switchovers, jobs.')
    .version(VERSION, '-V, --version', 'print the version')
    .addOption(new Option('--profile <name>', 'configuration profile to use (env: SDRS_PROFILE); hcloud:<name> reads a KooCLI profile'))
    .addOption(new Option('--region <region>', 'region, e.g. cn-north-4 (env: SDRS_REGION, HW_REGION_NAME)'))
    .addOption(new Option('--project-id <id>', 'project id (env: SDRS_PROJECT_ID, HUAWEICLOUD_SDK_PROJECT_ID, HW_PROJECT_ID)'))
    .addOption(new Option('--endpoint <url>', 'one endpoint for SDRS, ECS and VPC, e.g. an emulator (env: SDRS_ENDPOINT)'))
    .addOption(new Option('--proxy <url>', 'HTTP proxy for every request, or "none" to go direct (env: HTTPS_PROXY, http_proxy, HTTP_PROXY, NO_PROXY)'))
    .addOption(new Option('--ca-bundle <file>', 'PEM file of CA certificates to trust besides the public ones (also NODE_EXTRA_CA_CERTS)'))
    .option('--json', 'print one JSON document on stdout; errors as JSON on stderr')
    .option('--no-input', 'never prompt; fail with exit 2 naming the missing flag')
    .option('--no-color', 'disable colour (also NO_COLOR)')
    .option('--debug', 'trace HTTP requests and responses on stderr (secrets redacted)')
    .option('--note <text>', 'a note kept with this operation in the local journal, e.g. a change ticket (docs/journal.md)')
    .option('--no-journal', 'do not record this operation in the local journal (also SDRS_NO_JOURNAL=1)')
    .addOption(new Option('--lang <lang>', 'language of messages and help: en or zh-CN (env: SDRS_LANG; default: from LC_ALL, LC_MESSAGES, LANG)'))
    .helpOption('-h, --help', 'show help')
    .addHelpCommand(false)
    // Every command's help lists the global options too (--json, --profile, ...), and marks
    // the options a command cannot run without (`group reverse --to`) "(required)".
    .configureHelp({
      showGlobalOptions: true,
      optionDescription(option: Option): string {
        const text = Help.prototype.optionDescription.call(this, option);
        return option.mandatory ? `${text} (required)` : text;
      },
      ...zh?.zhHelpConfiguration,
    })
    .showSuggestionAfterError(true)
    .enablePositionalOptions(false);
  // Set before the subcommands are added: commander copies these settings to
  // each subcommand when it is created.
  program.exitOverride();
  if (output) {
    program.configureOutput({
      writeOut: (s) => output.writeOut(s),
      writeErr: (s) => output.writeErr(s),
      // Parse errors are reported by main() like every other error, once.
      outputError: () => undefined,
    });
  }
  program.addHelpText(
    'after',
    `
Exit codes: 0 ok, 1 internal, 2 usage, 3 API rejected, 4 auth/config, 5 job failed,
6 timed out (job still running), 7 service unreachable or outcome unknown,
8 checked and not ready, 9 a --verify command or plan hook failed,
130 interrupted (129 hang-up, 143 SIGTERM).

Examples:
  $ sdrs group create --name erp --domain dom-1 --vpc vpc-1 --json | jq -r .id
  $ sdrs group reverse erp --to target --yes || echo "reverse failed with exit $?"
  $ sdrs emulator --seed demo   # a local SDRS for rehearsals
  $ sdrs help group reverse     # a command's help (also: sdrs group reverse --help)
`,
  );
  const word = opts.full ? undefined : commandWord(opts.argv ?? []);
  const registers = await Promise.all(
    TOP_LEVEL.map((t) => (opts.full || t.name === word ? t.load() : undefined)),
  );
  TOP_LEVEL.forEach((t, i) => {
    const cmd = program.command(t.name).description(t.description);
    const register = registers[i];
    if (register) register(cmd, run);
    else t.stub(cmd);
  });
  zh?.localizeHelp(program);
  return program;
}

/** Stands in for stdin before an action runs (see main). */
const STDIN_NOT_OPENED = { isTTY: false } as unknown as Readable;

/** Runs sdrs with argv (without node and script) and returns the exit code. */
export async function main(argv: string[], partial: Partial<MainDeps> = {}): Promise<number> {
  const deps: MainDeps = {
    // Creating process.stdin costs ~4 ms, so only a running action touches it (`--help` never does).
    get stdin() {
      return partial.stdin ?? process.stdin;
    },
    stdout: partial.stdout ?? process.stdout,
    stderr: partial.stderr ?? process.stderr,
    env: partial.env ?? process.env,
    cwd: partial.cwd ?? process.cwd(),
    homeDir: partial.homeDir ?? partial.env?.HOME ?? homedir(),
    clock: partial.clock ?? systemClock,
    handleSignals: partial.handleSignals ?? true,
    signal: partial.signal,
    prompter: partial.prompter,
  };
  argv = helpAsFlag(argv);
  const pre = preScan(argv);
  const chosen = chooseLanguage(argv, deps.env);
  if (chosen.fromLocale) chosen.lang = (await profileLanguage(argv, deps)) ?? chosen.lang;
  // The language holds for this run only: a nested run (the demo's steps) or the next run in
  // the same process (tests) starts from what was there before.
  const outerLanguage = language();
  setLanguage(chosen.lang);
  // Until an action runs, io only reports parse errors on stderr: stdin is not needed yet.
  let io = createIOStreams({ in: STDIN_NOT_OPENED, out: deps.stdout, err: deps.stderr }, deps.env, pre);

  const controller = new AbortController();
  // Every in-flight request listens on this one signal; 100 concurrent watchers are expected.
  setMaxListeners(0, controller.signal);
  const onExternalAbort = () => controller.abort(deps.signal?.reason ?? 'SIGINT');
  deps.signal?.addEventListener('abort', onExternalAbort, { once: true });
  let interrupts = 0;
  const onSignal = (sig: StopSignal) => () => {
    interrupts += 1;
    if (interrupts > 1) {
      // A second Ctrl-C exits at once, skipping any clean-up (clig.dev).
      process.exit(new InterruptedError('', { signal: sig }).exitCode);
    }
    // After a hang-up the terminal may be gone: a failed write must not replace the exit code.
    if (sig === 'SIGHUP') for (const s of [deps.stdout, deps.stderr]) s.on('error', () => undefined);
    controller.abort(sig);
  };
  // SIGHUP (the terminal or the SSH session went away) stops a watch like Ctrl-C, with the
  // resume line, instead of killing the process silently; exit 129.
  const handlers = (['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map((sig) => [sig, onSignal(sig)] as const);
  if (deps.handleSignals) for (const [sig, h] of handlers) process.on(sig, h);

  const run = async (cmd: Command, action: (ctx: Context) => Promise<void>) => {
    const g = cmd.optsWithGlobals() as Record<string, unknown>;
    const globals: GlobalOptions = {
      profile: g.profile as string | undefined,
      region: g.region as string | undefined,
      projectId: g.projectId as string | undefined,
      endpoint: g.endpoint as string | undefined,
      lang: g.lang as string | undefined,
      json: g.json === true,
      input: g.input !== false,
      color: g.color !== false,
      debug: g.debug === true,
      proxy: g.proxy as string | undefined,
      caBundle: g.caBundle as string | undefined,
    };
    io = createIOStreams({ in: deps.stdin, out: deps.stdout, err: deps.stderr }, deps.env, globals);
    await action(createContext(deps, globals, io, controller.signal));
  };

  const program = await buildProgram(run, { writeOut: (s) => deps.stdout.write(s), writeErr: (s) => deps.stderr.write(s) }, { argv });
  try {
    if (chosen.error) throw chosen.error;
    await program.parseAsync(argv, { from: 'user' });
    return ExitCode.OK;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help, --version, and the help shown when no subcommand was given (SdrsCommand).
      if (err.exitCode === 0 || err.code === 'commander.help') return ExitCode.OK;
      // Never commander's text as it is: it quotes argv, and a pasted secret would be printed back.
      const u = usageMessage(err);
      reportError(io, pre.json, new UsageError(u.message, { hint: u.hint ?? text(programMsg.usageHint) }));
      return ExitCode.USAGE;
    }
    const e = bySignal(toSdrsError(err), controller.signal);
    reportError(io, pre.json, e);
    // The internal-error hint says "re-run with --debug": that is when the stack is shown.
    if (e.exitCode === ExitCode.INTERNAL && err instanceof Error && err.stack && (argv.includes('--debug') || deps.env.SDRS_DEBUG_STACK)) {
      deps.stderr.write(err.stack + '\n');
    }
    return e.exitCode;
  } finally {
    deps.signal?.removeEventListener('abort', onExternalAbort);
    if (deps.handleSignals) for (const [sig, h] of handlers) process.off(sig, h);
    setLanguage(outerLanguage);
  }
}

/**
 * An interruption reported by code that knows only SIGINT and SIGTERM (the transport, the
 * watcher) gets the exit code of the signal that really stopped the run (SIGHUP: 129).
 */
function bySignal(e: SdrsError, signal: AbortSignal): SdrsError {
  if (e.code !== 'INTERRUPTED' || !signal.aborted) return e;
  const sig = stopSignalOf(signal.reason);
  const want = new InterruptedError(e.text, { signal: sig, hint: e.hintText, details: e.details, cause: e });
  return want.exitCode === e.exitCode ? e : want;
}

/** Prints an error on stderr: one line plus an optional hint, or the JSON error document. */
export function reportError(io: IOStreams, json: boolean, err: SdrsError): void {
  if (json) {
    // Details quote the service (job codes, reasons): C1 and bidi characters escaped, the same values.
    io.err.write(safeJson(err.toJSON()) + '\n');
    return;
  }
  // People read the message in this run's language; the JSON document above stays English.
  const p = palette(io.colorLevel);
  io.err.write(p.red(t(core.errorPrefix)) + errorLines(local(err.text)) + '\n');
  if (err.hintText) io.err.write(p.dim(local(err.hintText)) + '\n');
}

/**
 * An error message for people: its lines kept (a failed job and its sub-jobs, a server's
 * multi-line reason), each continuation line indented under "error: ", blank lines dropped.
 * The message is already escaped (SdrsError runs safeText): only newlines remain of the controls.
 */
export function errorLines(message: string): string {
  const [first, ...rest] = message.split('\n').map((l) => l.trimEnd());
  return [first, ...rest.filter((l) => l.trim() !== '').map((l) => `  ${l}`)].join('\n');
}

/** Options that do not exist on purpose, with what to do instead. */
const REFUSED_OPTIONS: Record<string, Text> = {
  '--secret-key': text(programMsg.refusedSecretKey),
};

/** commander's "(Did you mean ...?)" in both languages, or nothing. */
function suggestion(s: string | undefined): Text | string {
  const m = s === undefined ? null : /^\(Did you mean (one of )?([\s\S]*)\?\)$/.exec(s.trim());
  if (!m) return '';
  return m[1] ? text(programMsg.didYouMeanOneOf, { names: m[2] }) : text(programMsg.didYouMean, { name: m[2] });
}

/**
 * A commander parse error as one line that never repeats a value from argv: an unknown
 * option is named without its `=value` (a cluster of short options by its first letter),
 * an unknown command only when it looks like a command name, a rejected value not at all.
 * Both languages: the JSON error document keeps the English.
 */
export function usageMessage(err: CommanderError): { message: Text; hint?: Text } {
  const raw = err.message.replace(/^error: /, '');
  const M = programMsg;
  switch (err.code) {
    case 'commander.unknownOption': {
      const m = /^unknown option '([\s\S]*?)'(\n\(Did you mean [^\n]*\?\))?$/.exec(raw);
      const token = m?.[1] ?? '';
      const name = token.startsWith('--') ? token.split('=')[0] : token.slice(0, 2);
      // sdrs's options are lower-case words: anything else (a pasted key?) is not repeated.
      const ok = /^(?:-[A-Za-z0-9]|--[a-z0-9][a-z0-9-]{0,31})$/.test(name);
      const shown = text(M.unknownOption, { name: ok ? `'${name}'` : M.optionNotRepeated });
      const value = token.length > name.length ? text(M.valueNotRepeated) : '';
      return { message: join([shown, value, suggestion(m?.[2])]), hint: REFUSED_OPTIONS[name] };
    }
    case 'commander.unknownCommand': {
      const m = /^unknown command '([\s\S]*?)'(\n\(Did you mean [^\n]*\?\))?$/.exec(raw);
      const word = m?.[1] ?? '';
      const ok = /^[a-z][a-z0-9-]{0,23}$/.test(word);
      return { message: join([text(M.unknownCommand, { name: ok ? `'${word}'` : M.commandNotRepeated }), suggestion(m?.[2])]) };
    }
    case 'commander.invalidArgument': {
      // "option '--to <side>' argument 'x' is invalid. Allowed choices are ..." without 'x'.
      // A value that looks like a word is named ('tcsh'); anything else is not repeated.
      const word = (v: string) => /^[a-z][a-z0-9-]{0,23}$/.test(v);
      const rest = (r: string | undefined): Text | string => {
        if (!r) return '';
        const choices = /^Allowed choices are ([\s\S]*)\.$/.exec(r);
        return choices ? text(M.allowedChoices, { choices: choices[1] }) : verbatim(`. ${r}`);
      };
      const opt = /^option '([^']*)' (?:argument|value) '([\s\S]*?)' (?:from env '[^']*' )?is invalid\.(?: ([\s\S]*))?$/.exec(raw);
      if (opt) {
        const v = word(opt[2]) ? text(M.invalidOptionValue, { flags: opt[1], value: opt[2] }) : text(M.invalidOptionValueHidden, { flags: opt[1] });
        return { message: join([v, rest(opt[3])]) };
      }
      const arg = /^command-argument value '([\s\S]*?)' is invalid for argument '([^']*)'\.(?: ([\s\S]*))?$/.exec(raw);
      if (arg) {
        const v = word(arg[1]) ? text(M.invalidArgumentValue, { name: arg[2], value: arg[1] }) : text(M.invalidArgumentValueHidden, { name: arg[2] });
        return { message: join([v, rest(arg[3])]) };
      }
      return { message: text(M.invalidValue) };
    }
    case 'commander.missingArgument': {
      const m = /^missing required argument '([^']*)'$/.exec(raw);
      if (m) return { message: text(M.missingArgument, { name: m[1] }) };
      break;
    }
    case 'commander.optionMissingArgument': {
      const m = /^option '([^']*)' argument missing$/.exec(raw);
      if (m) return { message: text(M.optionMissingArgument, { flags: m[1] }) };
      break;
    }
    case 'commander.missingMandatoryOptionValue': {
      const m = /^required option '([^']*)' not specified$/.exec(raw);
      if (m) return { message: text(M.missingMandatoryOption, { flags: m[1] }) };
      break;
    }
    case 'commander.excessArguments': {
      const m = /^too many arguments(?: for '([^']*)')?\. Expected (\d+) arguments? but got (\d+)\.$/.exec(raw);
      if (m) {
        const entry = m[2] === '1' ? M.excessArgumentsOne : M.excessArguments;
        return { message: text(entry, { forCommand: m[1] ? text(M.forCommand, { name: m[1] }) : '', expected: m[2], got: m[3] }) };
      }
      break;
    }
  }
  // The other parse errors name only the command's own flags and counts; still cut to one readable line.
  return { message: verbatim(raw.length > 300 ? `${raw.slice(0, 300)}… (${raw.length} characters)` : raw) };
}
