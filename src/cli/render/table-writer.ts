// Aligns tab-separated cells into columns like Go's text/tabwriter as Podman configures it (minimum width 12,
// padding 2): a cell ended by a tab is padded, the last cell of a line never is, so lines carry no trailing blanks.

export interface TableLayout {
  minWidth: number;
  padding: number;
}

export const PODMAN_TABLE: TableLayout = { minWidth: 12, padding: 2 };
export const DOCKER_TABLE: TableLayout = { minWidth: 10, padding: 3 };

const displayWidth = (s: string): number => [...s].length;

/** Lays out text whose lines hold tab-separated cells. Column widths follow tabwriter's blocks. */
export function alignColumns(text: string, layout: TableLayout = PODMAN_TABLE): string {
  const endsWithNewline = text.endsWith('\n');
  const lines = (endsWithNewline ? text.slice(0, -1) : text).split('\n').map((l) => l.split('\t'));
  const widths = lines.map((cells) => new Array<number>(Math.max(0, cells.length - 1)).fill(0));
  // A column's width is shared by the run of consecutive lines that all have a tab-terminated cell there.
  const maxColumns = Math.max(0, ...lines.map((c) => c.length - 1));
  for (let col = 0; col < maxColumns; col++) {
    let start = 0;
    while (start < lines.length) {
      if (lines[start]!.length - 1 <= col) { start++; continue; }
      let end = start;
      let width = 0;
      while (end < lines.length && lines[end]!.length - 1 > col) {
        width = Math.max(width, displayWidth(lines[end]![col]!) + layout.padding);
        end++;
      }
      width = Math.max(width, layout.minWidth);
      for (let i = start; i < end; i++) widths[i]![col] = width;
      start = end;
    }
  }
  const out = lines.map((cells, i) =>
    cells.map((cell, col) => (col < cells.length - 1 ? cell + ' '.repeat(widths[i]![col]! - displayWidth(cell)) : cell)).join(''),
  );
  return out.join('\n') + (endsWithNewline ? '\n' : '');
}
