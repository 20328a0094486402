import { configDefaults, defineConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * `npm run test:quick`, for the edit loop: the unit tests and the emulator's, in process,
 * without building dist/ and without the tests that run the built binary: test/e2e/ (but
 * the in-process bulk reads), test/reliability/ (but the emulator's signature checks),
 * test/runbook/, and completion's. `npm test` runs everything.
 * runSdrs() refuses to run under this config, so a binary test cannot slip in unnoticed.
 */
export default defineConfig({
  test: {
    ...base.test,
    exclude: [
      ...configDefaults.exclude,
      'test/release/**',
      'test/runbook/**',
      'test/e2e/!(bulk-reads).test.ts',
      'test/reliability/!(emulator-security).test.ts',
      'test/commands/completion.test.ts',
    ],
    globalSetup: [],
    // Files share their worker's loaded modules: about half the time of isolated files here.
    isolate: false,
    env: { SDRS_TEST_QUICK: '1' },
  },
});
