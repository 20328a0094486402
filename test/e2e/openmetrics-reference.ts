/**
 * The reference OpenMetrics parser: the Prometheus project's Python client
 * (`prometheus_client.openmetrics.parser`, Debian package python3-prometheus-client, which
 * .ci/run installs). It parses strictly (a missing `# EOF`, a bad escape or a non-number
 * value raise), so what `sdrs check --format openmetrics` prints is checked by a real
 * scraper's parser as well as by the test's own (readiness-openmetrics.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const PYTHON = ['/usr/bin/python3', '/usr/local/bin/python3'].find((p) => existsSync(p));

const SCRIPT = `
import sys, json
from prometheus_client.openmetrics.parser import text_string_to_metric_families
out = []
for f in text_string_to_metric_families(sys.stdin.read()):
    out.append({"name": f.name, "type": f.type, "samples": [{"name": s.name, "labels": s.labels, "value": s.value} for s in f.samples]})
print(json.dumps(out))
`;

export interface ReferenceFamily {
  name: string;
  type: string;
  samples: { name: string; labels: Record<string, string>; value: number }[];
}

/** Whether the reference parser can run here (CI: always; .ci/run installs it). */
export function referenceParserAvailable(): boolean {
  if (!PYTHON) return false;
  return spawnSync(PYTHON, ['-c', 'import prometheus_client.openmetrics.parser'], { stdio: 'ignore' }).status === 0;
}

/** Parses with the reference parser; throws its error when the text is not valid OpenMetrics. */
export function parseWithReference(text: string): ReferenceFamily[] {
  const r = spawnSync(PYTHON!, ['-c', SCRIPT], { input: text, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`prometheus_client rejected the text: ${r.stderr.trim().split('\n').pop()}`);
  return JSON.parse(r.stdout) as ReferenceFamily[];
}
