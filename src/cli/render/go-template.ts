// Executes `--format` templates (Go text/template subset) over plain row objects: compile once, run per row.
// Field names are case-sensitive as in Go; a field missing on the row itself is an error, as for a Go struct.
import { parseTemplate, templateError, type Operand, type Pipeline, type TemplateNode } from './go-template-parse.js';
import { formatGoValue, goJson, goSprintf } from './go-value-format.js';

export interface GoTemplate {
  readonly source: string;
  readonly nodes: readonly TemplateNode[];
  execute(data: unknown): string;
}

type TemplateFunc = (...args: unknown[]) => unknown;

const isTrue = (v: unknown): boolean => {
  if (v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof Map) return v.size > 0;
  if (typeof v === 'object' && !(v instanceof Date)) return Object.keys(v).length > 0;
  return true;
};

const str = (v: unknown): string => (typeof v === 'string' ? v : formatGoValue(v));

function indexInto(container: unknown, key: unknown): unknown {
  if (container === null || container === undefined) return undefined;
  if (Array.isArray(container) || typeof container === 'string') {
    return typeof key === 'number' ? container[key] : undefined;
  }
  if (container instanceof Map) return container.get(key);
  if (typeof container === 'object') return (container as Record<string, unknown>)[String(key)];
  return undefined;
}

const FUNCS: Record<string, TemplateFunc> = {
  json: (v) => goJson(v),
  upper: (s) => str(s).toUpperCase(),
  lower: (s) => str(s).toLowerCase(),
  title: (s) => str(s).replace(/(^|\s)(\p{Ll})/gu, (_m, a: string, b: string) => a + b.toUpperCase()),
  truncate: (s, n) => str(s).slice(0, Number(n)),
  join: (list, sep) => (Array.isArray(list) ? list.map(str).join(str(sep)) : str(list)),
  split: (s, sep) => str(s).split(str(sep)),
  replace: (s, from, to) => str(s).split(str(from)).join(str(to)),
  pad: (s, n, ch) => str(s).padEnd(Number(n), ch === undefined ? ' ' : str(ch)),
  index: (c, ...keys) => keys.reduce<unknown>((acc, k) => indexInto(acc, k), c) ?? '',
  len: (v) => (Array.isArray(v) || typeof v === 'string' ? v.length : v instanceof Map ? v.size : Object.keys(v ?? {}).length),
  printf: (f, ...args) => goSprintf(str(f), args),
  print: (...args) => args.map(str).join(''),
  println: (...args) => `${args.map(str).join(' ')}\n`,
  not: (v) => !isTrue(v),
  and: (...args) => args.find((a) => !isTrue(a)) ?? args[args.length - 1],
  or: (...args) => args.find((a) => isTrue(a)) ?? args[args.length - 1],
  eq: (a, ...bs) => bs.some((b) => a === b),
  ne: (a, b) => a !== b,
  lt: (a, b) => (a as number) < (b as number),
  le: (a, b) => (a as number) <= (b as number),
  gt: (a, b) => (a as number) > (b as number),
  ge: (a, b) => (a as number) >= (b as number),
};

class MissingValue { static readonly instance = new MissingValue(); }

interface Scope { dot: unknown; root: unknown; vars: Map<string, unknown> }

class Executor {
  constructor(private readonly source: string) {}

  run(nodes: readonly TemplateNode[], scope: Scope, out: string[]): void {
    for (const node of nodes) {
      switch (node.kind) {
        case 'text': out.push(node.text); break;
        case 'action': {
          const v = this.pipeline(node.pipeline, scope);
          if (!node.pipeline.decl.length) out.push(v instanceof MissingValue ? '<no value>' : str(v));
          break;
        }
        case 'if': case 'with': {
          const v = this.pipeline(node.pipeline, scope);
          const ok = isTrue(v instanceof MissingValue ? undefined : v);
          const inner = node.kind === 'with' && ok ? { ...scope, dot: v } : scope;
          this.run(ok ? node.then : node.else, inner, out);
          break;
        }
        case 'range': this.range(node, scope, out); break;
      }
    }
  }

