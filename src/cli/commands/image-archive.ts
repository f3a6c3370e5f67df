// `tsmoby save` / `load`: images to and from docker-archive or oci-archive tarballs (file or stdio).
import { Command } from 'commander';
import { InvalidArgumentError } from '../../errors/tsmoby-error.js';
import type { ArchiveFormat } from '../../engine/engine.js';
import type { CliContext } from '../cli-context.js';

export function saveCommand(ctx: CliContext, name = 'save'): Command {
  return new Command(name)
    .description('Save image(s) to an archive')
    .argument('<image...>', 'images to save')
    .option('-o, --output <file>', 'write to a file (default: stdout, which must not be a terminal)')
    .option('--format <format>', 'docker-archive or oci-archive', 'docker-archive')
    .option('-q, --quiet', 'suppress the output')
    .action(async (images: string[], flags: { output?: string; format: string }) => {
      if (flags.format !== 'docker-archive' && flags.format !== 'oci-archive') {
        throw new InvalidArgumentError(`unsupported format "${flags.format}": use docker-archive or oci-archive`);
      }
      if (!flags.output && ctx.io.stdout.isTTY) {
        throw new InvalidArgumentError('refusing to save to terminal: use -o flag or redirect');
      }
      const engine = await ctx.engine();
      await engine.images.save(images, flags.output ? { path: flags.output } : { stream: ctx.io.stdout }, { format: flags.format as ArchiveFormat });
    });
}

export function loadCommand(ctx: CliContext, name = 'load'): Command {
  return new Command(name)
    .description('Load image(s) from a tar archive (docker-archive or oci-archive, optionally gzipped)')
    .option('-i, --input <file>', 'read from a file (default: stdin)')
    .option('-q, --quiet', 'suppress the progress output')
    .action(async (flags: { input?: string }) => {
      if (!flags.input && ctx.io.stdin.isTTY) {
        throw new InvalidArgumentError('cannot read from terminal: use -i flag or redirect input');
      }
      const engine = await ctx.engine();
      const report = await engine.images.load(flags.input ? { path: flags.input } : { stream: ctx.io.stdin });
      ctx.out(`Loaded image: ${report.images.join('\nLoaded image: ')}\n`);
    });
}
