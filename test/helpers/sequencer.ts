/**
 * The order in which test files start. Files run several at a time, so a long file that
 * starts last makes the whole run wait for it.
 *
 * With the timings of an earlier run (vitest's cache in node_modules/.vite), vitest's own
 * order: the slowest first. Without them (a fresh clone, CI), vitest starts the largest files
 * first, which leaves a short file that runs one long scenario for the end. Then the files
 * below start first, then the other files that run the built binary, then the in-process ones
 * (each group largest first).
 */
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Files that run one long scenario (real time, or many runs of the binary in a row). */
const LONG = [
  'test/reliability/emulator-load.test.ts',
  'test/reliability/chaos.test.ts',
  'test/e2e/lifecycle.test.ts',
  'test/reliability/secrets.test.ts',
  'test/reliability/throttle.test.ts',
  'test/e2e/demo.test.ts',
  'test/runbook/runbook.test.ts',
];
const BINARY = /^test\/(e2e|reliability|runbook)\//;

export default class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const root = this.ctx.config.root;
    const path = (f: TestSpecification) => relative(root, f.moduleId).split('\\').join('/');
    if (sorted.every((f) => this.ctx.cache.getFileTestResults(`${f.project.name}:${path(f)}`))) return sorted;
    const rank = (f: TestSpecification) => {
      const long = LONG.indexOf(path(f));
      return long >= 0 ? long : BINARY.test(path(f)) ? LONG.length : LONG.length + 1;
    };
    // Array.prototype.sort is stable: within a rank, vitest's order (largest first).
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}
