/**
 * The `group status` document: the group, where production runs, replication,
 * every instance with both servers' power state, every pair with its fault
 * level (api/rules.ts faultMeaning), and what can be done next (rules.ts, a
 * view of api/rules.ts). Rendered as JSON or as text.
 */
import type { SdrsApi } from '../../api/client.js';
import type { ProtectedInstance, Replication, Server, ServerGroup, Station } from '../../api/types.js';
import { faultMeaning, type FaultMeaning } from '../../api/rules.js';
import { formatTable } from '../../io/output.js';
import { serverAz } from '../shared/resolve.js';
import { azOf, otherSide } from '../shared/sites.js';
import { loadSnapshot, serverAt, type Snapshot } from '../shared/snapshot.js';
import { assess, type Advice, type NextSteps } from './rules.js';

/** A server as the status view shows it; `status` is `NOT_FOUND` when it no longer exists. */
export interface ServerState {
  id: string;
  name: string | null;
  status: string;
  availability_zone: string | null;
}

/** The `group status --json` document. */
export interface StatusDocument {
  group: ServerGroup;
  production: { station: Station; availability_zone: string };
  dr_site: { station: Station; availability_zone: string };
  replication: { status: string | null; progress: number; pairs_by_status: Record<string, number> };
  instances: (ProtectedInstance & { production_server: ServerState | null; dr_server: ServerState | null })[];
  pairs: (Replication & { fault: FaultMeaning })[];
  next: NextSteps;
  /** When this was read (ISO 8601). */
  read_at: string;
}

function serverState(s: Snapshot, id: string): ServerState | null {
  if (!id) return null;
  const server: Server | null | undefined = s.servers.get(id);
  if (!server) return { id, name: null, status: 'NOT_FOUND', availability_zone: null };
  return { id, name: server.name, status: server.status, availability_zone: serverAz(server) };
}

/** Builds the document from a snapshot read with the servers of both sites. */
export function statusDocument(s: Snapshot, now: number): StatusDocument {
  const g = s.group;
  const prod = g.priority_station;
  const dr = otherSide(prod);
  const byStatus: Record<string, number> = {};
  for (const p of s.pairs) byStatus[p.replication_status ?? 'unknown'] = (byStatus[p.replication_status ?? 'unknown'] ?? 0) + 1;
  const kinds = Object.keys(byStatus);
  const progress = s.pairs.length ? Math.min(...s.pairs.map((p) => p.progress ?? 0)) : (g.progress ?? 0);
  return {
    group: g,
    production: { station: prod, availability_zone: azOf(g, prod) },
    dr_site: { station: dr, availability_zone: azOf(g, dr) },
    replication: { status: g.replication_status ?? (kinds.length === 1 ? kinds[0] : kinds.length ? 'mixed' : null), progress, pairs_by_status: byStatus },
    instances: s.instances.map((pi) => ({ ...pi, production_server: serverState(s, serverAt(pi, prod)), dr_server: serverState(s, serverAt(pi, dr)) })),
    pairs: s.pairs.map((p) => ({ ...p, fault: faultMeaning(p.fault_level) })),
    next: assess(s),
    read_at: new Date(now).toISOString(),
  };
}

/** Reads everything the view needs: the group by id, its children, the servers of both sites. */
export async function readStatus(api: SdrsApi, groupId: string, now: () => number): Promise<StatusDocument> {
  const group = await api.getGroup(groupId);
  return statusDocument(await loadSnapshot(api, group, 'both'), now());
}

/** How the view prints each fault meaning (wording only; the meaning is api/rules.ts faultMeaning). */
const FAULT_TEXT: Record<FaultMeaning, string> = {
  none: 'none',
  'failover-advised': 'FAILOVER ADVISED',
  'failover-not-allowed': 'FAILOVER NOT ALLOWED',
  unknown: 'unknown',
};

const ORDER: (keyof NextSteps)[] = ['reverse', 'failover', 'start', 'stop', 'delete'];

function actionTitle(key: keyof NextSteps, n: NextSteps): string {
  if (key === 'reverse') return `reverse to ${n.reverse.to}`;
  if (key === 'start') return n.start.reprotect ? 're-protect' : 'start protection';
  if (key === 'stop') return 'stop protection';
  return key;
}

/** The view as text (no colour: it goes to stdout). */
export function renderStatus(d: StatusDocument): string {
  const g = d.group;
  const instanceName = new Map(d.instances.map((i) => [i.id, i.name]));
  const power = (s: ServerState | null) => (s ? [s.name ?? s.id, s.status] : ['-', '-']);
  const out = [
    `Group:        ${g.name} (${g.id})`,
    `Status:       ${g.status}`,
    `Production:   ${d.production.availability_zone} (${d.production.station})    DR site: ${d.dr_site.availability_zone} (${d.dr_site.station})`,
    `Replication:  ${d.replication.status ?? 'no pairs'} · progress ${d.replication.progress}% · ${d.pairs.length} pair(s), ${d.instances.length} instance(s)`,
    `DR drills:    ${g.disaster_recovery_drill_num ?? 0}${g.disaster_recovery_drill_num ? ` (sdrs drill list --group ${g.id})` : ''}`,
    '',
  ];
  if (d.instances.length) {
    out.push(formatTable(
      ['INSTANCE', 'STATUS', `PRODUCTION SERVER (${d.production.availability_zone})`, 'POWER', `DR SERVER (${d.dr_site.availability_zone})`, 'POWER'],
      d.instances.map((i) => [i.name, i.status, ...power(i.production_server), ...power(i.dr_server)]),
    ), '');
  } else out.push('No protected instances.', '');
  if (d.pairs.length) {
    out.push(formatTable(
      ['PAIR', 'STATUS', 'REPLICATION', 'PROGRESS', 'FAULT LEVEL', 'ATTACHED'],
      d.pairs.map((p) => [
        p.name, p.status, p.replication_status, `${p.progress ?? 0}%`, `${p.fault_level ?? '0'} ${FAULT_TEXT[p.fault]}`,
        p.attachment.map((a) => `${instanceName.get(a.protected_instance) ?? a.protected_instance} ${a.device}`).join(', ') || '-',
      ]),
    ), '');
  } else out.push('No replication pairs.', '');
  out.push('Next:');
  for (const key of ORDER) {
    const a: Advice = d.next[key];
    const advised = key === 'failover' && d.next.failover.advised ? ' (ADVISED)' : '';
    out.push(`  ${a.allowed ? '✔' : '✖'} ${actionTitle(key, d.next)}${advised}${a.allowed ? `: ${a.command}` : ''}`);
    for (const r of a.reasons) out.push(`      - ${r}`);
    for (const note of a.allowed ? a.notes : []) out.push(`      note: ${note}`);
  }
  return out.join('\n');
}
