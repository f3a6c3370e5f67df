// Parses the subset of Go's text/template that `--format` needs into a small tree: text, actions with
// pipelines, if/else if/else, range (with `$k, $v :=`), with, and `{{-`/`-}}` trim markers.
import { InvalidArgumentError } from '../../errors/tsmoby-error.js';

export type Operand =
  | { kind: 'field'; base: 'dot' | 'root' | 'var'; name?: string; path: string[] }
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'nil' }
  | { kind: 'func'; name: string }
  | { kind: 'sub'; pipeline: Pipeline };

export interface Command { args: Operand[] }
export interface Pipeline { decl: string[]; commands: Command[]; source: string }

export type TemplateNode =
  | { kind: 'text'; text: string }
  | { kind: 'action'; pipeline: Pipeline }
  | { kind: 'if' | 'with'; pipeline: Pipeline; then: TemplateNode[]; else: TemplateNode[] }
  | { kind: 'range'; pipeline: Pipeline; body: TemplateNode[]; else: TemplateNode[] };

interface RawAction { body: string; elseIf?: boolean }
type Piece = string | RawAction;

export function templateError(template: string, reason: string): InvalidArgumentError {
  return new InvalidArgumentError(`invalid format template "${template}": ${reason}`);
}

/** Splits into text and `{{...}}` bodies, applying trim markers to the neighbouring text. */
function splitActions(src: string): Piece[] {
  const pieces: Piece[] = [];
  let pos = 0;
  let trimNext = false;
  while (pos <= src.length) {
    const open = src.indexOf('{{', pos);
    let text = open < 0 ? src.slice(pos) : src.slice(pos, open);
    if (trimNext) text = text.replace(/^\s+/, '');
    if (open < 0) { pieces.push(text); break; }
    let start = open + 2;
    if (/^- /.test(src.slice(start, start + 2)) || src.slice(start, start + 2) === '-\t') {
      text = text.replace(/\s+$/, '');
      start += 1;
    }
    pieces.push(text);
    const close = findClose(src, start);
    if (close < 0) throw templateError(src, 'unclosed action');
    let end = close;
    trimNext = / -$/.test(src.slice(close - 2, close)) || /\s-$/.test(src.slice(close - 2, close));
    if (trimNext) end = close - 1;
    pieces.push({ body: src.slice(start, end).trim() });
    pos = close + 2;
  }
  return pieces;
}

function findClose(src: string, from: number): number {
  let quote = '';
  for (let i = from; i < src.length; i++) {
    const c = src[i]!;
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === '`') quote = c;
    else if (c === '}' && src[i + 1] === '}') return i;
  }
  return -1;
}

function tokenize(body: string, template: string): string[] {
  const re = /\s*("(?:[^"\\]|\\.)*"|`[^`]*`|:=|\||\(|\)|,|[^\s|(),]+)/gy;
  const tokens: string[] = [];
  let m: RegExpExecArray | null;
  let pos = 0;
  while ((m = re.exec(body)) !== null) { tokens.push(m[1]!); pos = re.lastIndex; }
  if (body.slice(pos).trim()) throw templateError(template, `cannot parse "${body}"`);
  return tokens;
}

function parseOperand(tok: string, template: string): Operand {
  if (tok.startsWith('"')) {
    try { return { kind: 'string', value: JSON.parse(tok) as string }; } catch {
      throw templateError(template, `bad string ${tok}`);
    }
  }
  if (tok.startsWith('`')) return { kind: 'string', value: tok.slice(1, -1) };
  if (/^-?\d+(\.\d+)?$/.test(tok)) return { kind: 'number', value: Number(tok) };
  if (tok === 'true' || tok === 'false') return { kind: 'bool', value: tok === 'true' };
  if (tok === 'nil') return { kind: 'nil' };
  if (tok === '.') return { kind: 'field', base: 'dot', path: [] };
  if (/^(\.[A-Za-z_]\w*)+$/.test(tok)) return { kind: 'field', base: 'dot', path: tok.slice(1).split('.') };
  const v = /^\$(\w*)((?:\.[A-Za-z_]\w*)*)$/.exec(tok);
  if (v) {
    const path = v[2] ? v[2].slice(1).split('.') : [];
    return v[1] ? { kind: 'field', base: 'var', name: v[1], path } : { kind: 'field', base: 'root', path };
  }
  if (/^[A-Za-z_]\w*$/.test(tok)) return { kind: 'func', name: tok };
  throw templateError(template, `unexpected "${tok}"`);
}

