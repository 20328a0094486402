import { defineConfig } from 'vitest/config';

/**
 * `npm run test:release`: what a release needs beyond `npm test`, and what is too slow or
 * too dependent on the network for it: the README's install-and-drill command on a fresh
 * clone (a real `npm install`), and the `npm pack` tarball installed elsewhere. CI runs it
 * after `npm test` (.ci/run). Both build what they need themselves (`npm install` and
 * `npm pack` run the prepare script).
 */
export default defineConfig({
  test: {
    include: ['test/release/**/*.test.ts'],
    reporters: ['default', './test/helpers/summary-reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
