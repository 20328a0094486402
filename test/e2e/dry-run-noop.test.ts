/** `--dry-run` of a group action that has nothing to do prints a dry-run document, not the group. */
import { describe, expect, it } from 'vitest';
import { runSdrs } from '../helpers/run.js';
import { countMethod, useDemoWorld } from '../helpers/cli-env.js';

const w = useDemoWorld();
const sdrs = (args: string[]) => runSdrs(args, { env: w.env });
const mutations = async () => {
  const c = await w.counters();
  return countMethod(c, 'POST') + countMethod(c, 'PUT') + countMethod(c, 'DELETE');
};

describe('group start --dry-run on a protected group (a no-op)', () => {
  it('--json: {dry_run: true, requests: [], nothing_to_do}, exit 0, nothing sent', async () => {
    const r = await sdrs(['group', 'start', 'demo-erp', '--dry-run', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toEqual({ dry_run: true, requests: [], nothing_to_do: expect.stringMatching(/protection of demo-erp is already on \(protected\)/) });
    expect(await mutations()).toBe(0);
  });

  it('people: no request on stdout; stderr says nothing would be sent and why', async () => {
    const r = await sdrs(['group', 'start', 'demo-erp', '--dry-run']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/Dry run: nothing would be sent\. Nothing to do: protection of demo-erp is already on \(protected\)/);
  });

  it('without --dry-run the no-op still prints the group as it is', async () => {
    const r = await sdrs(['group', 'start', 'demo-erp', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ name: 'demo-erp', status: 'protected' });
  });
});
