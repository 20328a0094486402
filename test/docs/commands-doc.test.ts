/**
 * docs/commands.md is generated from the commander definitions; it must match
 * the code (issue 6: "the generated command reference matches the code").
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PARTIALS, partialReader, renderCommandsDoc } from '../../scripts/commands-doc.js';
import { buildProgram } from '../../src/cli.js';
import { describeCommand, flattenCommands } from '../../src/commands/tree.js';
import { ROOT } from '../helpers/run.js';

const checkedIn = readFileSync(join(ROOT, 'docs', 'commands.md'), 'utf8');
const generated = await renderCommandsDoc(partialReader(ROOT));

describe('docs/commands.md', () => {
  it('is up to date with the commander definitions and docs/partials/', () => {
    if (generated !== checkedIn) {
      const a = checkedIn.split('\n');
      const b = generated.split('\n');
      const line = a.findIndex((l, i) => l !== b[i]);
      expect.fail(
        `docs/commands.md is out of date: run \`npm run docs\` and commit the result.\n` +
          `First difference at line ${line + 1}:\n  checked in: ${JSON.stringify(a[line])}\n  generated:  ${JSON.stringify(b[line])}`,
      );
    }
  });

  it('documents every command with its usage, every flag, every choice and every example', async () => {
    const tree = describeCommand(await buildProgram(async () => undefined));
    for (const c of flattenCommands(tree)) {
      const name = ['sdrs', ...c.path].join(' ');
      const section = generated.split(`\n## ${name}\n`)[1]?.split('\n## ')[0];
      expect(section, `section for ${name}`).toBeDefined();
      expect(section).toContain(`${name} ${c.usage}`);
      for (const o of c.options) {
        expect(section, `${name} ${o.flags}`).toContain(`\`${o.flags}\``);
        for (const choice of o.choices ?? []) expect(section, `${name} ${o.flags} ${choice}`).toContain(`\`${choice}\``);
        if (o.defaultValue !== undefined) expect(section).toContain(`\`${o.defaultValue}\``);
      }
      for (const a of c.arguments) for (const choice of a.choices ?? []) expect(section).toContain(`\`${choice}\``);
      for (const ex of c.examples) expect(section, `example of ${name}`).toContain(ex);
    }
  });

  it('includes the full login note after a switchover in the group reverse section', () => {
    expect(PARTIALS['group reverse']).toContain('login-after-switchover.md');
    const reverse = generated.split('\n## sdrs group reverse\n')[1].split('\n## ')[0];
    const note = reverse.slice(reverse.indexOf('### Logging in to the servers after a switchover'));
    expect(note.length).toBeGreaterThan(1000);
    for (const heading of ['#### Windows with Cloudbase-Init', '#### Windows without Cloudbase-Init', '#### Linux']) {
      expect(note).toContain(heading);
    }
    expect(note).toMatch(/3-5 minutes/);
    expect(note).toMatch(/1-2 minutes/);
    expect(note).toMatch(/reset the\s+password on the DR-site server/);
    expect(note).toMatch(/Key-pair login/);
    expect(note).toMatch(/CoreOS/);
    expect(note).toMatch(/initial password/);
  });
});
