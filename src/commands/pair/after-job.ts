/** A pair as it is after its job: what add, attach and detach report. */
import type { SdrsApi } from '../../api/client.js';
import type { Replication } from '../../api/types.js';
import { JobFailedError } from '../../errors.js';

/** Reads the pair after its job and fails (exit 5) if it ended in an error status. */
export async function pairAfter(api: SdrsApi, id: string, jobId: string): Promise<Replication> {
  const rp = await api.getReplication(id);
  if (rp.status.startsWith('error')) {
    throw new JobFailedError(`job ${jobId} succeeded but replication pair ${rp.name} is ${rp.status}${rp.failure_detail ? ` (${rp.failure_detail})` : ''}`, {
      hint: `Inspect it with: sdrs pair list --json | jq '.[] | select(.id == "${rp.id}")'; the job: sdrs job show ${jobId}`, details: { job_id: jobId, replication_id: rp.id, status: rp.status },
    });
  }
  return rp;
}
