/**
 * The command tree: flags, help and examples only. Each action loads its
 * module with a dynamic import when it runs, so `sdrs --help` stays fast.
 */
import { Argument, Command, Option } from 'commander';
import { examples, lazy, waitOptions, type Runner } from './define.js';
import { registerChildren, registerGroupLifecycle } from './lifecycle.js';

export type { Runner };

/** Every documented protection group status (reference 4.1). */
export const GROUP_STATUSES = [
  'creating', 'available', 'protected', 'deleting', 'error-deleting', 'error', 'starting',
  'error-starting', 'reprotecting', 'error-reprotecting', 'stopping', 'error-stopping',
  'reversing', 'error-reversing', 'failing-over', 'failed-over', 'error-failing-over',
];

/** Adds every noun and verb to the program. */
export function registerCommands(program: Command, run: Runner): void {
  const group = program
    .command('group')
    .description('protection groups: create, list, show, status, start/stop protection, reverse (switch over), fail over, delete');
  examples(group, ['$ sdrs group list --status protected --json | jq -r ".[].name"']);

  examples(
    waitOptions(
      group
        .command('create')
        .description('create a protection group and wait until it is available')
        .option('--name <name>', 'group name: 1-64 bytes of letters, digits, Chinese characters, . _ -')
        .option('--description <text>', 'description: at most 64 bytes, no < or >')
        .option('--domain <id-or-name>', 'active-active domain (see: sdrs domain list)')
        .option('--source-az <az>', "production AZ (default: the domain's local AZ)")
        .option('--target-az <az>', "DR AZ (default: the domain's remote AZ)")
        .option('--vpc <id>', 'VPC of the production servers')
        .addOption(new Option('--dr-type <type>', 'deployment model').choices(['migration']).default('migration'))
        .option('--dry-run', 'print the exact request (secrets redacted) and send nothing'),
    ),
    [
      '$ sdrs group create --name erp-prod --domain dom-1 --vpc 0f8c... --no-input',
      '$ id=$(sdrs group create --name erp --domain dom-1 --vpc vpc-1 --json | jq -r .id)',
      '$ sdrs group create --name erp --domain dom-1 --vpc vpc-1 --dry-run',
    ],
  ).action(lazy(run, async () => (await import('./group/create.js')).createCommand));

  examples(
    waitOptions(
      group
        .command('reverse')
        .description('switch protection groups over: move production to the DR site (target) or back (source)')
        .argument('[group...]', 'group ids or exact, unique names (several allowed)')
        .addOption(new Option('--to <side>', 'where production runs afterwards').choices(['target', 'source']).makeOptionMandatory())
        .option('--all', 'every group (narrow with --status and --name)')
        .addOption(new Option('--status <status>', 'with --all: only groups in this status').choices(GROUP_STATUSES))
        .option('--name <text>', 'with --all: only groups whose name contains this text')
        .option('--concurrency <n>', 'groups submitted and watched at once (default: 10)')
        .option('-y, --yes', 'do not ask for confirmation (required without a terminal)')
        .option('--skip-checks', 'skip the pre-flight checks (the service still enforces its rules)')
        .option('--stop-servers', 'one group: first stop the servers at the current production site and wait until SHUTOFF')
        .option('--start-servers', 'one group: after the reverse, start the servers at the new production site and wait until ACTIVE')
        .option('--dry-run', 'run the checks, print the exact request(s) and send nothing'),
    ),
    [
      '$ sdrs group reverse erp --to target --yes',
      '$ sdrs group reverse erp --to target --stop-servers --start-servers --yes || echo "switchover stopped: exit $?"',
      '$ sdrs group reverse erp --to source --yes --json | jq -r .priority_station',
      '$ sdrs group reverse erp --to target --yes; [ $? -eq 3 ] && echo "pre-flight failed"',
      '$ sdrs group reverse erp crm hr --to target --yes --json | jq -r \'.[] | "\\(.name) \\(.result)"\'',
      '$ sdrs group reverse --all --status protected --to target --yes --concurrency 20',
    ],
  ).action(lazy(run, async () => (await import('./group/reverse.js')).reverseCommand));

  examples(
    group
      .command('list')
      .description('list protection groups (all pages)')
      .addOption(new Option('--status <status>', 'only groups in this status').choices(GROUP_STATUSES))
      .option('--name <name>', 'only groups whose name contains this text'),
    ['$ sdrs group list', '$ sdrs group list --status error-reversing --json | jq -r ".[].id"'],
  ).action(lazy(run, async () => (await import('./group/list.js')).listCommand));

  examples(
    group.command('show').description('show one protection group').argument('<group>', 'group id or exact, unique name'),
    ['$ sdrs group show erp', '$ sdrs group show erp --json | jq -r .status'],
  ).action(lazy(run, async () => (await import('./group/show.js')).showCommand));

  registerGroupLifecycle(group, run);
  registerChildren(program, run);

  const job = program.command('job').description('asynchronous jobs: show one, or wait for it to finish');
  examples(job.command('show').description('show a job').argument('<job-id>', 'job id'), [
    '$ sdrs job show 0a1b...ff --json | jq -r .status',
  ]).action(lazy(run, async () => (await import('./job/show.js')).jobShowCommand));
  examples(
    job
      .command('wait')
      .description('wait for a job to finish (resume watching from anywhere)')
      .argument('<job-id>', 'job id')
      .option('--timeout <duration>', 'how long to wait: 90s, 10m, 1h; 0 = no limit (default: 30m)')
      .option('--interval <duration>', 'first poll interval (default: 1s)'),
    ['$ sdrs job wait 0a1b...ff --timeout 1h || echo "exit $?"'],
  ).action(lazy(run, async () => (await import('./job/wait.js')).jobWaitCommand));

  const domain = program.command('domain').description('active-active domains (the AZ pairs groups replicate between)');
  examples(domain.command('list').description('list active-active domains'), [
    '$ sdrs domain list --json | jq -r ".[0].id"',
  ]).action(lazy(run, async () => (await import('./domain/list.js')).domainListCommand));

  const server = program.command('server').description('ECS servers: list them, stop or start them around a switchover');
  examples(
    server
      .command('list')
      .description('list ECS servers')
      .option('--az <az>', 'only servers in this availability zone')
      .option('--vpc <id>', 'only servers in this VPC'),
    ['$ sdrs server list --az cn-north-4a', '$ sdrs server list --json | jq -r \'.[] | select(.status == "ACTIVE") | .id\''],
  ).action(lazy(run, async () => (await import('./server.js')).serverListCommand));
  for (const action of ['stop', 'start'] as const) {
    const cmd = server
      .command(action)
      .description(action === 'stop' ? 'stop servers (soft) and wait until they are SHUTOFF' : 'start servers and wait until they are ACTIVE')
      .argument('<server...>', 'server ids or names')
      .option('--az <az>', 'resolve names in this availability zone (a DR server has the same name as its production server)');
    if (action === 'stop') cmd.option('-y, --yes', 'do not ask for confirmation (required without a terminal)');
    examples(waitOptions(cmd), [
      action === 'stop'
        ? '$ sdrs server stop erp-app-01 erp-db-01 --az cn-north-4a --yes --json | jq -r ".[].status"'
        : '$ sdrs server start erp-app-01 --az cn-north-4b || echo "start failed: exit $?"',
    ]).action(lazy(run, async () => (await import('./server.js')).powerCommand(action)));
  }

  const config = program.command('config').description('configuration and credentials');
  examples(config.command('show').description('show the resolved settings and where each came from (secrets masked)'), [
    '$ sdrs config show',
    '$ sdrs --profile dr config show --json | jq -r .region.value',
  ]).action(lazy(run, async () => (await import('./config/show.js')).configShowCommand));
  examples(
    config
      .command('init')
      .description('write a profile to ~/.sdrsrc (mode 0600); asks for missing values at a terminal')
      .option('--access-key <ak>', 'access key id')
      .option('--secret-key-stdin', 'read the secret key from stdin (never pass it as a flag)'),
    [
      '$ sdrs config init',
      '$ printf %s "$SK" | sdrs --profile dr config init --region cn-north-4 --project-id 0123... --access-key AK --secret-key-stdin',
    ],
  ).action(lazy(run, async () => (await import('./config/init.js')).configInitCommand));

  examples(
    program
      .command('demo')
      .description('run a narrated DR drill against an embedded emulator: create, reverse to the DR site, switch back')
      .option('--fast', 'shorten job durations (1s instead of 5s)'),
    ['$ sdrs demo', '$ sdrs demo --fast 2>drill.log; echo "drill exit $?"'],
  ).action(lazy(run, async () => (await import('./demo.js')).demoCommand));

  examples(
    program
      .command('completion')
      .description('print a shell completion script')
      .addArgument(new Argument('<shell>', 'shell').choices(['bash', 'zsh', 'fish'])),
    [
      '$ sdrs completion bash > /etc/bash_completion.d/sdrs',
      '$ sdrs completion zsh > "${fpath[1]}/_sdrs"',
      '$ sdrs completion fish > ~/.config/fish/completions/sdrs.fish',
    ],
  ).action(lazy(run, async () => (await import('./completion.js')).completionCommand));

  examples(
    program
      .command('emulator')
      .description('run a local SDRS emulator (same routes, signatures, state machines and job timing) for rehearsals')
      .option('--host <host>', 'address to bind (anything but loopback prints a warning)', '127.0.0.1')
      .option('--port <port>', 'port; 0 takes a free one', '8443')
      .option('--state <file>', 'save the world to this file on every change and load it on start')
      .addOption(new Option('--seed <seed>', 'initial world').choices(['empty', 'demo']).default('empty'))
      .option('--job-duration <duration>', 'how long each job runs', '3s')
      .option('--faults <spec>', 'inject faults, e.g. 5xx=0.05,429=0.05,reset=0.02,latency=200ms,rps=20')
      .option('--fault-seed <n>', 'seed for fault randomness, to replay a failing run')
      .option('--ak <ak>', 'access key the emulator accepts')
      .option('--sk <sk>', 'secret key the emulator accepts'),
    [
      '$ sdrs emulator --seed demo',
      '$ sdrs emulator --port 0 --json > emu.json & sleep 1; export SDRS_ENDPOINT=$(jq -r .url emu.json)',
    ],
  ).action(lazy(run, async () => (await import('./emulator.js')).emulatorCommand));
}
