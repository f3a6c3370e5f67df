// Generates bash, zsh and fish completion scripts from the commander tree, so that every command, alias and
// option the CLI has is completed and nothing else. Each script finds the command path the same way: walk the
// words typed so far, skip the values of options that take one, descend on subcommand names and aliases.
import type { Command } from 'commander';
import { allCommands, completionModel, pathKey, type CompletionCommand } from './completion-model.js';

export type Shell = 'bash' | 'zsh' | 'fish';
export const SHELLS: readonly Shell[] = ['bash', 'zsh', 'fish'];

const sq = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
const fishQ = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const optionWords = (c: CompletionCommand) => c.options.flatMap((o) => o.flags);
const valuedWords = (c: CompletionCommand) => c.options.filter((o) => o.takesValue).flatMap((o) => o.flags);
const childNames = (c: CompletionCommand) => c.commands.flatMap((s) => s.names);

/** A case statement (bash and zsh share the syntax) from `$1|$2` (path|word) to the child's path. */
function shCaseChild(fn: string, cmds: CompletionCommand[]): string {
  const arms = cmds.flatMap((c) => c.commands.map((s) =>
    `    ${s.names.map((n) => sq(`${pathKey(c)}|${n}`)).join('|')}) echo ${sq(pathKey(s))} ;;`));
  return `${fn}() {\n  case "$1|$2" in\n${arms.join('\n')}\n  esac\n}\n`;
}

/** A case statement from a path to lines of text (one word, or one `word:description`, per line). */
function shCaseLines(fn: string, cmds: CompletionCommand[], lines: (c: CompletionCommand) => string[]): string {
  const arms = cmds
    .map((c) => ({ c, l: lines(c) }))
    .filter(({ l }) => l.length)
    .map(({ c, l }) => `    ${sq(pathKey(c))}) printf '%s\\n' ${l.map(sq).join(' ')} ;;`);
  return `${fn}() {\n  case "$1" in\n${arms.join('\n')}\n  esac\n}\n`;
}

/** The loop both bash and zsh use to find the command path; `$words`/`$cword` are set by the caller. */
function shWalk(prog: string, first: number): string {
  return [
    `  local cmdpath='' skip=0 i w next`,
    `  for ((i = ${first}; i < cword; i++)); do`,
    `    w="\${words[i]}"`,
    `    if ((skip)); then skip=0; continue; fi`,
    `    if [[ $w == -* ]]; then`,
    `      if [[ $w != *=* ]] && __${prog}_valued "$cmdpath" | grep -qxF -- "$w"; then skip=1; fi`,
    `      continue`,
    `    fi`,
    `    next="$(__${prog}_child "$cmdpath" "$w")"`,
    `    [[ -n $next ]] && cmdpath="$next"`,
    `  done`,
  ].join('\n');
}

function header(shell: Shell, prog: string): string {
  return `# ${shell} completion for ${prog}\n# Generated from the command tree; regenerate it instead of editing it.\n`;
}

function bash(root: CompletionCommand, prog: string): string {
  const cmds = allCommands(root);
  return [
    header('bash', prog),
    shCaseChild(`__${prog}_child`, cmds),
    shCaseLines(`__${prog}_commands`, cmds, childNames),
    shCaseLines(`__${prog}_options`, cmds, optionWords),
    shCaseLines(`__${prog}_valued`, cmds, valuedWords),
    `_${prog}() {`,
    `  local cur="\${COMP_WORDS[COMP_CWORD]}" cword=$COMP_CWORD`,
    `  local -a words=("\${COMP_WORDS[@]}")`,
    shWalk(prog, 1),
    `  ((skip)) && return 0`,
    `  if [[ $cur == -* ]]; then`,
    `    COMPREPLY=($(compgen -W "$(__${prog}_options "$cmdpath")" -- "$cur"))`,
    `  else`,
    `    COMPREPLY=($(compgen -W "$(__${prog}_commands "$cmdpath")" -- "$cur"))`,
    `  fi`,
    `}`,
    `complete -o default -F _${prog} ${prog}`,
    '',
  ].join('\n');
}

const zshEntry = (name: string, desc: string): string => `${name.replace(/:/g, '\\:')}:${desc}`;

