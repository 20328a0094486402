/** `sdrs config init`: writes a profile to ~/.sdrsrc (src/config/init.ts asks for and writes it). */
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { ConfigInitResult } from '../../config/init.js';
import { bind, examples, type RunF, type Runner } from '../shared/command.js';
import { result, say, type Result } from '../shared/output.js';
import { say as sayNow } from '../shared/ui.js';

/** The options of one run (profile, region, project and endpoint come from the global flags). */
export interface InitOptions {
  accessKey?: string;
  secretKeyStdin: boolean;
}

/** What commander parses. */
interface InitFlags {
  accessKey?: string;
  secretKeyStdin?: boolean;
}

/** `config init`'s flags, help and wiring. */
export function registerInit(config: Command, run: Runner, runF: RunF<InitOptions> = runInit): Command {
  const cmd = config
    .command('init')
    .description('write a profile to ~/.sdrsrc (mode 0600); asks for missing values at a terminal')
    .option('--access-key <ak>', 'access key id')
    .option('--secret-key-stdin', 'read the secret key from stdin (never pass it as a flag)');
  examples(cmd, [
    '$ sdrs config init',
    '$ printf %s "$SK" | sdrs --profile dr config init --region cn-north-4 --project-id 0123... --access-key AK --secret-key-stdin',
  ]);
  return bind(cmd, run, (_args, f: InitFlags): InitOptions => ({ accessKey: f.accessKey, secretKeyStdin: f.secretKeyStdin === true }), runF);
}

/** Writes the profile: the summary (secrets masked) with --json, one line on stderr otherwise. */
export async function runInit(ctx: Context, o: InitOptions): Promise<Result<ConfigInitResult>> {
  const { runConfigInit } = await import('../../config/init.js');
  const written = await runConfigInit({
    io: ctx.io,
    env: ctx.env,
    homeDir: ctx.homeDir,
    canPrompt: ctx.io.canPrompt,
    warn: (line) => sayNow(ctx, `warning: ${line}`, 'warn'),
    flags: {
      profile: ctx.globals.profile,
      region: ctx.globals.region,
      projectId: ctx.globals.projectId,
      endpoint: ctx.globals.endpoint,
      accessKey: o.accessKey,
      secretKeyStdin: o.secretKeyStdin,
    },
  });
  return result(written, say(`${written.created ? 'Created' : 'Updated'} profile ${written.profile} in ${written.file} (mode 0600).`));
}
