/**
 * Pre-flight checks before a reverse, shown as a checklist on stderr. Each
 * failure says what to do about it. Rules: seed 001 and reference 4.1; the
 * status check is a view of the one table in api/rules.ts.
 */
import type { Context } from '../../context.js';
import type { SdrsApi } from '../../api/client.js';
import type { ProtectedInstance, ServerGroup, Station } from '../../api/types.js';
import { ALLOWED_FROM, allowedFrom, statusRefusal } from '../../api/rules.js';
import { PreconditionError } from '../../errors.js';
import { azOf, refOf } from '../shared/sites.js';
import { readServers, runningAt, serverAt } from '../shared/snapshot.js';
import { mark, say } from '../shared/ui.js';

/** The outcome of the checks. */
export interface PreflightReport {
  ok: boolean;
  /** One short phrase per failed check. */
  failures: string[];
  /** Machine-readable names of the failed checks. */
  failedChecks: string[];
  /** What to do, one sentence per failure. */
  hints: string[];
  instanceCount: number;
  /** Servers at the current production site that are still running. */
  running: { id: string; name: string; instance: string }[];
}

/** Options of runPreflight. */
export interface PreflightOptions {
  /** No checklist on stderr. */
  quiet?: boolean;
  /** `--stop-servers`: running production servers will be stopped first, so they do not fail the checks. */
  stopServers?: boolean;
}

/** Runs every check (it does not stop at the first failure, so the operator sees them all). */
export async function runPreflight(ctx: Context, api: SdrsApi, group: ServerGroup, to: Station, opts: PreflightOptions = {}): Promise<PreflightReport> {
  const report: PreflightReport = { ok: true, failures: [], failedChecks: [], hints: [], instanceCount: 0, running: [] };
  const write = (text: string) => {
    if (!opts.quiet) say(ctx, text);
  };
  const line = (ok: boolean, text: string) => write(`  ${mark(ctx, ok)} ${text}`);
  const fail = (check: string, failure: string, hint: string) => {
    report.ok = false;
    report.failures.push(failure);
    report.failedChecks.push(check);
    report.hints.push(hint);
  };
  write(`Pre-flight checks for reversing ${group.name} to ${to} (${azOf(group, to)}):`);
  line(true, `group exists: ${group.name} (${group.id})`);

  const statusOk = allowedFrom('reverse', group.status);
  line(statusOk, `status is ${ALLOWED_FROM.reverse.join(' or ')} (now: ${group.status})`);
  const refusal = statusRefusal('reverse', group, refOf(group));
  if (refusal) fail('status', `status is ${group.status}`, sentence(refusal));

  const [pairs, instances] = await Promise.all([
    api.listAllReplications({ server_group_id: group.id }),
    api.listAllInstances({ server_group_id: group.id }),
  ]);
  report.instanceCount = instances.length;
  line(pairs.length > 0, `has replication pairs (${pairs.length})`);
  if (pairs.length === 0) {
    fail('replication_pairs', 'the group has no replication pairs', 'Add a replication pair to the group and start protection before reversing.');
  }

  const invalid = instances.filter((i) => i.status === 'invalid');
  line(invalid.length === 0, `no protected instance is invalid${invalid.length ? ` (invalid: ${invalid.map((i) => `${i.name} ${i.id}`).join(', ')})` : ''}`);
  if (invalid.length > 0) {
    fail(
      'invalid_instances',
      `${invalid.length} protected instance(s) are invalid`,
      'An instance is invalid when one of its servers was deleted outside SDRS; a reverse would fail. Remove those protected instances first.',
    );
  }

  const from = group.priority_station;
  const running = await runningProductionServers(api, group, instances);
  report.running = running;
  const names = running.map((s) => `${s.name} ${s.id}`).join(', ');
  if (opts.stopServers && running.length > 0) {
    line(true, `servers at the current production site ${azOf(group, from)} (${from}): ${running.length} running, stopped first (--stop-servers): ${names}`);
    return report;
  }
  line(
    running.length === 0,
    `every server at the current production site ${azOf(group, from)} (${from}) is stopped` + (running.length ? ` (running: ${names})` : ` (${instances.length})`),
  );
  if (running.length > 0) {
    fail(
      'servers_running',
      `${running.length} production server(s) still running: ${running.map((s) => `${s.name} (${s.id})`).join(', ')}`,
      `Stop them first (sdrs server stop ${running.map((s) => s.id).join(' ')} --yes), then run the reverse again; or let the reverse do it: --stop-servers --start-servers.`,
    );
  }
  return report;
}

/** Runs the checks and throws PREFLIGHT_FAILED (exit 3, nothing sent) if any failed. */
export async function preflightOrThrow(ctx: Context, api: SdrsApi, group: ServerGroup, to: Station, opts: PreflightOptions = {}): Promise<PreflightReport> {
  const report = await runPreflight(ctx, api, group, to, opts);
  if (!report.ok) {
    throw new PreconditionError('PREFLIGHT_FAILED', `pre-flight checks failed for group ${group.name}: ${report.failures.join('; ')}`, {
      hint: report.hints.join(' '),
      details: { group_id: group.id, group: group.name, failed_checks: report.failedChecks },
    });
  }
  return report;
}

/** A refusal from the rules as a hint sentence. */
const sentence = (s: string) => s.charAt(0).toUpperCase() + s.slice(1) + '.';

async function runningProductionServers(api: SdrsApi, group: ServerGroup, instances: ProtectedInstance[]): Promise<PreflightReport['running']> {
  const from = group.priority_station;
  const servers = await readServers(api, instances.map((i) => serverAt(i, from)));
  // A deleted server (null) is the invalid-instance check's business, not a crash here.
  return runningAt({ group, instances, pairs: [], servers }, from).map((r) => ({ id: r.server.id, name: r.server.name, instance: r.instance.name }));
}