function zsh(root: CompletionCommand, prog: string): string {
  const cmds = allCommands(root);
  return [
    `#compdef ${prog}`,
    header('zsh', prog),
    shCaseChild(`__${prog}_child`, cmds),
    shCaseLines(`__${prog}_commands`, cmds, (c) => c.commands.flatMap((s) => s.names.map((n) => zshEntry(n, s.description)))),
    shCaseLines(`__${prog}_options`, cmds, (c) => c.options.flatMap((o) => o.flags.map((f) => zshEntry(f, o.description)))),
    shCaseLines(`__${prog}_valued`, cmds, valuedWords),
    `_${prog}() {`,
    `  local cword=$CURRENT`,
    shWalk(prog, 2),
    `  if ((skip)); then _files; return; fi`,
    `  local -a entries`,
    `  if [[ \${words[CURRENT]} == -* ]]; then`,
    `    entries=(\${(f)"$(__${prog}_options "$cmdpath")"})`,
    `    _describe -t options option entries`,
    `  else`,
    `    entries=(\${(f)"$(__${prog}_commands "$cmdpath")"})`,
    `    if (( \${#entries} )); then _describe -t commands command entries; else _files; fi`,
    `  fi`,
    `}`,
    `if [[ $zsh_eval_context[-1] == loadautofunc ]]; then _${prog} "$@"; else compdef _${prog} ${prog}; fi`,
    '',
  ].join('\n');
}

function fishSwitch(fn: string, cmds: CompletionCommand[], arms: (c: CompletionCommand) => string[]): string {
  const body = cmds.flatMap(arms).map((a) => `        ${a}`);
  return `function ${fn}\n    switch "$argv[1]|$argv[2]"\n${body.join('\n')}\n    end\nend\n`;
}

function fish(root: CompletionCommand, prog: string): string {
  const cmds = allCommands(root);
  const lines = [
    header('fish', prog),
    fishSwitch(`__${prog}_child`, cmds, (c) => c.commands.map((s) =>
      `case ${s.names.map((n) => fishQ(`${pathKey(c)}|${n}`)).join(' ')}; echo ${fishQ(pathKey(s))}`)),
    fishSwitch(`__${prog}_valued`, cmds, (c) => (valuedWords(c).length
      ? [`case ${fishQ(`${pathKey(c)}|`)}; printf '%s\\n' ${valuedWords(c).map(fishQ).join(' ')}`] : [])),
    `function __${prog}_path`,
    `    set -l words (commandline -opc)`,
    `    set -e words[1]`,
    `    set -l cmdpath ''`,
    `    set -l skip 0`,
    `    for w in $words`,
    `        if test $skip = 1; set skip 0; continue; end`,
    `        if string match -q -- '-*' $w`,
    `            if not string match -q -- '*=*' $w; and contains -- $w (__${prog}_valued $cmdpath '')`,
    `                set skip 1`,
    `            end`,
    `            continue`,
    `        end`,
    `        set -l next (__${prog}_child $cmdpath $w)`,
    `        if test -n "$next"; set cmdpath $next; end`,
    `    end`,
    `    echo $cmdpath`,
    `end`,
    `function __${prog}_at`,
    `    set -l p (__${prog}_path)`,
    `    test "$p" = "$argv[1]"`,
    `end`,
    '',
  ];
  for (const c of cmds) {
    const at = `-n ${fishQ(`__${prog}_at ${fishQ(pathKey(c))}`)}`;
    for (const s of c.commands) for (const n of s.names) {
      lines.push(`complete -c ${prog} ${at} -f -a ${fishQ(n)} -d ${fishQ(s.description)}`);
    }
    for (const o of c.options) {
      const flags = o.flags.map((f) => (f.startsWith('--') ? `-l ${f.slice(2)}` : f.length === 2 ? `-s ${f.slice(1)}` : `-o ${f.slice(1)}`));
      lines.push(`complete -c ${prog} ${at} ${flags.join(' ')}${o.takesValue ? ' -r' : ''} -d ${fishQ(o.description)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The completion script for `shell` of the program `program` (its name is the command completed). */
export function generateCompletion(program: Command, shell: Shell): string {
  const root = completionModel(program);
  const prog = program.name().replace(/[^A-Za-z0-9_]/g, '_');
  switch (shell) {
    case 'bash': return bash(root, prog);
    case 'zsh': return zsh(root, prog);
    case 'fish': return fish(root, prog);
  }
}
