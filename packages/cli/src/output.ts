/** One column of a table: its header and how to show a row's value in it. */
export interface Column<Row> {
  readonly header: string;
  readonly value: (row: Row) => string | number | undefined;
  /** Numbers read best right-aligned. */
  readonly align?: 'left' | 'right';
}

/**
 * Rows as aligned columns under a header, two spaces apart. Control characters in values (a newline in a
 * summary) are shown as spaces, so one row stays one line.
 */
export function formatTable<Row>(columns: readonly Column<Row>[], rows: readonly Row[]): string[] {
  return tableWriter(columns)(rows, true);
}

/**
 * A table printed in batches (a followed log): column widths only grow, so later rows line up with earlier ones
 * unless a value is wider than any before it. Pass `header` for the first batch.
 */
export function tableWriter<Row>(columns: readonly Column<Row>[]) {
  const widths = columns.map((column) => column.header.length);
  const render = (line: readonly string[]) =>
    line
      .map((cell, i) => {
        const width = widths[i] as number;
        if (columns[i]?.align === 'right') return cell.padStart(width);
        // The last column is not padded, so lines carry no trailing blanks.
        return i === line.length - 1 ? cell : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  return (rows: readonly Row[], header: boolean): string[] => {
    const cells = rows.map((row) => columns.map((column) => cellText(column.value(row))));
    for (const line of cells) {
      line.forEach((cell, i) => {
        widths[i] = Math.max(widths[i] as number, cell.length);
      });
    }
    const lines = cells.map(render);
    return header ? [render(columns.map((c) => c.header)), ...lines] : lines;
  };
}

/** `label: value` lines with the labels aligned, skipping values that are absent. */
export function formatFields(fields: readonly (readonly [string, string | number | undefined])[]): string[] {
  const present = fields.filter(([, value]) => value !== undefined && value !== '');
  const width = Math.max(0, ...present.map(([label]) => label.length + 1));
  return present.map(([label, value]) => `${`${label}:`.padEnd(width)}  ${cellText(value)}`);
}

/** One compact JSON document per line (JSON Lines), for `jq` and log tools. */
export function jsonLine(value: unknown): string {
  return JSON.stringify(value);
}

function cellText(value: string | number | undefined): string {
  if (value === undefined) return '-';
  return String(value).replace(/[\u0000-\u001f\u007f]+/g, ' ');
}
