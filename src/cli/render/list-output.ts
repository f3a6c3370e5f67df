// The list and inspect outputs every command shares: rows through --format (podman's table by default),
// and inspect documents as a JSON array or one template line per document.
import { compileTemplate } from './go-template.js';
import { formatRows } from './format-output.js';

export function renderList(
  rows: readonly object[],
  format: string,
  options: { noHeading?: boolean; headers?: Record<string, string>; jsonIndent?: number } = {},
): string {
  const text = formatRows(rows, format, { defaultTable: format, headers: options.headers, jsonIndent: options.jsonIndent });
  if (!options.noHeading || !/^table(\s|$)/.test(format)) return text;
  return text.slice(text.indexOf('\n') + 1);
}

/** `inspect` output: a JSON array (podman and docker indent by 4), or the template applied per document. */
export function renderInspect(docs: readonly unknown[], format: string | undefined): string {
  if (!format || format === 'json') return `${JSON.stringify(docs, null, 4)}\n`;
  const template = compileTemplate(/(\n|\\n)$/.test(format) ? format : `${format}\n`);
  return docs.map((d) => template.execute(d)).join('');
}