function parsePipeline(tokens: string[], template: string, source: string): Pipeline {
  let i = 0;
  const decl: string[] = [];
  const assign = tokens.indexOf(':=');
  if (assign > 0) {
    for (const t of tokens.slice(0, assign)) if (t !== ',') {
      if (!/^\$\w+$/.test(t)) throw templateError(template, `bad variable declaration in "${source}"`);
      decl.push(t.slice(1));
    }
    i = assign + 1;
  }
  const commands: Command[] = [];
  let args: Operand[] = [];
  for (; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t === '|') {
      if (!args.length) throw templateError(template, `missing command in "${source}"`);
      commands.push({ args }); args = []; continue;
    }
    if (t === '(') {
      let depth = 1; let j = i + 1;
      for (; j < tokens.length && depth; j++) depth += tokens[j] === '(' ? 1 : tokens[j] === ')' ? -1 : 0;
      if (depth) throw templateError(template, `unclosed parenthesis in "${source}"`);
      args.push({ kind: 'sub', pipeline: parsePipeline(tokens.slice(i + 1, j - 1), template, source) });
      i = j - 1; continue;
    }
    if (t === ')' || t === ',' || t === ':=') throw templateError(template, `unexpected "${t}" in "${source}"`);
    args.push(parseOperand(t, template));
  }
  if (!args.length) throw templateError(template, `missing value in "${source}"`);
  commands.push({ args });
  return { decl, commands, source };
}

/** Parses a whole template; throws InvalidArgumentError naming the template on any syntax error. */
export function parseTemplate(template: string): TemplateNode[] {
  const pieces = splitActions(template);
  let idx = 0;
  const parseList = (terminators: string[]): { nodes: TemplateNode[]; end: string } => {
    const nodes: TemplateNode[] = [];
    while (idx < pieces.length) {
      const p = pieces[idx++]!;
      if (typeof p === 'string') { if (p) nodes.push({ kind: 'text', text: p }); continue; }
      const tokens = tokenize(p.body, template);
      const word = tokens[0] ?? '';
      if (word.startsWith('/*')) continue;
      if (word === 'end' || word === 'else') {
        if (!terminators.includes(word)) throw templateError(template, `unexpected {{${word}}}`);
        if (word === 'else' && tokens[1] === 'if') { idx--; pieces[idx] = { body: p.body.replace(/^else\s+/, ''), elseIf: true }; }
        return { nodes, end: word };
      }
      if (word === 'if' || word === 'with' || word === 'range') nodes.push(parseBlock(word, tokens.slice(1), p.body));
      else nodes.push({ kind: 'action', pipeline: parsePipeline(tokens, template, p.body) });
    }
    if (terminators.length) throw templateError(template, 'unexpected end of template, missing {{end}}');
    return { nodes, end: '' };
  };
  const parseBlock = (word: 'if' | 'with' | 'range', tokens: string[], source: string): TemplateNode => {
    const pipeline = parsePipeline(tokens, template, source);
    const body = parseList(['end', 'else']);
    let elseNodes: TemplateNode[] = [];
    if (body.end === 'else') {
      const next = pieces[idx];
      if (typeof next === 'object' && next.elseIf) {
        idx++;
        elseNodes = [parseBlock('if', tokenize(next.body, template).slice(1), next.body)];
      } else elseNodes = parseList(['end']).nodes;
    }
    if (word === 'range') return { kind: 'range', pipeline, body: body.nodes, else: elseNodes };
    return { kind: word, pipeline, then: body.nodes, else: elseNodes };
  };
  return parseList([]).nodes;
}
