// `tsmoby push` / `image push`: upload a local image to a registry.
import { Command } from 'commander';
import type { CliContext } from '../cli-context.js';
import { renderProgress } from '../render/progress.js';
import { parseBool, parseCreds } from './image-pull.js';

export function pushCommand(ctx: CliContext, name = 'push'): Command {
  return new Command(name)
    .description('Push an image to a specified destination')
    .argument('<image>', 'local image')
    .argument('[destination]', 'registry reference to push to (default: the image name)')
    .option('-q, --quiet', 'suppress output information when pushing images')
    .option('--tls-verify [bool]', 'require HTTPS and verify certificates', parseBool)
    .option('--creds <user:password>', 'credentials to use for this push')
    .option('--cert-dir <dir>', 'use the certificates (*.crt, *.cert, *.key) in this directory for the registry')
    .action(async (image: string, destination: string | undefined, flags: { quiet?: boolean; tlsVerify?: boolean; creds?: string; certDir?: string }) => {
      const engine = await ctx.engine();
      const events = engine.images.push(image, destination, { tlsVerify: flags.tlsVerify, credentials: parseCreds(flags.creds), certDir: flags.certDir });
      await renderProgress(events, ctx.io, { quiet: flags.quiet === true, printId: false });
    });
}
