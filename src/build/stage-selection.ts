// Which stages a build walks: the target and, transitively, the stages it needs (FROM <stage> and
// COPY --from=<stage>), in Dockerfile order; a stage nothing leads to is skipped, as BuildKit skips it. Pure.
import type { GlobalScope } from './build-args.js';
import { findStage } from './build-args.js';
import type { Dockerfile } from './dockerfile/ast.js';

/** Indexes of the stages the stage at `target` depends on, itself included, ascending. */
export function stagesToBuild(dockerfile: Dockerfile, scope: GlobalScope, target: number): number[] {
  const needed = new Set<number>();
  const visit = (index: number): void => {
    if (needed.has(index)) return;
    needed.add(index);
    const base = scope.froms[index]?.baseStage;
    if (base !== undefined) visit(base);
    for (const ins of dockerfile.stages[index]?.instructions ?? []) {
      if ((ins.keyword !== 'COPY' && ins.keyword !== 'ADD') || ins.from === undefined) continue;
      // A stage-scoped ARG may name the stage: only the build itself can tell which, so keep every earlier one.
      if (ins.from.includes('$')) {
        for (let i = 0; i < index; i++) visit(i);
        continue;
      }
      const from = findStage(dockerfile, ins.from, index);
      if (from !== undefined) visit(from);
    }
  };
  visit(target);
  return [...needed].sort((a, b) => a - b);
}
