/**
 * `sdrs completion bash|zsh|fish`: prints a completion script on stdout.
 *
 * The scripts are generated from the commander tree (src/commands/index.ts and
 * the global flags in src/cli.ts) each time, so they never drift from it. They
 * are static: a Tab never runs sdrs or touches the network.
 */
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { printable } from '../validate.js';
import { bind, examples, type Runner, type RunF } from './shared/command.js';
import { describeCommand, flattenCommands, globalOptions, type CommandSpec, type OptionSpec } from './tree.js';
import { text } from '../i18n/index.js';
import { demo as M } from '../i18n/catalog/demo.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/** The options of one run. */
export interface CompletionOptions {
  shell: Shell;
}

const isShell = (s: string): s is Shell => (SHELLS as readonly string[]).includes(s);

/** The shell argument, checked (commander checks the choices too; exit 2). */
function parseCompletion(args: string[]): CompletionOptions {
  const shell = args[0];
  if (!isShell(shell)) throw new UsageError(text(M.unknownShell, { shell: printable(String(shell)), shells: SHELLS.join(', ') }));
  return { shell };
}

/** Completes the top-level `completion` command (named and described by commands/index.ts). */
export function registerCompletion(cmd: Command, run: Runner, runF: RunF<CompletionOptions> = runCompletion): Command {
  cmd.addArgument(cmd.createArgument('<shell>', 'shell').choices(SHELLS));
  examples(cmd, [
    '$ sdrs completion bash > /etc/bash_completion.d/sdrs',
    '$ sdrs completion zsh > "${fpath[1]}/_sdrs"',
    '$ sdrs completion fish > ~/.config/fish/completions/sdrs.fish',
  ]);
  return bind(cmd, run, (args): CompletionOptions => parseCompletion(args), runF);
}

/** Prints the script for the whole command tree (cli.ts supplies it: no command imports the program). */
export async function runCompletion(ctx: Context, o: CompletionOptions): Promise<void> {
  const spec = describeCommand(await ctx.commandTree());
  // Written as is, not as a Result: the script is the output in every mode
  // (it is no JSON document, and `--json` must not swallow it).
  ctx.io.out.write(completionScript(o.shell, spec));
}

/** The completion script for `shell`, from a described command tree. */
export function completionScript(shell: Shell, root: CommandSpec): string {
  const model = buildModel(root);
  switch (shell) {
    case 'bash':
      return bashScript(model);
    case 'zsh':
      return zshScript(model);
    case 'fish':
      return fishScript(model);
  }
}

// ---------------------------------------------------------------------------
// A shell-neutral model of what can be completed where.

interface Flag {
  /** `-y`, `--yes` */
  names: string[];
  description: string;
  takesValue: boolean;
  choices: string[];
  /** The value is a file name. */
  file: boolean;
  global: boolean;
}

interface Node {
  /** Subcommand names from the program down, joined by one space; '' for the program. */
  key: string;
  subs: { name: string; description: string }[];
  /** Own flags first, then the global ones. */
  flags: Flag[];
  /** Choices of each positional argument, by position. */
  argChoices: string[][];
}

interface Model {
  name: string;
  nodes: Node[];
  globals: Flag[];
}

/** Words that end up unquoted in scripts must be plain; commander definitions are ours, so this only guards mistakes. */
const SAFE_WORD = /^[A-Za-z0-9][A-Za-z0-9._@%+-]*$|^--?[A-Za-z0-9][A-Za-z0-9._-]*$/;

function safe(word: string): string {
  if (!SAFE_WORD.test(word)) throw new Error(`completion: cannot use ${JSON.stringify(word)} as a word in a completion script`);
  return word;
}

function toFlag(o: OptionSpec, global: boolean): Flag {
  return {
    names: [o.short, o.long].filter((n): n is string => n !== undefined).map(safe),
    description: o.description,
    takesValue: o.takesValue,
    choices: (o.choices ?? []).map(safe),
    file: o.takesValue && /file|path|dir/i.test(o.valueName ?? ''),
    global,
  };
}

function buildModel(root: CommandSpec): Model {
  const globals = globalOptions(root).map((o) => toFlag(o, true));
  const globalNames = new Set(globals.flatMap((g) => g.names));
  const nodes = flattenCommands(root).map((c): Node => {
    const own = c.options.map((o) => toFlag(o, false)).filter((f) => c.path.length === 0 || !f.names.some((n) => globalNames.has(n)));
    return {
      key: c.path.map(safe).join(' '),
      subs: c.subcommands.flatMap((s) => [s.name, ...s.aliases].map((name) => ({ name: safe(name), description: s.description }))),
      flags: c.path.length === 0 ? own.map((f) => ({ ...f, global: globalNames.has(f.names[f.names.length - 1]) })) : [...own, ...globals],
      argChoices: c.arguments.map((a) => (a.choices ?? []).map(safe)),
    };
  });
  return { name: safe(root.name), nodes, globals };
}

