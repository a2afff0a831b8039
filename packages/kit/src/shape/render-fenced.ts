import { escapeCell, escapeLine, jsonLine, LINE_BREAK, splitLines } from './text-lines.ts';
import {
  asTable,
  columnarTable,
  isRecord,
  isScalar,
  type Path,
  type RenderContext,
  scalarText,
  type Table,
} from './values.ts';

/**
 * The body of an answer's one fence (render.ts). Every line is the kit's: `key: value` with the value escaped on
 * its line, a table row a line with its cells escaped, `- item` a list entry, and text that spans lines as a `|`
 * block indented under its key or dash — so no value can start a line that passes for another field or entry,
 * whatever it holds. Nesting is structure down to FENCED_DEPTH levels, then JSON on one line: the text grows
 * with the data, not its depth, and the recursion is bounded.
 */

/** Levels of nesting written as structure inside the fence; deeper values are JSON on their line. */
const FENCED_DEPTH = 4;

/** `value` under `key` (or bare, when the answer itself is fenced), at `indent`. */
export function writeFenced(
  lines: string[],
  key: string | undefined,
  value: unknown,
  indent: string,
  path: Path,
  depth: number,
  ctx: RenderContext,
): void {
  const label = key === undefined ? undefined : `${indent}${escapeLine(key)}:`;
  const inner = key === undefined ? indent : `${indent}  `;
  if (isScalar(value)) {
    const text = scalarText(value, path, ctx);
    if (LINE_BREAK.test(text)) {
      if (label !== undefined) lines.push(`${label} |`);
      pushBlock(lines, text, inner);
    } else {
      lines.push(label === undefined ? indent + escapeLine(text) : `${label} ${escapeLine(text)}`);
    }
    return;
  }
  const entries = Array.isArray(value) ? value.length : Object.keys(value as object).length;
  if (entries === 0 || depth >= FENCED_DEPTH) {
    const text = Array.isArray(value) && value.length === 0 ? '(none)' : jsonLine(value);
    lines.push(label === undefined ? indent + text : `${label} ${text}`);
    return;
  }
  if (label !== undefined) lines.push(label);
  if (Array.isArray(value)) {
    const table = asTable(value);
    if (table) {
      for (const row of fencedTable(table, path, ctx, 'name')) lines.push(inner + row);
      return;
    }
    value.forEach((item, i) => {
      writeItem(lines, item, inner, [...path, i], depth + 1, ctx);
    });
    return;
  }
  const record = value as Record<string, unknown>;
  const table = columnarTable(record);
  for (const [childKey, child] of Object.entries(record)) {
    if (child === undefined || (table && childKey === 'columns')) continue;
    if (table && childKey === 'rows') {
      lines.push(`${inner}rows:`);
      for (const row of fencedTable(table, [...path, 'rows'], ctx, 'index')) lines.push(`${inner}  ${row}`);
      continue;
    }
    writeFenced(lines, childKey, child, inner, [...path, childKey], depth + 1, ctx);
  }
}

/** Text that spans lines, each line indented (an empty line left empty: it cannot pass for anything). */
function pushBlock(lines: string[], text: string, indent: string): void {
  for (const line of splitLines(text)) lines.push(line === '' ? '' : indent + line);
}

/** One list entry: `- text`, `- |` and its lines, or a record's `key: value` lines after the dash. */
function writeItem(
  lines: string[],
  item: unknown,
  indent: string,
  path: Path,
  depth: number,
  ctx: RenderContext,
): void {
  if (isScalar(item)) {
    const text = scalarText(item, path, ctx);
    if (LINE_BREAK.test(text)) {
      lines.push(`${indent}- |`);
      pushBlock(lines, text, `${indent}  `);
    } else {
      lines.push(`${indent}- ${escapeLine(text)}`);
    }
    return;
  }
  if (!isRecord(item) || depth >= FENCED_DEPTH) {
    // A list inside a list, or a record nested too deep: JSON on the dash's line.
    lines.push(`${indent}- ${Array.isArray(item) && item.length === 0 ? '(none)' : jsonLine(item)}`);
    return;
  }
  const block: string[] = [];
  writeFenced(block, undefined, item, `${indent}  `, path, depth, ctx);
  // The record's first line is a `key:` the kit wrote at the entry's indent: the dash takes the indent's place.
  const first = block[0] ?? `${indent}  {}`;
  block[0] = `${indent}- ${first.slice(indent.length + 2)}`;
  lines.push(...block);
}

/**
 * A table, every cell escaped: the header, then a row a line, nested cells as JSON. A row's cells are addressed
 * by column name (a list of records) or by index (a result set's rows).
 */
export function fencedTable(
  table: Table,
  path: Path,
  ctx: RenderContext,
  cellsBy: 'name' | 'index',
): string[] {
  const lines = [table.columns.map(escapeCell).join(' | ')];
  table.rows.forEach((row, i) => {
    const cells = row.map((cell, j) => {
      if (!isScalar(cell)) return escapeCell(jsonLine(cell));
      return escapeCell(
        scalarText(cell, [...path, i, cellsBy === 'name' ? (table.columns[j] as string) : j], ctx),
      );
    });
    lines.push(cells.join(' | '));
  });
  return lines;
}
