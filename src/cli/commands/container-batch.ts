// The batch verbs (start, stop, kill, restart, rm): print each container as given when it succeeded, each
// failure on stderr, and fail with the last error, as Podman does.
import type { BatchItemReport } from '../../engine/engine.js';
import type { CliContext } from '../cli-context.js';

export function reportBatch(ctx: CliContext, reports: readonly BatchItemReport[], show: (r: BatchItemReport) => string = (r) => r.input): void {
  const failed = reports.filter((r) => r.error);
  for (const r of reports) if (!r.error && r.id !== undefined) ctx.out(`${show(r)}\n`);
  for (const r of failed.slice(0, -1)) ctx.err(`Error: ${r.error!.message}\n`);
  const last = failed.at(-1);
  if (last) throw last.error;
}
