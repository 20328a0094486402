/**
 * The short note on logging in to servers at the new production site (seed 001; full text in
 * docs/commands.md). Printed at most once per run (a run that moves several groups, or the demo's
 * steps, which share its stderr), and never with SDRS_NO_LOGIN_NOTE=1 (CI logs); the "start the
 * servers" line is a next step, not part of the note, and is always printed.
 */
import type { Station } from '../../api/types.js';
import type { Context } from '../../context.js';
import { say, type Block } from './output.js';

/** The lines of the note itself (after the next-step line). */
const NOTE = [
  'Logging in after a switchover (full note: docs/commands.md, "Logging in to the servers after a switchover"):',
  '  - Windows with Cloudbase-Init, first switchover: for 3-5 minutes after a DR-site server starts (before',
  '    Cloudbase-Init runs) the production password, or the key-pair password obtained for the production server,',
  '    still works. Then reset the password on the DR-site server (key pair: use the password obtained for it).',
  '    After switching back, log in to production with that DR-site password (or one changed inside the DR server).',
  '  - Windows without Cloudbase-Init, and Linux: the production password (key pair: the password obtained for',
  '    the production server) works at both sites. CoreOS: a password changed inside the server after the',
  '    switchover applies at the DR site; after switching back, use the initial password.',
];

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
    ...(servers === 'said' ? [] : [servers === 'started'
      ? `The servers at the new production site (${to}) were started.`
      : `Next: start the servers at the new production site (${to}); they are not started automatically.`]),
    ...(withNote ? NOTE : []),
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
