// Which module defines which top-level word. Only the invoked command's module is loaded; `--help`
// loads them all. Shortcuts (images, rmi, pull, ...) build the same Command objects as the verb groups.
import type { Command } from 'commander';
import type { CliContext } from './cli-context.js';
import type { CommandModule } from './command-module.js';

export type CommandLoader = () => Promise<CommandModule>;

/** A top-level shortcut for a verb that also lives in a group (`pull` = `image pull`). */
function shortcut<M>(load: () => Promise<M>, make: (m: M, ctx: CliContext) => Command): CommandLoader {
  return async () => {
    const m = await load();
    return { register: (program, ctx) => { program.addCommand(make(m, ctx)); } };
  };
}

const pull = () => import('./commands/image-pull.js');
const push = () => import('./commands/image-push.js');
const list = () => import('./commands/image-list.js');
const tag = () => import('./commands/image-tag.js');
const remove = () => import('./commands/image-remove.js');
const archive = () => import('./commands/image-archive.js');
const history = () => import('./commands/image-history.js');
const login = () => import('./commands/login.js');
const run = () => import('./commands/container-run.js');
const lifecycle = () => import('./commands/container-lifecycle.js');
const misc = () => import('./commands/container-misc.js');
const build = () => import('./commands/image-build.js');
const commit = () => import('./commands/container-commit.js');

export const commandTable: Record<string, CommandLoader> = {
  version: () => import('./commands/version.js'),
  completion: () => import('./commands/completion.js'),
  image: () => import('./commands/image.js'),
  pull: shortcut(pull, (m, ctx) => m.pullCommand(ctx)),
  push: shortcut(push, (m, ctx) => m.pushCommand(ctx)),
  images: shortcut(list, (m, ctx) => m.imageListCommand(ctx, 'images', [])),
  tag: shortcut(tag, (m, ctx) => m.tagCommand(ctx)),
  untag: shortcut(tag, (m, ctx) => m.untagCommand(ctx)),
  rmi: shortcut(remove, (m, ctx) => m.imageRemoveCommand(ctx, 'rmi', [])),
  save: shortcut(archive, (m, ctx) => m.saveCommand(ctx)),
  load: shortcut(archive, (m, ctx) => m.loadCommand(ctx)),
  history: shortcut(history, (m, ctx) => m.historyCommand(ctx)),
  login: shortcut(login, (m, ctx) => m.loginCommand(ctx)),
  logout: shortcut(login, (m, ctx) => m.logoutCommand(ctx)),
  build: shortcut(build, (m, ctx) => m.buildCommand(ctx)),
  commit: shortcut(commit, (m, ctx) => m.commitCommand(ctx)),
  container: () => import('./commands/container.js'),
  volume: () => import('./commands/volume.js'),
  network: () => import('./commands/network.js'),
  run: shortcut(run, (m, ctx) => m.runCommand(ctx)),
  create: shortcut(run, (m, ctx) => m.createCommand(ctx)),
  start: shortcut(lifecycle, (m, ctx) => m.startCommand(ctx)),
  stop: shortcut(lifecycle, (m, ctx) => m.stopCommand(ctx)),
  kill: shortcut(lifecycle, (m, ctx) => m.killCommand(ctx)),
  restart: shortcut(lifecycle, (m, ctx) => m.restartCommand(ctx)),
  rm: shortcut(lifecycle, (m, ctx) => m.removeCommand(ctx)),
  ps: shortcut(() => import('./commands/container-list.js'), (m, ctx) => m.psCommand(ctx)),
  logs: shortcut(() => import('./commands/container-logs.js'), (m, ctx) => m.logsCommand(ctx)),
  inspect: shortcut(() => import('./commands/container-inspect.js'), (m, ctx) => m.inspectCommand(ctx)),
  cp: shortcut(() => import('./commands/container-copy.js'), (m, ctx) => m.copyCommand(ctx)),
  diff: shortcut(() => import('./commands/container-copy.js'), (m, ctx) => m.diffCommand(ctx)),
  wait: shortcut(misc, (m, ctx) => m.waitCommand(ctx)),
  rename: shortcut(misc, (m, ctx) => m.renameCommand(ctx)),
  exec: shortcut(() => import('./commands/container-exec.js'), (m, ctx) => m.execCommand(ctx)),
  attach: shortcut(() => import('./commands/container-attach.js'), (m, ctx) => m.attachCommand(ctx)),
  top: shortcut(() => import('./commands/container-attach.js'), (m, ctx) => m.topCommand(ctx)),
  port: shortcut(misc, (m, ctx) => m.portCommand(ctx)),
  system: () => import('./commands/system.js'),
  info: shortcut(() => import('./commands/system-info.js'), (m, ctx) => m.infoCommand(ctx)),
  events: shortcut(() => import('./commands/system-info.js'), (m, ctx) => m.eventsCommand(ctx)),
  generate: () => import('./commands/generate-systemd.js'),
};
