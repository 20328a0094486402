/** `sdrs config init`: writes a profile to ~/.sdrsrc (src/config/init.ts asks for and writes it), then optionally tries it. */
import type { Command } from 'commander';
import { Writable } from 'node:stream';
import type { Context } from '../../context.js';
import type { ConfigInitResult } from '../../config/init.js';
import { ExitCode, SdrsError, type ExitCodeValue } from '../../errors.js';
import { bind, examples, type RunF, type Runner } from '../shared/command.js';
import { result, say, type Result } from '../shared/output.js';
import { say as sayNow } from '../shared/ui.js';
import { language, local, t, text } from '../../i18n/index.js';
import { config as M } from '../../i18n/catalog/config.js';

/** The options of one run (profile, region, project and endpoint come from the global flags). */
export interface InitOptions {
  accessKey?: string;
  secretKeyStdin: boolean;
  /** `--test`: try the profile after writing it (a terminal asks instead); `--no-test`: never. */
  test?: boolean;
}

/** What commander parses. */
interface InitFlags {
  accessKey?: string;
  secretKeyStdin?: boolean;
  test?: boolean;
}

/** `config init`'s flags, help and wiring. */
export function registerInit(config: Command, run: Runner, runF: RunF<InitOptions> = runInit): Command {
  const cmd = config
    .command('init')
    .description('write a profile to ~/.sdrsrc (mode 0600); asks for missing values at a terminal, then offers a test call')
    .option('--access-key <ak>', 'access key id')
    .option('--secret-key-stdin', 'read the secret key from stdin (never pass it as a flag)')
    .option('--test', 'after writing, list protection groups with the profile (exit code of that call if it fails)')
    .option('--no-test', 'do not offer the test call');
  examples(cmd, [
    '$ sdrs config init',
    '$ printf %s "$SK" | sdrs --profile dr config init --region cn-north-4 --project-id 0123... --access-key AK --secret-key-stdin --test',
  ]);
  return bind(cmd, run, (_args, f: InitFlags): InitOptions => ({ accessKey: f.accessKey, secretKeyStdin: f.secretKeyStdin === true, test: f.test }), runF);
}

/** What the test call found. */
export interface ProfileTest {
  ok: boolean;
  /** Protection groups listed (when ok). */
  groups?: number;
  /** The failure as the CLI reported it (code, exit code, message; never a secret). */
  error?: { code: string; exit_code: number; message: string };
}

/** Writes the profile: the summary (secrets masked) with --json, one line on stderr otherwise; then the test call if asked. */
export async function runInit(ctx: Context, o: InitOptions): Promise<Result<ConfigInitResult & { test?: ProfileTest }>> {
  const { runConfigInit } = await import('../../config/init.js');
  const written = await runConfigInit({
    io: ctx.io,
    env: ctx.env,
    homeDir: ctx.homeDir,
    canPrompt: ctx.io.canPrompt,
    warn: (line) => sayNow(ctx, t(M.warning, { line }), 'warn'),
    flags: {
      profile: ctx.globals.profile,
      region: ctx.globals.region,
      projectId: ctx.globals.projectId,
      endpoint: ctx.globals.endpoint,
      accessKey: o.accessKey,
      secretKeyStdin: o.secretKeyStdin,
    },
  });
  const line = t(written.added ? M.profileAdded : M.profileUpdated, { profile: written.profile, file: written.file });
  const wanted = o.test ?? (ctx.io.canPrompt ? (sayNow(ctx, line), await ctx.prompter.confirm(t(M.testNow, { profile: written.profile }), true)) : false);
  if (!wanted) return result(written, say(line));
  const test = await testProfile(ctx, written.profile);
  const data = { ...written, test };
  const shown = o.test === undefined ? [] : [say(line)];
  if (test.ok) return result(data, ...shown, say(t(M.testOk, { profile: written.profile, count: test.groups }), 'ok'));
  const e = test.error!;
  const failed = new SdrsError(e.code, e.exit_code as ExitCodeValue, text(M.testFailed, { profile: written.profile, message: e.message }), {
    hint: text(M.testCheck, { profile: written.profile }),
  });
  // Asked for at a terminal: said, and the run still succeeds (the profile is written). With --test: the call's exit code.
  if (o.test === undefined) return result(data, ...shown, say(t(M.testFailedLine, { message: local(failed.text), hint: failed.hintText ? local(failed.hintText) : '' }), 'bad'));
  return { ...result(data, ...shown), error: failed };
}

/** Lists the groups with the profile, as a separate run of sdrs (the same loading, signing and error reporting). */
async function testProfile(ctx: Context, profile: string): Promise<ProfileTest> {
  let stdout = '';
  let stderr = '';
  const sink = (add: (s: string) => void) => new Writable({ write(chunk, _enc, cb) { add(String(chunk)); cb(); } });
  // The run's own --proxy and --ca-bundle apply to the test call too (a new profile is often tried behind a proxy).
  const network = [
    ...(ctx.globals.proxy !== undefined ? ['--proxy', ctx.globals.proxy] : []),
    ...(ctx.globals.caBundle !== undefined ? ['--ca-bundle', ctx.globals.caBundle] : []),
  ];
  const code = await ctx.runSdrs(['--json', '--no-input', ...network, '--profile', profile, 'group', 'list'], {
    stdin: ctx.io.in, stdout: sink((s) => (stdout += s)), stderr: sink((s) => (stderr += s)),
    // In this run's language: main() sets the language of every run it starts.
    env: { ...ctx.env, SDRS_LANG: language() }, cwd: ctx.cwd, homeDir: ctx.homeDir, clock: ctx.clock, handleSignals: false, signal: ctx.signal,
  });
  if (code === ExitCode.OK) {
    try {
      const list: unknown = JSON.parse(stdout);
      if (Array.isArray(list)) return { ok: true, groups: list.length };
    } catch {
      // Reported below.
    }
    return { ok: false, error: { code: 'BAD_RESPONSE', exit_code: ExitCode.UNREACHABLE, message: 'the group listing could not be read' } };
  }
  // --json: the error document is the last line on stderr (warnings, if any, come before it).
  const last = stderr.trim().split('\n').pop() ?? '';
  try {
    const e = (JSON.parse(last) as { error?: { code?: unknown; message?: unknown } }).error;
    if (e && typeof e.code === 'string' && typeof e.message === 'string') return { ok: false, error: { code: e.code, exit_code: code, message: e.message } };
  } catch {
    // Reported below.
  }
  return { ok: false, error: { code: 'INTERNAL', exit_code: code, message: `exit ${code}` } };
}
