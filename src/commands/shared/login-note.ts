/** The short note on logging in to servers at the new production site (seed 001; full text in docs/commands.md). */
import type { Station } from '../../api/types.js';

/** After a reverse or failover: start the servers (unless done), then how passwords behave. */
export function loginNote(to: Station, servers: 'not-started' | 'started' | 'said' = 'not-started'): string {
  return [
    ...(servers === 'said' ? [] : [servers === 'started'
      ? `The servers at the new production site (${to}) were started.`
      : `Next: start the servers at the new production site (${to}); they are not started automatically.`]),
    'Logging in after a switchover (full note: docs/commands.md, "Logging in to the servers after a switchover"):',
    '  - Windows with Cloudbase-Init, first switchover: for 3-5 minutes after a DR-site server starts (before',
    '    Cloudbase-Init runs) the production password, or the key-pair password obtained for the production server,',
    '    still works. Then reset the password on the DR-site server (key pair: use the password obtained for it).',
    '    After switching back, log in to production with that DR-site password (or one changed inside the DR server).',
    '  - Windows without Cloudbase-Init, and Linux: the production password (key pair: the password obtained for',
    '    the production server) works at both sites. CoreOS: a password changed inside the server after the',
    '    switchover applies at the DR site; after switching back, use the initial password.',
  ].join('\n');
}
