/**
 * The protection lifecycle in the command tree: `group status|start|stop|failover|delete`,
 * and the `instance` and `pair` nouns. Flags, help and examples only; actions load lazily.
 */
import type { Command } from 'commander';
import { examples, lazy, waitOptions, type Runner } from './define.js';

const DRY_RUN = 'print the exact request (secrets redacted) and send nothing';
const YES = 'do not ask for confirmation (required without a terminal)';

/** Adds status, start, stop, failover and delete under `group`. */
export function registerGroupLifecycle(group: Command, run: Runner): void {
  const action = (verb: 'start' | 'stop' | 'failover' | 'delete') =>
    lazy(run, async () => (await import('./group/action.js')).groupActionCommand(verb));

  examples(
    group
      .command('status')
      .description('one screen: production side, replication, servers and their power, pair fault levels, what can be done next')
      .argument('<group>', 'group id or exact, unique name')
      .option('--watch', 'refresh until Ctrl-C (which exits 0)')
      .option('--interval <duration>', 'with --watch: refresh interval, at least 1s (default: 5s)'),
    [
      '$ sdrs group status erp',
      '$ sdrs group status erp --watch --interval 10s',
      '$ sdrs group status erp --json | jq -r ".next.failover.allowed"',
      "$ sdrs group status erp --json | jq -r '.pairs[] | select(.fault != \"none\") | \"\\(.name) \\(.fault_level)\"'",
    ],
  ).action(lazy(run, async () => (await import('./group/status.js')).statusCommand));

  examples(
    waitOptions(
      group
        .command('start')
        .description('enable protection and wait until protected; after a failover this re-protects (asks first)')
        .argument('<group>', 'group id or exact, unique name')
        .option('-y, --yes', 're-protect without asking (required without a terminal)')
        .option('--dry-run', DRY_RUN),
    ),
    ['$ sdrs group start erp', '$ sdrs group start erp --yes --json | jq -r .status'],
  ).action(action('start'));

  examples(
    waitOptions(
      group
        .command('stop')
        .description('disable protection (replication stops) and wait until available')
        .argument('<group>', 'group id or exact, unique name')
        .option('-y, --yes', YES)
        .option('--dry-run', DRY_RUN),
    ),
    ['$ sdrs group stop erp --yes', '$ sdrs group stop erp --yes --json | jq -r .status'],
  ).action(action('stop'));

  examples(
    waitOptions(
      group
        .command('failover')
        .description('unplanned failover after losing the production site: production moves to the DR site, replication stops')
        .argument('<group>', 'group id or exact, unique name')
        .option('-y, --yes', 'do not ask (a terminal asks you to type the group name)')
        .option('--confirm <name>', 'confirm by naming the group (the scripted form of typing it)')
        .option('--skip-checks', 'skip the checks (status, pairs, fault levels); the service still enforces its rules')
        .option('--dry-run', 'run the checks, print the exact request and send nothing'),
    ),
    [
      '$ sdrs group failover erp',
      '$ sdrs group failover erp --confirm erp --json | jq -r .priority_station',
      '$ sdrs group status erp --json | jq -e .next.failover.advised && sdrs group failover erp --yes',
    ],
  ).action(action('failover'));

  examples(
    waitOptions(
      group
        .command('delete')
        .description('delete an empty protection group (remove its instances and pairs first)')
        .argument('<group>', 'group id or exact, unique name')
        .option('-y, --yes', YES)
        .option('--dry-run', DRY_RUN),
    ),
    ['$ sdrs group delete erp', '$ sdrs group delete erp --yes || echo "not deleted: exit $?"'],
  ).action(action('delete'));
}

