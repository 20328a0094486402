/**
 * A plain description of the commander tree, for the generators that must
 * never drift from it: shell completion (`sdrs completion`) and the command
 * reference (scripts/gen-commands-doc.mjs -> docs/commands.md).
 */
import type { EventEmitter } from 'node:events';
import type { Argument, Command, Option } from 'commander';

/** One flag of a command. */
export interface OptionSpec {
  /** As declared, e.g. `-y, --yes` or `--to <side>`. */
  flags: string;
  long?: string;
  short?: string;
  /** The flag takes a value (`<v>` or `[v]`). */
  takesValue: boolean;
  /** The value is optional (`[v]`). */
  valueOptional: boolean;
  /** The value's placeholder, e.g. `side` for `--to <side>`. */
  valueName?: string;
  description: string;
  choices?: string[];
  /** Declared default, as commander shows it. */
  defaultValue?: string;
  /** Must be given (`makeOptionMandatory`). */
  mandatory: boolean;
  /** A `--no-x` flag. */
  negate: boolean;
}

/** One positional argument of a command. */
export interface ArgumentSpec {
  name: string;
  description: string;
  required: boolean;
  variadic: boolean;
  choices?: string[];
  defaultValue?: string;
}

/** One command and everything below it. */
export interface CommandSpec {
  /** Names from the program down, without the program's own name: `['group', 'reverse']`; `[]` for the program. */
  path: string[];
  name: string;
  aliases: string[];
  description: string;
  /** e.g. `[options] <group>`. */
  usage: string;
  arguments: ArgumentSpec[];
  /** This command's own visible flags, help included. */
  options: OptionSpec[];
  subcommands: CommandSpec[];
  /** Text added with `addHelpText('after', ...)`, without surrounding blank lines. */
  helpAfter: string;
  /** The `$ ...` lines of the help text's `Examples:` section. */
  examples: string[];
}

function describeOption(o: Option): OptionSpec {
  const value = /[<[]([^>\]]+)[>\]]/.exec(o.flags);
  return {
    flags: o.flags,
    long: o.long,
    short: o.short,
    takesValue: o.required || o.optional,
    valueOptional: o.optional,
    valueName: value?.[1].replace(/\.\.\.$/, ''),
    description: o.description,
    choices: o.argChoices ? [...o.argChoices] : undefined,
    defaultValue: o.defaultValueDescription ?? (o.defaultValue === undefined ? undefined : String(o.defaultValue)),
    mandatory: o.mandatory,
    negate: o.negate,
  };
}

function describeArgument(a: Argument): ArgumentSpec {
  return {
    name: a.name(),
    description: a.description,
    required: a.required,
    variadic: a.variadic,
    choices: a.argChoices ? [...a.argChoices] : undefined,
    defaultValue: a.defaultValueDescription ?? (a.defaultValue === undefined ? undefined : String(a.defaultValue)),
  };
}

/** Collects what `addHelpText('after', ...)` prints, by replaying the help event into a buffer. */
function helpAfter(cmd: Command): string {
  let text = '';
  // A Command is an EventEmitter; addHelpText('after') listens for this event.
  (cmd as unknown as EventEmitter).emit('afterHelp', { error: false, command: cmd, write: (s: string) => (text += s) });
  return text.replace(/^\n+/, '').replace(/\s+$/, '');
}

/** The `$ ...` lines under an `Examples:` heading. */
export function examplesOf(after: string): string[] {
  const lines = after.split('\n');
  const start = lines.findIndex((l) => l.trim() === 'Examples:');
  if (start < 0) return [];
  const out: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '') break;
    out.push(line.trim());
  }
  return out;
}

/** Describes `cmd` and its visible subcommands (the implicit `help` command is left out). */
export function describeCommand(cmd: Command, parentPath: string[] = [], isRoot = true): CommandSpec {
  const help = cmd.createHelp();
  const path = isRoot ? [] : [...parentPath, cmd.name()];
  const after = helpAfter(cmd);
  return {
    path,
    name: cmd.name(),
    aliases: cmd.aliases(),
    description: cmd.description(),
    usage: cmd.usage(),
    arguments: cmd.registeredArguments.map(describeArgument),
    options: help.visibleOptions(cmd).map(describeOption),
    subcommands: help
      .visibleCommands(cmd)
      .filter((c) => cmd.commands.includes(c))
      .map((c) => describeCommand(c, path, false)),
    helpAfter: after,
    examples: examplesOf(after),
  };
}

/** Every command of the tree, depth first, the root first. */
export function flattenCommands(spec: CommandSpec): CommandSpec[] {
  return [spec, ...spec.subcommands.flatMap(flattenCommands)];
}

/**
 * The program's flags that every subcommand accepts too (commander reads them
 * anywhere on the line, since positional options are off): all but help and version.
 */
export function globalOptions(root: CommandSpec): OptionSpec[] {
  return root.options.filter((o) => o.long !== '--help' && o.long !== '--version');
}