const names = (flags: Flag[], pick: (f: Flag) => boolean = () => true) => flags.filter(pick).flatMap((f) => f.names);

/** One line of a description, without control characters. */
function oneLine(s: string): string {
  return s.replace(/\p{Cc}+/gu, ' ').trim();
}

// ---------------------------------------------------------------------------
// bash (3.2 and later: no associative arrays, no compopt requirement).

function bashScript(m: Model): string {
  const fn = `_${m.name}`;
  const cases = (fname: string, pick: (n: Node) => string[], arg = '"$1"') => {
    const lines = [`${fn}_${fname}() {`, `  case ${arg} in`];
    for (const n of m.nodes) {
      const words = pick(n);
      if (words.length > 0) lines.push(`    '${n.key}') echo '${words.join(' ')}' ;;`);
    }
    lines.push('  esac', '}');
    return lines.join('\n');
  };
  const flagValueCases: string[] = [];
  const argCases: string[] = [];
  for (const n of m.nodes) {
    for (const f of n.flags) {
      if (f.choices.length > 0) for (const name of f.names) flagValueCases.push(`    '${n.key}|${name}') echo '${f.choices.join(' ')}' ;;`);
    }
    n.argChoices.forEach((choices, i) => {
      if (choices.length > 0) argCases.push(`    '${n.key}|${i}') echo '${choices.join(' ')}' ;;`);
    });
  }
  return `# bash completion for ${m.name}
# Generated by \`${m.name} completion bash\` from the command definitions; do not edit.
# Install (one of):
#   ${m.name} completion bash > ~/.local/share/bash-completion/completions/${m.name}
#   echo 'source <(${m.name} completion bash)' >> ~/.bashrc

${cases('subcommands', (n) => n.subs.map((s) => s.name))}

${cases('flags', (n) => names(n.flags))}

${cases('value_flags', (n) => names(n.flags, (f) => f.takesValue))}

${cases('file_flags', (n) => names(n.flags, (f) => f.file))}

# Choices of a flag's value: "$1" is the command path, "$2" the flag.
${fn}_flag_values() {
  case "$1|$2" in
${flagValueCases.join('\n')}
  esac
}

# Choices of a positional argument: "$1" is the command path, "$2" its position.
${fn}_arg_values() {
  case "$1|$2" in
${argCases.join('\n')}
  esac
}

# Is "$1" one of the remaining arguments?
${fn}_in() {
  local w="$1"
  shift
  while [ "$#" -gt 0 ]; do
    [ "$w" = "$1" ] && return 0
    shift
  done
  return 1
}

${fn}() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="" path="" w flag="" prefix=""
  local i=1 nargs=0 skip=0 ended=0
  [ "$COMP_CWORD" -gt 0 ] && prev="\${COMP_WORDS[COMP_CWORD-1]}"
  COMPREPLY=()
  # Walk the words before the cursor: find the subcommand, count positional arguments, skip flag values.
  while [ "$i" -lt "$COMP_CWORD" ]; do
    w="\${COMP_WORDS[i]}"
    i=$((i + 1))
    if [ "$skip" = 1 ]; then
      # "--to=x" may arrive split as "--to" "=" "x" (COMP_WORDBREAKS has "=").
      [ "$w" = "=" ] || skip=0
      continue
    fi
    if [ "$ended" = 1 ]; then
      nargs=$((nargs + 1))
      continue
    fi
    case "$w" in
      --) ended=1 ;;
      --*=*) ;;
      -*)
        if ${fn}_in "$w" $(${fn}_value_flags "$path"); then
          skip=1
          flag="$w"
        fi
        ;;
      *)
        if [ "$nargs" = 0 ] && ${fn}_in "$w" $(${fn}_subcommands "$path"); then
          path="\${path:+$path }$w"
        else
          nargs=$((nargs + 1))
        fi
        ;;
    esac
  done
  # A flag's value: after "--to ", "--to=" or "--to=ta".
  if [ "$skip" = 1 ]; then
    [ "$cur" = "=" ] && cur=""
  elif [ "$ended" = 0 ] && [[ "$cur" == --*=* ]]; then
    flag="\${cur%%=*}"
    prefix="$flag="
    cur="\${cur#*=}"
    ${fn}_in "$flag" $(${fn}_value_flags "$path") || flag=""
  else
    flag=""
  fi
  if [ -n "$flag" ]; then
    if ${fn}_in "$flag" $(${fn}_file_flags "$path"); then
      COMPREPLY=($(compgen -f -- "$cur"))
      type compopt >/dev/null 2>&1 && compopt -o filenames 2>/dev/null
    else
      COMPREPLY=($(compgen -W "$(${fn}_flag_values "$path" "$flag")" -- "$cur"))
    fi
    if [ -n "$prefix" ] && [ "\${#COMPREPLY[@]}" -gt 0 ]; then
      COMPREPLY=("\${COMPREPLY[@]/#/$prefix}")
    fi
    return 0
  fi
  if [ "$ended" = 0 ] && [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$(${fn}_flags "$path")" -- "$cur"))
    return 0
  fi
  local subs
  subs="$(${fn}_subcommands "$path")"
  if [ -n "$subs" ] && [ "$nargs" = 0 ]; then
    COMPREPLY=($(compgen -W "$subs" -- "$cur"))
    return 0
  fi
  COMPREPLY=($(compgen -W "$(${fn}_arg_values "$path" "$nargs")" -- "$cur"))
  return 0
}

complete -F ${fn} ${m.name}
`;
}

