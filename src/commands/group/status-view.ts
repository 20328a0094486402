/**
 * The `group status` document: the group, where production runs, replication,
 * every instance with both servers' power state, every pair with its fault
 * level (api/rules.ts faultMeaning), and what can be done next (rules.ts, a
 * view of api/rules.ts). Rendered as JSON or as text.
 */
import type { SdrsApi } from '../../api/client.js';
import type { ProtectedInstance, Replication, Server, ServerGroup, Station } from '../../api/types.js';
import { DR_SERVERS_STOPPED_IN, faultMeaning, groupInProgress, type FaultMeaning } from '../../api/rules.js';
import { displayWidth, layoutTable, type TableStyle } from '../../io/output.js';
import { local, t, text, type Entry, type Text } from '../../i18n/index.js';
import { joinList } from '../../i18n/compose.js';
import { statusView as M } from '../../i18n/catalog/status.js';
import type { Palette } from '../../io/color.js';
import { safeLine } from '../../errors.js';
import { paint, statusTone } from '../shared/output.js';
import { serverAz } from '../shared/resolve.js';
import { azOf, otherSide } from '../shared/sites.js';
import { loadSnapshot, runningAt, serverAt, type Snapshot } from '../shared/snapshot.js';
import { adviceText, assess, type Advice, type NextSteps } from './rules.js';
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

/** Each warning's message in both languages, for the view (the warning carries the English of JSON). */
const WARNING_TEXT = new WeakMap<StatusWarning, Text>();

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
    const message = text(M.productionDown, { az: azOf(g, prod), station: prod, n: known.length, ids: ids.join(' ') });
    const w: StatusWarning = { code: 'production-down', message: message.en, server_ids: ids };
    WARNING_TEXT.set(w, message);
    warnings.push(w);
  }
  const drRunning = DR_SERVERS_STOPPED_IN.has(g.status) ? runningAt(s, dr) : [];
  if (drRunning.length) {
    const ids = drRunning.map((r) => r.server.id);
    const message = text(M.drServerRunning, {
      status: g.status, list: joinList(drRunning.map((r) => ({ en: `${r.server.name} (${r.server.id}) ${r.server.status}`, zh: `${r.server.name}（${r.server.id}）${r.server.status}` }))), az: azOf(g, dr), station: dr, ids: ids.join(' '),
    });
    const w: StatusWarning = { code: 'dr-server-running', message: message.en, server_ids: ids };
    WARNING_TEXT.set(w, message);
    warnings.push(w);
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
const FAULT_TEXT: Record<FaultMeaning, Entry> = {
  none: M.faultNone,
  'failover-advised': M.faultAdvised,
  'failover-not-allowed': M.faultNotAllowed,
  unknown: M.faultUnknown,
};

/** A label of the view's head, padded to the value column (14 columns: Chinese characters take two). */
export const label = (e: Entry): string => {
  const l = t(e);
  return l + ' '.repeat(Math.max(1, 14 - displayWidth(l)));
};

const ORDER: (keyof NextSteps)[] = ['reverse', 'failover', 'start', 'stop', 'delete'];

function actionTitle(key: keyof NextSteps, n: NextSteps): string {
  if (key === 'reverse') return t(M.actReverse, { to: n.reverse.to });
  if (key === 'start') return t(n.start.reprotect ? M.actReprotect : M.actStart);
  if (key === 'stop') return t(M.actStop);
  return t(key === 'failover' ? M.actFailover : M.actDelete);
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
    ...d.warnings.map((w) => {
      const line = t(M.warningLine, { message: s(local(WARNING_TEXT.get(w) ?? w.message)) });
      return p ? p.yellow(line) : line;
    }),
    ...(d.warnings.length ? [''] : []),
    `${label(M.labelGroup)}${s(g.name)} (${s(g.id)})`,
    `${label(M.labelStatus)}${tone(String(g.status))}`,
    ...(d.readiness ? verdictLines(d.readiness) : []),
    `${label(M.labelProduction)}${t(M.drSite, { az: s(d.production.availability_zone), station: d.production.station, drAz: s(d.dr_site.availability_zone), drStation: d.dr_site.station })}`,
    `${label(M.labelReplication)}${t(M.replicationLine, {
      status: d.replication.status ? tone(d.replication.status) : t(M.noPairsShort), progress: d.replication.progress, pairs: d.pairs.length, instances: d.instances.length,
    })}`,
    `${label(M.labelDrills)}${g.disaster_recovery_drill_num ?? 0}${g.disaster_recovery_drill_num ? ` (sdrs drill list --group ${s(g.id)})` : ''}`,
    '',
  ];
  if (d.instances.length) {
    // Both sites' servers always show (a DR-site server running matters): at a narrow terminal
    // the headers get shorter rather than a column going.
    const rows = d.instances.map((i) => [i.name, i.status, ...power(i.production_server), ...power(i.dr_server)]);
    const [pAz, dAz] = [d.production.availability_zone, d.dr_site.availability_zone];
    const full = layoutTable([t(M.colInstance), t(M.colStatus), t(M.colProdServer, { az: pAz }), t(M.colPower), t(M.colDrServer, { az: dAz }), t(M.colPower)], rows, { ...style, dropOrder: [] });
    const table = full.fit.cut
      ? layoutTable([t(M.colInstance), t(M.colStatus), t(M.colProdShort, { az: pAz }), t(M.colPower), t(M.colDrShort, { az: dAz }), t(M.colPower)], rows, { ...style, dropOrder: [] }).text
      : full.text;
    out.push(table, '');
  } else out.push(t(M.noInstances), '');
  if (d.pairs.length) {
    out.push(tableOf(
      [t(M.colPair), t(M.colStatus), t(M.colReplication), t(M.colProgress), t(M.colFault), t(M.colAttached)],
      d.pairs.map((p) => [
        p.name, p.status, p.replication_status, `${p.progress ?? 0}%`, `${p.fault_level ?? '0'} ${t(FAULT_TEXT[p.fault])}`,
        local(joinList(p.attachment.map((a) => `${instanceName.get(a.protected_instance) ?? a.protected_instance} ${a.device}`))) || '-',
      ]),
    ), '');
  } else out.push(t(M.noPairs), '');
  if (hidden.length) out.push(t(M.hidden, { columns: local(joinList(hidden)), width: style.columns }), '');
  out.push(t(M.next));
  for (const key of ORDER) {
    const a: Advice = d.next[key];
    const advised = key === 'failover' && d.next.failover.advised ? t(M.advised) : '';
    const mark = a.allowed ? (p ? p.green('✔') : '✔') : p ? p.red('✖') : '✖';
    out.push(`  ${mark} ${actionTitle(key, d.next)}${advised && p ? p.red(advised) : advised}${a.allowed ? t(M.nextCommand, { command: s(a.command ?? '') }) : ''}`);
    const said = adviceText(a);
    for (const r of said.reasons) out.push(`      - ${s(local(r))}`);
    for (const note of a.allowed ? said.notes : []) out.push(t(M.noteLine, { note: s(local(note)) }));
  }
  return out.join('\n');
}
