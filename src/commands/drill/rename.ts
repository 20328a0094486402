/** `sdrs drill rename <drill> <new-name>`: a synchronous change (the answer is the drill), sent once. */
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { DisasterRecoveryDrill } from '../../api/types.js';
import { UnknownOutcomeError, UsageError, safeLine } from '../../errors.js';
import { nameProblem, printable, requireName, requireRef } from '../../validate.js';
import { bind, DRY_RUN, examples, type RunF, type Runner } from '../shared/command.js';
import { out, result, say, type Result } from '../shared/output.js';
import { dryRun, nothingToDo, sendOrFollow, type Reconciled } from '../shared/mutation.js';
import { pickDrill } from './common.js';
import type { DrillFollow } from './submit.js';
import { en, t, text } from '../../i18n/index.js';
import { drillMsg as M } from '../../i18n/catalog/drill.js';

/** The options of one run. */
export interface RenameOptions {
  /** Asked for at a terminal when undefined. */
  drill?: string;
  /** Asked for at a terminal when undefined. */
  name?: string;
  dryRun: boolean;
}

/** What commander parses. */
interface RenameFlags {
  dryRun?: boolean;
}

/** Arguments to options (exit 2 on bad values). */
export function parseRename(args: string[], f: RenameFlags): RenameOptions {
  return {
    drill: args[0] === undefined ? undefined : requireRef('drill', args[0]),
    name: args[1] === undefined ? undefined : requireName('new name', args[1]),
    dryRun: f.dryRun === true,
  };
}

/** `drill rename`'s arguments, help and wiring. */
export function registerRename(drill: Command, run: Runner, runF: RunF<RenameOptions> = runRename): Command {
  const cmd = drill
    .command('rename')
    .description('rename a DR drill')
    .argument('[drill]', 'drill id or exact, unique name (asked for at a terminal)')
    .argument('[new-name]', 'the new name: 1-64 bytes of letters, digits, Chinese characters, . _ - (asked for at a terminal)')
    .option('--dry-run', DRY_RUN);
  examples(cmd, ['$ sdrs drill rename drill-20261130-115900 erp-q4-rehearsal', '$ sdrs drill rename "$id" erp-audit-2026 --json | jq -r .name']);
  return bind(cmd, run, parseRename, runF);
}

/** Renames the drill; the result is the drill as the service answered. */
export async function runRename(ctx: Context, o: RenameOptions): Promise<Result> {
  if (o.name === undefined && !ctx.io.canPrompt) throw new UsageError(text(M.missingNewName));
  const api = await ctx.api();
  const d = await pickDrill(ctx, api, o.drill, 'rename');
  const name = o.name ?? (await ctx.prompter.text(t(M.newNamePrompt, { drill: safeLine(d.name) }), { required: true, validate: (v) => (nameProblem(v) ? t(M.nameProblem, { problem: nameProblem(v) }) : true) }));
  if (name === d.name) return nothingToDo(text(M.alreadyNamed, { id: d.id, name: printable(name) }), d);
  if (o.dryRun) return dryRun(await api.prepareRenameDrill(d.id, name));
  let renamed: DisasterRecoveryDrill | undefined;
  const sent = await sendOrFollow<{ job_id: string }, DrillFollow>(ctx, {
    operation: `Renaming DR drill ${safeLine(d.name)} to ${name}`,
    operationText: text(M.opRenaming, { drill: safeLine(d.name), name }),
    // Synchronous: no job. The pipeline's send-once and reconcile still apply.
    send: async () => {
      renamed = await api.renameDrill(d.id, name);
      return { job_id: '' };
    },
    checkHint: `sdrs drill show ${d.id}`,
    details: { drill_id: d.id },
    reconcile: async (err): Promise<Reconciled<DrillFollow>> => {
      const now = await api.getDrill(d.id);
      if (now.name === name) return { kind: 'accepted', seen: en(M.seenRenamed), seenText: text(M.seenRenamed), follow: { drillId: d.id } };
      return new UnknownOutcomeError(text(M.renameUnknown, { message: err.text, name: printable(now.name) }), { hint: text(M.renameCheck, { id: d.id }), details: { ...err.details, drill_id: d.id }, cause: err });
    },
  });
  sent.record.state = 'done';
  const after = renamed ?? (await api.getDrill(d.id));
  return result(after, say(t(M.renamed, { id: d.id, from: safeLine(d.name), to: safeLine(after.name) }), 'ok'), out(after.id));
}
