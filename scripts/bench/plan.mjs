// A recovery plan (issue 18): `sdrs plan run <50-group plan> --mode failover --yes` against an
// emulator (its own process, real clock) whose jobs take 5 s. 5 steps of 10 groups each, one
// after the other: the ideal is 5 × 5 s. Wall time against it, requests per group (the
// emulator's counters), and the peak RSS of the sdrs process.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulatorProcess, runSdrs } from './many.mjs';
import { table, fmtS, fmtX } from './util.mjs';

export async function benchPlan({ cacheDir, groups = 50, steps = 5, jobMs = 5000 }) {
  const emu = await startEmulatorProcess(jobMs);
  const home = join(cacheDir, 'plan-home');
  rmSync(home, { recursive: true, force: true });
  mkdirSync(home, { recursive: true });
  try {
    const seeded = await emu.admin('POST', '/groups', { name: 'plan', count: groups, production_status: 'ACTIVE' });
    if (seeded.status !== 201) throw new Error(`the emulator cannot seed groups (POST /__emulator/groups answered ${seeded.status})`);
    const names = seeded.body.server_groups.map((g) => g.name);
    const per = Math.ceil(groups / steps);
    const lines = ['name: bench', 'groups:', ...names.map((n, i) => `  g${i + 1}: ${n}`), 'steps:'];
    for (let s = 0; s < steps; s++) {
      const aliases = names.slice(s * per, (s + 1) * per).map((_, i) => `g${s * per + i + 1}`);
      lines.push(`  - name: wave-${s + 1}`, `    failover: [${aliases.join(', ')}]`, `    concurrency: ${per}`);
    }
    const file = join(home, 'bench-plan.yaml');
    writeFileSync(file, lines.join('\n') + '\n');
    const env = {
      PATH: process.env.PATH ?? '', HOME: home, XDG_CACHE_HOME: join(home, '.cache'), XDG_STATE_HOME: join(home, '.state'), NO_COLOR: '1',
      SDRS_ENDPOINT: emu.url, SDRS_PROJECT_ID: emu.project_id, HUAWEICLOUD_SDK_AK: emu.ak, HUAWEICLOUD_SDK_SK: emu.sk, SDRS_NO_JOURNAL: '1',
    };
    await emu.admin('DELETE', '/counters');
    const r = await runSdrs(['plan', 'run', file, '--mode', 'failover', '--yes', '--json'], env);
    const counters = (await emu.admin('GET', '/counters')).body ?? { total: 0, routes: {} };
    let doc;
    try {
      doc = JSON.parse(r.stdout);
    } catch {
      // reported below
    }
    if (r.code !== 0 || doc?.status !== 'done') throw new Error(`plan run: exit ${r.code}\n${r.stderr.slice(-2000)}`);
    const idealMs = steps * jobMs;
    const perGroup = counters.total / groups;
    const rssMb = r.peakRssKb ? r.peakRssKb / 1024 : undefined;
    const res = {
      groups, steps, jobMs, wallMs: r.wallMs, idealMs, ratio: r.wallMs / idealMs, requests: counters.total, requestsPerGroup: perGroup, routes: counters.routes,
      peakRssKb: r.peakRssKb, wallOk: r.wallMs / idealMs <= 1.15, requestsOk: perGroup <= 3, rssOk: rssMb === undefined ? undefined : rssMb < 100,
    };
    console.log(`${groups} protected groups in ${steps} steps of ${per} (failover mode), every job ${jobMs / 1000} s on the emulator's real clock.`);
    console.log(table([
      ['figure', 'value', 'goal'],
      ['wall', `${fmtS(r.wallMs)} (ideal ${fmtS(idealMs)}: ${fmtX(res.ratio)})`, `≤ 1.15x ${res.wallOk ? 'met' : 'NOT MET'}`],
      ['requests per group', `${perGroup.toFixed(2)} (${counters.total} in all)`, `≤ 3 ${res.requestsOk ? 'met' : 'NOT MET'}`],
      ['peak RSS', rssMb ? `${rssMb.toFixed(1)} MB` : 'n/a', `< 100 MB ${res.rssOk === undefined ? '' : res.rssOk ? 'met' : 'NOT MET'}`],
    ]));
    console.log('Requests by route: ' + Object.entries(counters.routes).map(([k, v]) => `${k} ${v}`).join(', '));
    return res;
  } finally {
    await emu.stop();
    rmSync(home, { recursive: true, force: true });
  }
}
