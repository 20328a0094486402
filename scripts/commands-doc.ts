/**
 * Renders docs/commands.md from the commander definitions (src/cli.ts and
 * src/commands/index.ts), plus hand-written partials from docs/partials/.
 *
 * `npm run docs` (scripts/gen-commands-doc.mjs) writes the file;
 * test/docs/commands-doc.test.ts fails when the checked-in file differs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildProgram } from '../src/cli.js';
import { describeCommand, flattenCommands, globalOptions, type CommandSpec, type OptionSpec } from '../src/commands/tree.js';

/** Hand-written sections appended after a command's generated section, by command path. */
export const PARTIALS: Record<string, string[]> = {
  'group reverse': ['switchover.md', 'login-after-switchover.md'],
  'group status': ['group-status.md'],
  'group failover': ['failover.md'],
};

/** Reads docs/partials/<name> from the checkout at `root`. */
export function partialReader(root: string): (name: string) => string {
  return (name) => readFileSync(join(root, 'docs', 'partials', name), 'utf8');
}

/** The whole of docs/commands.md (the whole tree is loaded: buildProgram is async). */
export async function renderCommandsDoc(readPartial: (name: string) => string): Promise<string> {
  const root = describeCommand(await buildProgram(async () => undefined, undefined, { full: true }));
  return renderTree(root, readPartial);
}

const title = (c: CommandSpec) => ['sdrs', ...c.path].join(' ');
/** GitHub's anchor for a heading made of plain words. */
const anchor = (c: CommandSpec) => title(c).toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-');
const link = (c: CommandSpec) => `[${title(c)}](#${anchor(c)})`;

/** Plain text for Markdown: `<job-id>` must not turn into an HTML tag. */
function text(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Text for a Markdown table cell. */
function cell(s: string): string {
  return text(s).replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

/** Inline code that may itself contain backticks. */
function code(s: string): string {
  return s.includes('`') ? `\`\` ${s} \`\`` : `\`${s}\``;
}

/** Capitalises the first letter of a help-style description and ends it with a full stop. */
function sentence(s: string): string {
  const t = s.trim();
  if (!t) return t;
  return t[0].toUpperCase() + t.slice(1) + (/[.!?]$/.test(t) ? '' : '.');
}

function optionsTable(options: OptionSpec[]): string[] {
  const rows = ['| flag | description | default | choices |', '|---|---|---|---|'];
  for (const o of options) {
    const desc = cell(o.description) + (o.mandatory ? ' **(required)**' : '');
    const def = o.defaultValue === undefined ? '' : code(o.defaultValue);
    const choices = (o.choices ?? []).map(code).join(', ');
    rows.push(`| ${code(o.flags)} | ${desc} | ${def} | ${choices} |`);
  }
  return rows;
}

/** The help text added after the generated help, without its Examples section, as paragraphs. */
function notesOf(c: CommandSpec): string[] {
  const lines = c.helpAfter.split('\n');
  const ex = lines.findIndex((l) => l.trim() === 'Examples:');
  const before = (ex < 0 ? lines : lines.slice(0, ex)).join('\n').trim();
  if (!before) return [];
  return before.split(/\n\s*\n/).map((p) => p.split('\n').map((l) => l.trim()).join(' '));
}

function renderCommand(c: CommandSpec, root: CommandSpec, readPartial: (name: string) => string): string[] {
  const out: string[] = [`## ${title(c)}`, '', text(sentence(c.description)), '', '```', `${title(c)} ${c.usage}`.trim(), '```', ''];
  if (c.aliases.length) out.push(`Aliases: ${c.aliases.map(code).join(', ')}.`, '');
  if (c.subcommands.length) {
    out.push('**Commands**', '', '| command | description |', '|---|---|');
    for (const s of c.subcommands) out.push(`| ${link(s)} | ${cell(s.description)} |`);
    out.push('');
  }
  if (c.arguments.length) {
    out.push('**Arguments**', '', '| argument | description | required | choices |', '|---|---|---|---|');
    for (const a of c.arguments) {
      const name = (a.required ? `<${a.name}>` : `[${a.name}]`) + (a.variadic ? '...' : '');
      out.push(`| ${code(name)} | ${cell(a.description)} | ${a.required ? 'yes' : 'no'} | ${(a.choices ?? []).map(code).join(', ')} |`);
    }
    out.push('');
  }
  const isRoot = c.path.length === 0;
  out.push(isRoot ? '**Global options** (accepted before or after any command)' : '**Options**', '', ...optionsTable(c.options), '');
  if (!isRoot) {
    out.push(`The [global options](#${anchor(root)}) (${globalOptions(root).map((o) => code(o.long ?? o.flags)).join(', ')}) are accepted too.`, '');
  }
  for (const p of notesOf(c)) out.push(text(p), '');
  if (c.examples.length) out.push('**Examples**', '', '```console', ...c.examples, '```', '');
  for (const name of PARTIALS[c.path.join(' ')] ?? []) out.push(readPartial(name).trim(), '');
  return out;
}

/** Renders a described tree (exported for tests). */
export function renderTree(root: CommandSpec, readPartial: (name: string) => string): string {
  const all = flattenCommands(root);
  const toc = all.map((c) => `${'  '.repeat(Math.max(0, c.path.length - 1))}- ${link(c)}${c.path.length ? ': ' + cell(c.description) : ' (global options)'}`);
  const out = [
    '# Command reference',
    '',
    '<!-- Generated by `npm run docs` (scripts/gen-commands-doc.mjs) from the commander definitions in',
    '     src/cli.ts and src/commands/index.ts. Do not edit by hand: change the definitions, or the',
    '     hand-written parts in docs/partials/, and run `npm run docs`. CI checks that this file is current. -->',
    '',
    'Every command of `sdrs`, with its arguments, flags, defaults, choices and examples: the same',
    'information as `sdrs <command> --help`. Exit codes are explained in [exit-codes.md](exit-codes.md),',
    'the `--json` output in [json-output.md](json-output.md), settings and credentials in',
    '[configuration.md](configuration.md), and the local emulator in [emulator.md](emulator.md).',
    '',
    ...toc,
    '',
    ...all.flatMap((c) => renderCommand(c, root, readPartial)),
  ];
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}
