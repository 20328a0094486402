/**
 * The short note on logging in to servers at the new production site (seed 001; full text in
 * docs/commands.md). Printed at most once per run (a run that moves several groups, or the demo's
 * steps, which share its stderr), and never with SDRS_NO_LOGIN_NOTE=1 (CI logs); the "start the
 * servers" line is a next step, not part of the note, and is always printed.
 */
import type { Station } from '../../api/types.js';
import type { Context } from '../../context.js';
import { say, type Block } from './output.js';
import { t } from '../../i18n/index.js';
import { pipeline as M } from '../../i18n/catalog/pipeline.js';


/** The stderr streams the note was printed on: once per run, even when a run calls main() again (the demo). */
const shownOn = new WeakSet<object>();

/** True when SDRS_NO_LOGIN_NOTE is set to anything but "", "0" or "false". */
export function loginNoteDisabled(env: NodeJS.ProcessEnv): boolean {
  const v = env.SDRS_NO_LOGIN_NOTE?.trim().toLowerCase();
  return v !== undefined && v !== '' && v !== '0' && v !== 'false';
}

/** After a reverse or failover: start the servers (unless done), then how passwords behave. */
export function loginNote(to: Station, servers: 'not-started' | 'started' | 'said' = 'not-started', withNote = true): string {
  return [
    ...(servers === 'said' ? [] : [t(servers === 'started' ? M.serversStarted : M.startServers, { to })]),
    ...(withNote ? [t(M.loginNote)] : []),
  ].join('\n');
}

/**
 * The note as result blocks for this run: the next-step line, and the login note unless it was
 * already printed on this run's stderr or SDRS_NO_LOGIN_NOTE turns it off (then nothing more).
 */
export function loginNoteBlocks(ctx: Context, to: Station, servers: 'not-started' | 'started' | 'said' = 'not-started'): Block[] {
  const withNote = !loginNoteDisabled(ctx.env) && !shownOn.has(ctx.io.err) && !ctx.globals.json;
  if (withNote) shownOn.add(ctx.io.err);
  const text = loginNote(to, servers, withNote);
  return text ? [say(text)] : [];
}
