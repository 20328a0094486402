/** A pair as it is after its job: what add, attach and detach report. */
import type { SdrsApi } from '../../api/client.js';
import type { Replication } from '../../api/types.js';
import { JobFailedError } from '../../errors.js';
import { text } from '../../i18n/index.js';
import { pairMsg as M } from '../../i18n/catalog/pair.js';

/** Reads the pair after its job and fails (exit 5) if it ended in an error status. */
export async function pairAfter(api: SdrsApi, id: string, jobId: string): Promise<Replication> {
  const rp = await api.getReplication(id);
  if (rp.status.startsWith('error')) {
    throw new JobFailedError(text(rp.failure_detail ? M.pairInErrorDetail : M.pairInError, { job: jobId, name: rp.name, status: rp.status, detail: rp.failure_detail }), {
      hint: text(M.inspectHint, { command: `sdrs pair list --json | jq '.[] | select(.id == "${rp.id}")'`, job: jobId }), details: { job_id: jobId, replication_id: rp.id, status: rp.status },
    });
  }
  return rp;
}
