// Turns report rows into what `--format` asks for, as Podman does: `table` (the command's default columns),
// `table <template>` (a header line, aligned columns), a plain template (one line per row, no header),
// and `json` (one pretty JSON array).
import { compileTemplate, type GoTemplate } from './go-template.js';
import type { Operand, Pipeline, TemplateNode } from './go-template-parse.js';
import { alignColumns, PODMAN_TABLE, type TableLayout } from './table-writer.js';

export interface FormatSpec {
  /** What no `--format` and `--format table` print, e.g. 'table {{.Repository}}\t{{.Tag}}\t{{.ID}}'. */
  defaultTable: string;
  /** Column titles by field name ({ ID: 'IMAGE ID' }); other fields: the name split into upper-case words. */
  headers?: Readonly<Record<string, string>>;
  layout?: TableLayout;
  /** Spaces per level for `--format json` (Podman: 4 for images, 2 for ps). */
  jsonIndent?: number;
  /** What `--format json` prints for one row, when it differs from the template fields. */
  toJson?: (row: object) => unknown;
}

/** The text to write to stdout for `rows` under `format` (undefined: no --format given). */
export function formatRows(rows: readonly object[], format: string | undefined, spec: FormatSpec): string {
  const f = format === undefined || format === '' || format === 'table' ? spec.defaultTable : format;
  if (f === 'json') {
    const data = spec.toJson ? rows.map((r) => spec.toJson!(r)) : rows;
    return `${JSON.stringify(data, null, spec.jsonIndent ?? 4)}\n`;
  }
  const table = /^table(\s|$)/.test(f);
  const body = withNewline(table ? f.replace(/^table\s?/, '') : f);
  const template = compileTemplate(body, { spacesAsTabs: table });
  const lines = rows.map((r) => template.execute(r));
  if (!table) return lines.join('');
  const header = headerLine(template, spec.headers ?? {});
  return alignColumns(header + lines.join(''), spec.layout ?? PODMAN_TABLE);
}

/** Podman always ends a row's template with a newline unless the user did. */
function withNewline(template: string): string {
  return /(\n|\\n)$/.test(template) ? template : `${template}\n`;
}

/** "CreatedSince" -> "CREATED SINCE", "RepoTags" -> "REPO TAGS", "ID" -> "ID". */
export function headerForField(field: string): string {
  return field.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2').toUpperCase();
}

function firstField(p: Pipeline): string[] | undefined {
  const visit = (op: Operand): string[] | undefined => {
    if (op.kind === 'field' && op.base !== 'var' && op.path.length) return op.path;
    if (op.kind === 'sub') return firstField(op.pipeline);
    return undefined;
  };
  for (const cmd of p.commands) for (const op of cmd.args) {
    const found = visit(op);
    if (found) return found;
  }
  return undefined;
}

/** The header row: each action replaced by the title of the first field it reads, text kept. */
export function headerLine(template: GoTemplate, headers: Readonly<Record<string, string>>): string {
  const title = (p: Pipeline): string => {
    const path = firstField(p);
    if (!path) return '';
    return headers[path.join('.')] ?? headers[path[0]!] ?? headerForField(path[path.length - 1]!);
  };
  const walk = (nodes: readonly TemplateNode[]): string =>
    nodes.map((n) => {
      if (n.kind === 'text') return n.text;
      return title(n.pipeline);
    }).join('');
  return walk(template.nodes);
}
