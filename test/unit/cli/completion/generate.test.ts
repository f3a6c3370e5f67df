import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { generateCompletion } from '../../../../src/cli/completion/generate.js';
import { completionModel } from '../../../../src/cli/completion/completion-model.js';

function program(): Command {
  const p = new Command('tsmoby').option('--root <dir>', 'storage root').option('--debug', 'debug output');
  const image = p.command('image').description('Manage images');
  image.command('ls').alias('list').description('List images').option('-a, --all', 'show all').option('-f, --filter <f>', "filter ('key=value')");
  image.command('rm').description('Remove images').option('--force', 'force');
  p.command('images').description('List images').option('-q, --quiet', 'ids only');
  p.command('run').description('Run a command in a new container').option('-e, --env <kv>', 'set env').option('--rm', 'remove after');
  p.command('secret-thing', { hidden: true });
  return p;
}

const hasShell = (name: string) => ['/usr/bin', '/bin'].some((d) => existsSync(join(d, name)));
const dir = mkdtempSync(join(tmpdir(), 'completion-'));

describe('completionModel', () => {
  it('reads commands, aliases and options, leaving hidden commands out', () => {
    const m = completionModel(program());
    expect(m.commands.map((c) => c.names)).toEqual([['image'], ['images'], ['run'], ['help']]);
    const ls = m.commands[0]!.commands[0]!;
    expect(ls).toMatchObject({ path: ['image', 'ls'], names: ['ls', 'list'], description: 'List images' });
    expect(ls.options.map((o) => [o.flags, o.takesValue])).toContainEqual([['-f', '--filter'], true]);
  });
});

describe.skipIf(!hasShell('bash'))('bash completion (needs bash)', () => {
  const script = join(dir, 'tsmoby.bash');
  writeFileSync(script, generateCompletion(program(), 'bash'));
  const complete = (line: string): string[] => {
    const words = line.split(' ');
    const arr = words.map((w) => `'${w}'`).join(' ');
    const out = execFileSync('bash', ['-c', `source '${script}'; COMP_WORDS=(${arr}); COMP_CWORD=${words.length - 1}; _tsmoby; printf '%s\\n' "\${COMPREPLY[@]}"`], { encoding: 'utf8' });
    return out.split('\n').filter(Boolean);
  };

  it('completes top-level commands', () => {
    expect(complete('tsmoby im')).toEqual(['image', 'images']);
  });

  it('completes subcommands and their aliases, skipping global option values', () => {
    expect(complete('tsmoby --root /x image l')).toEqual(['ls', 'list']);
  });

  it('completes the options of the command at the cursor', () => {
    expect(complete('tsmoby image list -')).toEqual(['-a', '--all', '-f', '--filter', '-h', '--help']);
    expect(complete('tsmoby run --r')).toEqual(['--rm']);
  });

  it('offers nothing of its own for an option value (the shell completes files)', () => {
    expect(complete('tsmoby run -e ')).toEqual([]);
  });
});

describe('zsh and fish scripts', () => {
  it('zsh: a #compdef script with described commands and options', () => {
    const z = generateCompletion(program(), 'zsh');
    expect(z.startsWith('#compdef tsmoby\n')).toBe(true);
    expect(z).toContain("'image|ls'|'image|list') echo 'image ls' ;;");
    expect(z).toContain("'list:List images'");
    expect(z).toContain("'--filter:filter ('\\''key=value'\\'')'");
  });

  it('fish: complete lines per command path with -r for valued options', () => {
    const f = generateCompletion(program(), 'fish');
    expect(f).toContain("complete -c tsmoby -n '__tsmoby_at \\'image\\'' -f -a 'list' -d 'List images'");
    expect(f).toContain("complete -c tsmoby -n '__tsmoby_at \\'image ls\\'' -s f -l filter -r -d 'filter (\\'key=value\\')'");
    expect(f).not.toContain('secret-thing');
  });

  it.skipIf(!hasShell('zsh'))('zsh parses the script (needs zsh)', () => {
    const file = join(dir, '_tsmoby');
    writeFileSync(file, generateCompletion(program(), 'zsh'));
    execFileSync('zsh', ['-n', file]);
  });

  it.skipIf(!hasShell('fish'))('fish completes through the script (needs fish)', () => {
    const file = join(dir, 'tsmoby.fish');
    writeFileSync(file, generateCompletion(program(), 'fish'));
    const out = execFileSync('fish', ['-c', `source '${file}'; complete -C 'tsmoby --root /x image l'`], { encoding: 'utf8' });
    expect(out.split('\n').filter(Boolean).map((l) => l.split('\t')[0])).toEqual(['list', 'ls']);
  });
});