  private range(node: Extract<TemplateNode, { kind: 'range' }>, scope: Scope, out: string[]): void {
    const v = this.pipeline({ ...node.pipeline, decl: [] }, scope);
    let entries: [unknown, unknown][];
    if (Array.isArray(v)) entries = v.map((e, i) => [i, e]);
    else if (v instanceof Map) entries = [...v.entries()].sort(([a], [b]) => String(a).localeCompare(String(b)));
    else if (v && typeof v === 'object') entries = Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]]);
    else if (typeof v === 'number') entries = Array.from({ length: v }, (_x, i) => [i, i]);
    else if (v === null || v === undefined || v instanceof MissingValue) entries = [];
    else throw templateError(this.source, `range can't iterate over ${str(v)}`);
    if (!entries.length) { this.run(node.else, scope, out); return; }
    const decl = node.pipeline.decl;
    for (const [k, e] of entries) {
      const vars = new Map(scope.vars);
      if (decl.length === 1) vars.set(decl[0]!, e);
      if (decl.length === 2) { vars.set(decl[0]!, k); vars.set(decl[1]!, e); }
      this.run(node.body, { ...scope, dot: e, vars }, out);
    }
  }

  private pipeline(p: Pipeline, scope: Scope): unknown {
    let value: unknown;
    p.commands.forEach((cmd, i) => {
      const [head, ...rest] = cmd.args;
      const piped = i > 0 ? [value] : [];
      if (head!.kind === 'func') value = this.call(head!.name, [...rest.map((a) => this.operand(a, scope)), ...piped], p);
      else if (rest.length || piped.length) throw templateError(this.source, `can't give argument to non-function in "${p.source}"`);
      else value = this.operand(head!, scope);
    });
    if (p.decl.length === 1) scope.vars.set(p.decl[0]!, value);
    return value;
  }

  private call(name: string, args: unknown[], p: Pipeline): unknown {
    const fn = FUNCS[name];
    if (!fn) throw templateError(this.source, `function "${name}" not defined`);
    return fn(...args.map((a) => (a instanceof MissingValue ? undefined : a)));
  }

  private operand(op: Operand, scope: Scope): unknown {
    switch (op.kind) {
      case 'string': case 'number': case 'bool': return op.value;
      case 'nil': return null;
      case 'func': return this.call(op.name, [], { decl: [], commands: [], source: op.name });
      case 'sub': return this.pipeline(op.pipeline, scope);
      case 'field': {
        let base: unknown = op.base === 'dot' ? scope.dot : op.base === 'root' ? scope.root : scope.vars.get(op.name!);
        if (op.base === 'var' && !scope.vars.has(op.name!)) throw templateError(this.source, `undefined variable "$${op.name}"`);
        return this.walk(base, op.path, scope);
      }
    }
  }

  private walk(base: unknown, path: readonly string[], scope: Scope): unknown {
    let v = base;
    for (const [i, key] of path.entries()) {
      if (v instanceof MissingValue || v === null || v === undefined) return MissingValue.instance;
      if (v instanceof Map) { v = v.has(key) ? v.get(key) : MissingValue.instance; continue; }
      if (typeof v !== 'object' || Array.isArray(v)) {
        throw templateError(this.source, `can't evaluate field ${key} in type ${Array.isArray(v) ? 'slice' : typeof v}`);
      }
      if (key in v) { v = (v as Record<string, unknown>)[key]; continue; }
      // The row itself stands for a Go struct: an unknown field is the user's typo, not an empty value.
      if (i === 0 && v === scope.root) throw templateError(this.source, `can't evaluate field ${key}`);
      v = MissingValue.instance;
    }
    return v;
  }
}

export interface CompileOptions {
  /** Table templates: blanks between actions separate columns, as in `table {{.ID}} {{.Names}}`. */
  spacesAsTabs?: boolean;
}

/**
 * Compiles a template as typed on the command line: a literal `\t` or `\n` outside actions means tab and
 * newline, as in Podman and Docker.
 */
export function compileTemplate(source: string, options: CompileOptions = {}): GoTemplate {
  let nodes = mapText(parseTemplate(source), (t) => t.replace(/\\t/g, '\t').replace(/\\n/g, '\n'));
  if (options.spacesAsTabs) {
    nodes = nodes.map((n) => (n.kind === 'text' ? { kind: 'text', text: n.text.replace(/ +/g, '\t') } : n));
  }
  const executor = new Executor(source);
  return {
    source,
    nodes,
    execute(data: unknown): string {
      const out: string[] = [];
      executor.run(nodes, { dot: data, root: data, vars: new Map() }, out);
      return out.join('');
    },
  };
}

function mapText(nodes: TemplateNode[], fix: (text: string) => string): TemplateNode[] {
  return nodes.map((n) => {
    switch (n.kind) {
      case 'text': return { kind: 'text', text: fix(n.text) };
      case 'range': return { ...n, body: mapText(n.body, fix), else: mapText(n.else, fix) };
      case 'if': case 'with': return { ...n, then: mapText(n.then, fix), else: mapText(n.else, fix) };
      default: return n;
    }
  });
}
