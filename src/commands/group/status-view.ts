/**
 * The `group status` document: the group, where production runs, replication,
 * every instance with both servers' power state, every pair with its fault
 * level (api/rules.ts faultMeaning), and what can be done next (rules.ts, a
 * view of api/rules.ts). Rendered as JSON or as text.
 */
import type { SdrsApi } from '../../api/client.js';
import type { ProtectedInstance, Replication, Server, ServerGroup, Station } from '../../api/types.js';
import { DR_SERVERS_STOPPED_IN, faultMeaning, groupInProgress, type FaultMeaning } from '../../api/rules.js';
import { layoutTable, type TableStyle } from '../../io/output.js';
import type { Palette } from '../../io/color.js';
import { safeLine } from '../../errors.js';
import { paint, statusTone } from '../shared/output.js';
import { serverAz } from '../shared/resolve.js';
import { azOf, otherSide } from '../shared/sites.js';
import { loadSnapshot, runningAt, serverAt, type Snapshot } from '../shared/snapshot.js';
import { assess, type Advice, type NextSteps } from './rules.js';
import { groupDrillSource, readReadiness, verdictLines, type GroupReadiness } from '../shared/readiness.js';

/** A server as the status view shows it; `status` is `NOT_FOUND` when it no longer exists. */
export interface ServerState {
  id: string;
  name: string | null;
  status: string;
  availability_zone: string | null;
}

/** Something the operator should see first (the top of the view, `warnings` in JSON). */
export interface StatusWarning {
  /**
   * `production-down`: every server at the production site is stopped (and no operation runs on
   * the group); `dr-server-running`: a DR-site server runs while the group is protected.
   */
  code: 'production-down' | 'dr-server-running';
  message: string;
  /** The servers it is about. */
  server_ids: string[];
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
  /** The readiness verdict with every reason (the same as `sdrs check`); absent in a document built without it. */
  readiness?: GroupReadiness;
  /** When this was read (ISO 8601). */
  read_at: string;
  /** Every production-site server is stopped, outside an operation on the group (a reverse in progress...). */
  production_down: boolean;
  /** What the view shows first. */
  warnings: StatusWarning[];
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
  const { productionDown, warnings } = warningsOf(s);
  return {
    group: g,
    production: { station: prod, availability_zone: azOf(g, prod) },
    dr_site: { station: dr, availability_zone: azOf(g, dr) },
    replication: { status: g.replication_status ?? (kinds.length === 1 ? kinds[0] : kinds.length ? 'mixed' : null), progress, pairs_by_status: byStatus },
    instances: s.instances.map((pi) => ({ ...pi, production_server: serverState(s, serverAt(pi, prod)), dr_server: serverState(s, serverAt(pi, dr)) })),
    pairs: s.pairs.map((p) => ({ ...p, fault: faultMeaning(p.fault_level) })),
    next: assess(s),
    read_at: new Date(now).toISOString(),
    production_down: productionDown,
    warnings,
  };
}

/**
 * What the view shows first: production down (every known server at the production site
 * SHUTOFF while no operation runs on the group: a switchover between its stop and start
 * phases shows it too, and it is true then), and DR-site servers running while the group
 * keeps them as replicas (api/rules.ts DR_SERVERS_STOPPED_IN).
 */
function warningsOf(s: Snapshot): { productionDown: boolean; warnings: StatusWarning[] } {
  const g = s.group;
  const prod = g.priority_station;
  const dr = otherSide(prod);
  const warnings: StatusWarning[] = [];
  const known = s.instances.map((pi) => s.servers.get(serverAt(pi, prod))).filter((x): x is Server => Boolean(x));
  const productionDown = !groupInProgress(g.status) && known.length > 0 && known.every((x) => x.status === 'SHUTOFF');
  if (productionDown) {
    const ids = known.map((x) => x.id);
    warnings.push({
      code: 'production-down',
      message: `production is down: every server at the production site ${azOf(g, prod)} (${prod}) is stopped (${known.length}). ` +
        `Start them: sdrs server start ${ids.join(' ')} (a switchover with --start-servers does it after its reverse)`,
      server_ids: ids,
    });
  }
  const drRunning = DR_SERVERS_STOPPED_IN.has(g.status) ? runningAt(s, dr) : [];
  if (drRunning.length) {
    const ids = drRunning.map((r) => r.server.id);
    warnings.push({
      code: 'dr-server-running',
      message: `DR-site server(s) running while the group is ${g.status}: ${drRunning.map((r) => `${r.server.name} (${r.server.id}) ${r.server.status}`).join(', ')} at ${azOf(g, dr)} (${dr}). ` +
        `Their disks are the replication target and must not be used before a reverse or failover makes ${azOf(g, dr)} production; stop them: sdrs server stop ${ids.join(' ')} --yes`,
      server_ids: ids,
    });
  }
  return { productionDown, warnings };
}

