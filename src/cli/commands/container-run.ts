// `tsmoby run` and `tsmoby create`: every run flag (parsed by options/run-options.ts), one engine call, and
// for run the container's exit status as this command's.
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import type { CliContext } from '../cli-context.js';
import { collect } from '../options/collect.js';
import { parseRunOptions, type RunFlags } from '../options/run-options.js';
import { parseBool, startInteractive } from '../terminal.js';

/** The flags run and create share, as Podman and Docker spell them. */
export function addRunFlags(cmd: Command): Command {
  const many = (flags: string, description: string) => cmd.option(flags, description, collect, []);
  cmd.option('--rm', 'remove the container when it exits')
    .option('-i, --interactive', 'keep stdin open')
    .option('-t, --tty', 'allocate a pseudo-TTY')
    .option('--name <name>', 'assign a name to the container')
    .option('-w, --workdir <dir>', 'working directory inside the container')
    .option('-u, --user <user>', 'user[:group] to run as')
    .option('--entrypoint <cmd>', 'overwrite the default entrypoint of the image')
    .option('-h, --hostname <name>', 'container host name')
    .option('--read-only', 'mount the root filesystem read-only')
    .option('--privileged', 'give extended privileges to the container')
    .option('--init', 'run an init inside the container')
    .option('--restart <policy>', 'restart policy: no, on-failure[:N], always, unless-stopped')
    .option('--pull <policy>', 'pull image policy: always, missing, never, newer')
    .option('--stop-signal <signal>', 'signal to stop the container')
    .option('--stop-timeout <seconds>', 'timeout to stop the container')
    .option('-m, --memory <bytes>', 'memory limit')
    .option('--cpus <n>', 'number of CPUs')
    .option('--network <mode>', 'network mode: none, host, slirp4netns, container:<id>, <network>')
    .option('--net <mode>', 'alias for --network')
    .option('--ip <address>', 'IPv4 address on the network given with --network')
    .option('-P, --publish-all', 'publish all exposed ports to random ports');
  many('-e, --env <env>', 'set environment variables');
  many('--env-file <file>', 'read environment variables from a file');
  many('--group-add <group>', 'additional groups to join');
  many('-v, --volume <volume>', 'bind mount a volume');
  many('--mount <mount>', 'attach a filesystem mount');
  many('--tmpfs <tmpfs>', 'mount a tmpfs');
  many('--cap-add <cap>', 'add capabilities');
  many('--cap-drop <cap>', 'drop capabilities');
  many('--security-opt <opt>', 'security options');
  many('-l, --label <label>', 'set metadata on the container');
  many('--label-file <file>', 'read labels from a file');
  many('--ulimit <ulimit>', 'ulimit options');
  many('--log-opt <opt>', 'logging driver options');
  many('-p, --publish <port>', 'publish a container port to the host');
  many('--dns <ip>', 'custom DNS servers');
  many('--dns-search <domain>', 'custom DNS search domains');
  many('--dns-option <opt>', 'custom DNS options');
  many('--add-host <host:ip>', 'add a custom host-to-IP mapping');
  many('--network-alias <alias>', 'add a network-scoped alias for the container');
  many('--expose <port>', 'expose a port');
  return cmd.helpOption('--help', 'display help for command').passThroughOptions().allowExcessArguments(true);
}

function request(ctx: CliContext, image: string | undefined, command: string[], flags: RunFlags) {
  const req = parseRunOptions(image, command, flags, {
    cwd: process.cwd(),
    environment: process.env,
    readFile: (path) => readFileSync(path, 'utf8'),
  });
  for (const w of req.warnings) ctx.err(`WARNING: ${w}\n`);
  return req;
}

export function runCommand(ctx: CliContext): Command {
  const cmd = new Command('run')
    .description('Run a command in a new container')
    .argument('[image]', 'image to run')
    .argument('[command...]', 'command and arguments')
    .option('-d, --detach', 'run in the background and print the container id')
    .option('--sig-proxy <bool>', 'proxy received signals to the container (default true)')
    .option('--detach-keys <keys>', 'key sequence for detaching from a -it container (default ctrl-p,ctrl-q)');
  type Flags = RunFlags & { sigProxy?: string; detachKeys?: string };
  return addRunFlags(cmd).action(async (image: string | undefined, command: string[], flags: Flags) => {
    const req = request(ctx, image, command, flags);
    const engine = await ctx.engine();
    const session = req.detach ? undefined : startInteractive(ctx.io, {
      tty: req.settings.tty, stdin: req.settings.stdinOpen, sigProxy: parseBool(flags.sigProxy, '--sig-proxy', true),
      ...(flags.detachKeys !== undefined ? { detachKeys: flags.detachKeys } : {}),
    });
    try {
      const report = await engine.containers.run(req.image, req.settings, {
        ...(req.name !== undefined ? { name: req.name } : {}),
        ...(session ? { attach: { ...session.controls, ...(session.stdin ? { stdin: session.stdin } : {}), stdout: ctx.io.stdout, stderr: ctx.io.stderr } } : {}),
        onPullProgress: pullProgressPrinter(ctx),
      });
      if (req.detach) ctx.out(`${report.id}\n`);
      else ctx.setExitCode(report.exitCode ?? 0);
    } finally {
      // Raw mode off, and a piped stdin the container never read must not keep the event loop alive.
      session?.restore();
    }
  });
}

export function createCommand(ctx: CliContext): Command {
  const cmd = new Command('create')
    .description('Create but do not start a container')
    .argument('[image]', 'image to create the container from')
    .argument('[command...]', 'command and arguments');
  return addRunFlags(cmd).action(async (image: string | undefined, command: string[], flags: RunFlags) => {
    const req = request(ctx, image, command, flags);
    const engine = await ctx.engine();
    const report = await engine.containers.create(req.image, req.settings, {
      ...(req.name !== undefined ? { name: req.name } : {}),
      onPullProgress: pullProgressPrinter(ctx),
    });
    ctx.out(`${report.id}\n`);
  });
}

/** Podman prints pull progress on stderr when run/create has to pull. */
function pullProgressPrinter(ctx: CliContext) {
  return (event: { type: string; ref?: string; digest?: string; status?: string }) => {
    if (event.type === 'resolving') ctx.err(`Resolving "${event.ref}" ...\n`);
    else if (event.type === 'layer' && event.status === 'done') ctx.err(`Copying blob ${(event.digest ?? '').replace(/^sha256:/, '').slice(0, 12)} done\n`);
    else if (event.type === 'config') ctx.err(`Writing manifest to image destination\n`);
  };
}
