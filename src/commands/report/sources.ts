/**
 * The service's side of the DR report: each source reads one API and returns the
 * facts it knows (report.ts in src/journal describes the model). A source whose API
 * the service does not have (404) is skipped; one that fails is listed as failed and
 * the report is still written from what was read. More sources (task-centre
 * failures, readiness checks, RPO statistics) are added to SERVICE_SOURCES.
 */
import type { SdrsApi } from '../../api/client.js';
import { ApiError, safeLine, toSdrsError } from '../../errors.js';
import type { ServiceFacts, ServiceSource, SourceStatus } from '../../journal/report.js';

/** Builds the sources for one report from the API client. */
export const SERVICE_SOURCES: ((api: SdrsApi) => ServiceSource)[] = [
  (api) => ({
    name: 'protection groups (current status, production site, drill count)',
    read: async () => ({ groups: await api.listAllGroups() }),
  }),
  (api) => ({
    name: 'groups with no drill in the service period (query_type=period_no_dr_drill)',
    read: async () => ({ drillOverdue: (await api.listAllGroups({ query_type: 'period_no_dr_drill' })).map((g) => g.id) }),
  }),
];

/** Reads every source; merges what answered. */
export async function readService(sources: ServiceSource[]): Promise<{ facts: ServiceFacts; status: SourceStatus[] }> {
  const facts: ServiceFacts = {};
  const status: SourceStatus[] = [];
  for (const s of sources) {
    try {
      const f = await s.read();
      if (f.groups) facts.groups = [...(facts.groups ?? []), ...f.groups];
      if (f.drillOverdue) facts.drillOverdue = [...(facts.drillOverdue ?? []), ...f.drillOverdue];
      if (f.failures) facts.failures = [...(facts.failures ?? []), ...f.failures];
      if (f.readiness) facts.readiness = [...(facts.readiness ?? []), ...f.readiness];
      status.push({ name: s.name, state: 'ok' });
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) status.push({ name: s.name, state: 'skipped', note: 'the service does not have this API' });
      else status.push({ name: s.name, state: 'failed', note: safeLine(toSdrsError(err).message).slice(0, 300) });
    }
  }
  return { facts, status };
}