// ---------------------------------------------------------------------------
// zsh

/** A single-quoted zsh/bash word. */
function sq(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function zshScript(m: Model): string {
  const fn = `_${m.name}`;
  const spec: string[] = [];
  for (const n of m.nodes) {
    spec.push(`    '${n.key}')`);
    spec.push(`      subs=(${n.subs.map((s) => s.name).join(' ')})`);
    spec.push(`      subs_desc=(${n.subs.map((s) => sq(`${s.name}:${oneLine(s.description)}`)).join(' ')})`);
    spec.push(`      flags_desc=(${n.flags.flatMap((f) => f.names.map((name) => sq(`${name}:${oneLine(f.description)}`))).join(' ')})`);
    spec.push(`      value_flags=(${names(n.flags, (f) => f.takesValue).join(' ')})`);
    spec.push(`      file_flags=(${names(n.flags, (f) => f.file).join(' ')})`);
    spec.push('      ;;');
  }
  const flagValueCases: string[] = [];
  const argCases: string[] = [];
  for (const n of m.nodes) {
    for (const f of n.flags) {
      if (f.choices.length > 0) for (const name of f.names) flagValueCases.push(`    '${n.key}|${name}') reply=(${f.choices.join(' ')}) ;;`);
    }
    n.argChoices.forEach((choices, i) => {
      if (choices.length > 0) argCases.push(`    '${n.key}|${i}') reply=(${choices.join(' ')}) ;;`);
    });
  }
  return `#compdef ${m.name}
# zsh completion for ${m.name}
# Generated by \`${m.name} completion zsh\` from the command definitions; do not edit.
# Install (one of):
#   ${m.name} completion zsh > "\${fpath[1]}/_${m.name}"    # then start a new shell
#   echo 'source <(${m.name} completion zsh)' >> ~/.zshrc   # after compinit

# Sets subs, subs_desc, flags_desc, value_flags and file_flags for the command path "$1".
${fn}_spec() {
  subs=() subs_desc=() flags_desc=() value_flags=() file_flags=()
  case "$1" in
${spec.join('\n')}
  esac
}

# Sets reply to the choices of flag "$2" of the command path "$1".
${fn}_flag_values() {
  reply=()
  case "$1|$2" in
${flagValueCases.join('\n')}
  esac
}

# Sets reply to the choices of positional argument "$2" (from 0) of the command path "$1".
${fn}_arg_values() {
  reply=()
  case "$1|$2" in
${argCases.join('\n')}
  esac
}

${fn}() {
  local cmdpath='' w flag='' cur="\${words[CURRENT]}"
  local -i i=2 nargs=0 skip=0 ended=0
  local -a reply subs subs_desc flags_desc value_flags file_flags
  ${fn}_spec ''
  # Walk the words before the cursor: find the subcommand, count positional arguments, skip flag values.
  while (( i < CURRENT )); do
    w="\${words[i]}"
    (( i++ ))
    if (( skip )); then
      skip=0
      continue
    fi
    if (( ended )); then
      (( nargs++ ))
      continue
    fi
    case "$w" in
      --) ended=1 ;;
      --*=*) ;;
      -*)
        if (( \${value_flags[(Ie)$w]} )); then
          skip=1
          flag="$w"
        fi
        ;;
      *)
        if (( nargs == 0 && \${subs[(Ie)$w]} )); then
          cmdpath="\${cmdpath:+$cmdpath }$w"
          ${fn}_spec "$cmdpath"
        else
          (( nargs++ ))
        fi
        ;;
    esac
  done
  if (( ! skip )); then
    flag=''
    if (( ! ended )) && [[ "$cur" == --*=* ]] && (( \${value_flags[(Ie)\${cur%%=*}]} )); then
      flag="\${cur%%=*}"
      compset -P '*='
    fi
  fi
  if [[ -n "$flag" ]]; then
    if (( \${file_flags[(Ie)$flag]} )); then
      _files
      return
    fi
    ${fn}_flag_values "$cmdpath" "$flag"
    (( \${#reply} )) && compadd -a reply
    return
  fi
  if (( ! ended )) && [[ "$cur" == -* ]]; then
    _describe -t options 'option' flags_desc
    return
  fi
  if (( \${#subs} && nargs == 0 )); then
    _describe -t commands 'command' subs_desc
    return
  fi
  ${fn}_arg_values "$cmdpath" "$nargs"
  (( \${#reply} )) && compadd -a reply
  return 0
}

if [ "\${funcstack[1]}" = "${fn}" ]; then
  ${fn} "$@"
else
  compdef ${fn} ${m.name}
fi
`;
}

// ---------------------------------------------------------------------------
// fish

/** A single-quoted fish word. */
function fq(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function fishScript(m: Model): string {
  const fn = `__${m.name}`;
  const subCases: string[] = [];
  const valueFlagCases: string[] = [];
  for (const n of m.nodes) {
    if (n.subs.length > 0) subCases.push(`        case '${n.key}'`, `            printf '%s\\n' ${n.subs.map((s) => s.name).join(' ')}`);
    const vf = names(n.flags, (f) => f.takesValue);
    if (vf.length > 0) valueFlagCases.push(`        case '${n.key}'`, `            printf '%s\\n' ${vf.join(' ')}`);
  }
  const lines: string[] = [];
  const flagLine = (f: Flag, cond?: string) => {
    const parts = [`complete -c ${m.name}`];
    if (cond) parts.push(`-n ${fq(cond)}`);
    for (const name of f.names) parts.push(name.startsWith('--') ? `-l ${name.slice(2)}` : `-s ${name.slice(1)}`);
    if (f.takesValue) parts.push(f.file ? '-r -F' : '-x');
    if (f.choices.length > 0) parts.push(`-a ${fq(f.choices.join(' '))}`);
    parts.push(`-d ${fq(oneLine(f.description))}`);
    return parts.join(' ');
  };
  lines.push('# Global flags (accepted after any command)');
  for (const f of m.globals) lines.push(flagLine(f));
  for (const n of m.nodes) {
    const cond = `${fn}_is "${n.key}"`;
    lines.push('', `# ${m.name}${n.key ? ' ' + n.key : ''}`);
    for (const s of n.subs) lines.push(`complete -c ${m.name} -n ${fq(`${fn}_is "${n.key}" 0`)} -a ${s.name} -d ${fq(oneLine(s.description))}`);
    for (const f of n.flags) if (!f.global) lines.push(flagLine(f, cond));
    n.argChoices.forEach((choices, i) => {
      if (choices.length > 0) lines.push(`complete -c ${m.name} -n ${fq(`${fn}_is "${n.key}" ${i}`)} -a ${fq(choices.join(' '))}`);
    });
  }
  return `# fish completion for ${m.name}
# Generated by \`${m.name} completion fish\` from the command definitions; do not edit.
# Install: ${m.name} completion fish > ~/.config/fish/completions/${m.name}.fish

function ${fn}_subcommands
    switch "$argv[1]"
${subCases.join('\n')}
    end
end

function ${fn}_value_flags
    switch "$argv[1]"
${valueFlagCases.join('\n')}
    end
end

# Prints the command path (e.g. "group reverse") and the number of positional arguments so far.
function ${fn}_state
    set -l tokens (commandline -opc)
    set -e tokens[1]
    set -l path ''
    set -l nargs 0
    set -l skip 0
    set -l ended 0
    for t in $tokens
        if test $skip = 1
            set skip 0
            continue
        end
        if test $ended = 1
            set nargs (math $nargs + 1)
            continue
        end
        switch $t
            case '--'
                set ended 1
            case '--*=*'
            case '-*'
                if contains -- $t (${fn}_value_flags "$path")
                    set skip 1
                end
            case '*'
                if test $nargs = 0; and contains -- $t (${fn}_subcommands "$path")
                    set path (string trim -- "$path $t")
                else
                    set nargs (math $nargs + 1)
                end
        end
    end
    printf '%s\\n' "$path" $nargs
end

# ${fn}_is PATH [NARGS]: the command line is at command PATH (with NARGS positional arguments so far).
function ${fn}_is
    set -l state (${fn}_state)
    test "$state[1]" = "$argv[1]"; or return 1
    if set -q argv[2]
        test "$state[2]" = "$argv[2]"; or return 1
    end
    return 0
end

# No file names unless a flag asks for one.
complete -c ${m.name} -f

${lines.join('\n')}
`;
}