/** Reads everything the view needs: the group by id, its children, the servers of both sites. */
export async function readStatus(api: SdrsApi, groupId: string, now: () => number): Promise<StatusDocument> {
  const group = await api.getGroup(groupId);
  const snapshot = await loadSnapshot(api, group, 'both');
  const readiness = await readReadiness(api, group, { drills: groupDrillSource(api), now: now(), snapshot });
  const { read_at, ...doc } = statusDocument(snapshot, now());
  return { ...doc, readiness, read_at };
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

/**
 * The view as text for stdout. Service text is escaped here (safeLine; tables escape their cells),
 * so the text can be printed as it is (`styledOut`); with a `style` from `tableStyle` (a terminal)
 * the tables fit its width and, with a palette, statuses and fault levels are coloured.
 */
export function renderStatus(d: StatusDocument, style: TableStyle & { palette?: Palette } = {}): string {
  const s = safeLine;
  const p = style.palette;
  const tone = (text: string) => {
    const t = p ? statusTone(text) : undefined;
    return t && p ? paint(p, t, s(text)) : s(text);
  };
  const hidden: string[] = [];
  const tableOf = (headers: string[], rows: (string | number | null | undefined)[][]) => {
    const { text, fit } = layoutTable(headers, rows, style);
    hidden.push(...fit.dropped);
    return text;
  };
  const g = d.group;
  const instanceName = new Map(d.instances.map((i) => [i.id, i.name]));
  const power = (s: ServerState | null) => (s ? [s.name ?? s.id, s.status] : ['-', '-']);
  const out = [
    ...d.warnings.map((w) => (p ? p.yellow(`WARNING: ${s(w.message)}`) : `WARNING: ${s(w.message)}`)),
    ...(d.warnings.length ? [''] : []),
    `Group:        ${s(g.name)} (${s(g.id)})`,
    `Status:       ${tone(String(g.status))}`,
    ...(d.readiness ? verdictLines(d.readiness) : []),
    `Production:   ${s(d.production.availability_zone)} (${d.production.station})    DR site: ${s(d.dr_site.availability_zone)} (${d.dr_site.station})`,
    `Replication:  ${d.replication.status ? tone(d.replication.status) : 'no pairs'} · progress ${d.replication.progress}% · ${d.pairs.length} pair(s), ${d.instances.length} instance(s)`,
    `DR drills:    ${g.disaster_recovery_drill_num ?? 0}${g.disaster_recovery_drill_num ? ` (sdrs drill list --group ${s(g.id)})` : ''}`,
    '',
  ];
  if (d.instances.length) {
    // Both sites' servers always show (a DR-site server running matters): at a narrow terminal
    // the headers get shorter rather than a column going.
    const rows = d.instances.map((i) => [i.name, i.status, ...power(i.production_server), ...power(i.dr_server)]);
    const full = layoutTable(['INSTANCE', 'STATUS', `PRODUCTION SERVER (${d.production.availability_zone})`, 'POWER', `DR SERVER (${d.dr_site.availability_zone})`, 'POWER'], rows, { ...style, dropOrder: [] });
    const table = full.fit.cut
      ? layoutTable(['INSTANCE', 'STATUS', `PROD ${d.production.availability_zone}`, 'POWER', `DR ${d.dr_site.availability_zone}`, 'POWER'], rows, { ...style, dropOrder: [] }).text
      : full.text;
    out.push(table, '');
  } else out.push('No protected instances.', '');
  if (d.pairs.length) {
    out.push(tableOf(
      ['PAIR', 'STATUS', 'REPLICATION', 'PROGRESS', 'FAULT LEVEL', 'ATTACHED'],
      d.pairs.map((p) => [
        p.name, p.status, p.replication_status, `${p.progress ?? 0}%`, `${p.fault_level ?? '0'} ${FAULT_TEXT[p.fault]}`,
        p.attachment.map((a) => `${instanceName.get(a.protected_instance) ?? a.protected_instance} ${a.device}`).join(', ') || '-',
      ]),
    ), '');
  } else out.push('No replication pairs.', '');
  if (hidden.length) out.push(`(${hidden.join(', ')} hidden to fit ${style.columns} columns: --json or a wider terminal shows everything)`, '');
  out.push('Next:');
  for (const key of ORDER) {
    const a: Advice = d.next[key];
    const advised = key === 'failover' && d.next.failover.advised ? ' (ADVISED)' : '';
    const mark = a.allowed ? (p ? p.green('✔') : '✔') : p ? p.red('✖') : '✖';
    out.push(`  ${mark} ${actionTitle(key, d.next)}${advised && p ? p.red(advised) : advised}${a.allowed ? `: ${s(a.command ?? '')}` : ''}`);
    for (const r of a.reasons) out.push(`      - ${s(r)}`);
    for (const note of a.allowed ? a.notes : []) out.push(`      note: ${s(note)}`);
  }
  return out.join('\n');
}