/** Adds the `instance` and `pair` nouns. */
export function registerChildren(program: Command, run: Runner): void {
  const instance = program.command('instance').description('protected instances: the servers a group protects (a DR server is created for each)');
  const inst = async () => import('./instance.js');
  examples(
    waitOptions(
      instance
        .command('add')
        .description('protect a server at the group\'s production site and wait until its DR server exists')
        .argument('<group>', 'group id or exact, unique name')
        .option('--server <id-or-name>', 'the production server (see: sdrs server list)')
        .option('--name <name>', 'instance name (default: the server name)')
        .option('--description <text>', 'description, at most 64 bytes, without < or >')
        .option('--az <az>', "resolve the server name in this AZ (default: the group's production AZ)")
        .option('--dry-run', DRY_RUN),
    ),
    ['$ sdrs instance add erp --server erp-app-01', '$ pi=$(sdrs instance add erp --server erp-app-01 --json | jq -r .id)'],
  ).action(lazy(run, async () => (await inst()).instanceAddCommand));
  examples(
    instance.command('list').description('list protected instances (all pages), of one group or all').argument('[group]', 'group id or exact, unique name'),
    ['$ sdrs instance list erp', '$ sdrs instance list erp --json | jq -r ".[] | select(.status == \\"invalid\\") | .name"'],
  ).action(lazy(run, async () => (await inst()).instanceListCommand));
  examples(
    waitOptions(
      instance
        .command('remove')
        .description('stop protecting a server: attached pairs are detached (not deleted); the DR server is kept unless asked')
        .argument('<instance>', 'protected instance id or exact, unique name')
        .option('--delete-target-server', 'also delete the DR server')
        .option('--delete-target-eip', "also release the DR server's elastic IP (delete_target_eip)")
        .option('-y, --yes', YES)
        .option('--dry-run', DRY_RUN),
    ),
    ['$ sdrs instance remove erp-app-01 --yes', '$ sdrs instance remove erp-app-01 --delete-target-server --yes || echo "exit $?"'],
  ).action(lazy(run, async () => (await inst()).instanceRemoveCommand));

  const pair = program.command('pair').description('replication pairs: a production disk and its DR copy, attached to a protected instance');
  const pairs = async () => import('./pair.js');
  examples(
    waitOptions(
      pair
        .command('add')
        .description('replicate a production disk (a DR disk is created) and wait until the pair exists')
        .argument('<group>', 'group id or exact, unique name')
        .option('--volume <id>', 'the production disk (EVS volume id)')
        .option('--name <name>', 'pair name (default: rp- and the first 8 characters of the volume id)')
        .option('--dry-run', DRY_RUN),
    ),
    ['$ sdrs pair add erp --volume 5a1c... --name erp-app-01-data', '$ rp=$(sdrs pair add erp --volume "$VOL" --json | jq -r .id)'],
  ).action(lazy(run, async () => (await pairs()).pairAddCommand));
  examples(
    pair.command('list').description('list replication pairs (all pages) with their fault level, of one group or all').argument('[group]', 'group id or exact, unique name'),
    ['$ sdrs pair list erp', '$ sdrs pair list erp --json | jq -r \'.[] | select(.fault_level != "0") | .name\''],
  ).action(lazy(run, async () => (await pairs()).pairListCommand));
  examples(
    waitOptions(
      pair
        .command('attach')
        .description('attach a pair to a protected instance as a device and wait')
        .argument('<pair>', 'replication pair id or exact, unique name')
        .option('--instance <instance>', 'protected instance id or exact, unique name')
        .option('--device <device>', 'device name on the server: /dev/vda (system disk), /dev/vdb, ... (or /dev/sdX)')
        .option('--dry-run', DRY_RUN),
    ),
    ['$ sdrs pair attach erp-app-01-data --instance erp-app-01 --device /dev/vdb', '$ sdrs pair attach "$rp" --instance "$pi" --device /dev/vdb --json | jq -r .status'],
  ).action(lazy(run, async () => (await pairs()).pairAttachCommand));
  examples(
    waitOptions(
      pair
        .command('detach')
        .description('detach a pair from its protected instance and wait (a system disk needs the server stopped)')
        .argument('<pair>', 'replication pair id or exact, unique name')
        .option('--dry-run', DRY_RUN),
    ),
    ['$ sdrs pair detach erp-app-01-data || echo "exit $?"'],
  ).action(lazy(run, async () => (await pairs()).pairDetachCommand));
  examples(
    waitOptions(
      pair
        .command('remove')
        .description('delete a pair (the service refuses an attached one: --detach detaches it first)')
        .argument('<pair>', 'replication pair id or exact, unique name')
        .option('--detach', 'if attached, detach it first (and wait) before deleting')
        .option('--delete-target-volume', 'also delete the DR disk')
        .option('-y, --yes', YES)
        .option('--dry-run', 'print the exact request(s) (secrets redacted) and send nothing'),
    ),
    ['$ sdrs pair remove erp-app-01-data --detach --yes', '$ sdrs pair remove erp-app-01-data --yes; [ $? -eq 3 ] && echo "still attached?"'],
  ).action(lazy(run, async () => (await pairs()).pairRemoveCommand));
}
