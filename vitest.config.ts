import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';
import SlowFirstSequencer from './test/helpers/sequencer.js';

/**
 * `npm test`: every test but test/release/ (`npm run test:release`, run by CI after it).
 *
 * Most test files spend their time waiting (on the binary they spawn, on emulator jobs),
 * not computing, so more files run at once than there are cores: vitest's own default
 * (cores - 1) ran them one after the other on a 2-core machine.
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: [...configDefaults.exclude, 'test/release/**'],
    globalSetup: ['test/helpers/global-setup.ts'],
    // Every file starts in English, whatever the previous file of its worker ran in (isolate: false).
    setupFiles: ['test/helpers/setup-language.ts'],
    reporters: ['default', './test/helpers/summary-reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // A worker keeps the modules it loaded from one test file to the next: importing sdrs
    // again for each of ~100 files cost ~45 s of CPU on 2 cores (vitest "import" 64 s -> 16 s),
    // the difference between `npm test` at ~3:05 and ~2:40. Safe here: no test mocks a module,
    // stubs a global or changes process.env; each runs sdrs with its own env, HOME and emulator.
    isolate: false,
    maxWorkers: Math.max(4, availableParallelism()),
    sequence: { sequencer: SlowFirstSequencer },
  },
});
