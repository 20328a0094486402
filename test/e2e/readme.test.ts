/**
 * The README's two commands: exactly two, and CI runs its test command (then
 * `npm run test:release`, which runs the install-and-drill command on a fresh clone:
 * test/release/readme-install.test.ts).
 */
import { expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readmeCommands } from '../helpers/readme.js';
import { ROOT } from '../helpers/run.js';

it('the README gives exactly two commands, and CI runs its test command, then the release tests', () => {
  const { lines, installAndDrill, testCommand } = readmeCommands();
  expect(lines).toHaveLength(2);
  expect(installAndDrill).toBe('npm install && npm start');
  expect(testCommand).toBe('npm test');
  const ci = readFileSync(join(ROOT, '.ci', 'run'), 'utf8').split('\n').map((l) => l.trim());
  const at = ci.indexOf(testCommand);
  expect(at, '.ci/run runs the README test command').toBeGreaterThanOrEqual(0);
  // Then the release tests: the fresh-clone install and the packed tarball.
  expect(ci.slice(at + 1)).toContain('npm run test:release');
});
