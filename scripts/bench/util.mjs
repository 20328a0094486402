// Small helpers shared by the benchmark sections: statistics, tables, a seeded PRNG.
import { cpus, loadavg } from 'node:os';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

export const ROOT = new URL('../../', import.meta.url);
export const rootPath = (rel = '') => new URL(rel, ROOT).pathname;

export const sum = (a) => a.reduce((x, y) => x + y, 0);
export const mean = (a) => (a.length ? sum(a) / a.length : NaN);

/** Linear-interpolated quantile of unsorted numbers. */
export function quantile(a, q) {
  if (!a.length) return NaN;
  const s = [...a].sort((x, y) => x - y);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}
export const median = (a) => quantile(a, 0.5);
export const p95 = (a) => quantile(a, 0.95);
export function stddev(a) {
  const m = mean(a);
  return Math.sqrt(mean(a.map((x) => (x - m) ** 2)));
}

/** mulberry32: a tiny seeded PRNG, so every run of the bench sees the same job durations and jitter. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const fmtMs = (ms) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
export const fmtS = (ms) => `${(ms / 1000).toFixed(2)} s`;
export const fmtX = (r) => `${r.toFixed(2)}x`;

/** A plain-text table; `rows` are arrays of cells, the first row is the header. */
export function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i] ?? '').length)));
  const line = (r) => r.map((c, i) => (i === 0 ? String(c ?? '').padEnd(widths[i]) : String(c ?? '').padStart(widths[i]))).join('  ');
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

/** The same table as GitHub markdown. */
export function markdownTable(rows) {
  const esc = (c) => String(c ?? '').replace(/\|/g, '\\|');
  return [
    `| ${rows[0].map(esc).join(' | ')} |`,
    `|${rows[0].map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`,
    ...rows.slice(1).map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}

/** Facts about the machine, printed with every run. */
export function machineFacts() {
  const c = cpus();
  let hyperfine;
  const h = spawnSync('hyperfine', ['--version'], { encoding: 'utf8' });
  if (h.status === 0) hyperfine = h.stdout.trim();
  let mem;
  try {
    const m = /MemTotal:\s+(\d+) kB/.exec(readFileSync('/proc/meminfo', 'utf8'));
    if (m) mem = `${(Number(m[1]) / 1024 / 1024).toFixed(1)} GiB`;
  } catch {
    // not Linux
  }
  return {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: c.length,
    cpuModel: c[0]?.model?.trim() ?? 'unknown',
    memory: mem ?? 'unknown',
    load: loadavg().map((x) => x.toFixed(2)).join(' '),
    hyperfine: hyperfine ?? 'not installed (built-in timer used)',
  };
}

/** Section heading. */
export function heading(title) {
  console.log(`\n== ${title} ${'='.repeat(Math.max(0, 74 - title.length))}`);
}
