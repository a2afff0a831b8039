import { fenceUntrusted } from './fence.ts';
import { type PathPattern, pathMatches } from './paths.ts';

/**
 * The compact text form of a tool's typed output: what a model reads when it does not read
 * `structuredContent`. Objects become `key: value` lines, uniform lists of flat records become tables, and
 * third-party text is fenced as untrusted data. Far fewer tokens than pretty-printed JSON, nothing dropped.
 * A table or list of scalars holding third-party text is fenced once as a whole (not cell by cell), with its
 * cells escaped so each record stays on one line: `\\` for a backslash, `\n` / `\r` for line breaks, `\|` for a
 * pipe inside a table cell.
 */
export function renderText(
  value: unknown,
  untrusted: readonly PathPattern[] = [],
  source = 'output',
): string {
  const lines: string[] = [];
  renderInto(lines, value, '', [], untrusted, source);
  return lines.join('\n');
}

type Path = (string | number)[];

function isUntrusted(path: Path, untrusted: readonly PathPattern[]): boolean {
  return untrusted.some((pattern) => pathMatches(path, pattern));
}

function scalar(value: unknown): string {
  if (value === null || value === undefined) return '-';
  if (typeof value === 'string') return value;
  return String(value);
}

function isScalar(value: unknown): boolean {
  return value === null || (typeof value !== 'object' && typeof value !== 'function');
}

function renderInto(
  lines: string[],
  value: unknown,
  indent: string,
  path: Path,
  untrusted: readonly PathPattern[],
  source: string,
): void {
  if (Array.isArray(value)) {
    renderArray(lines, value, indent, path, untrusted, source);
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (child === undefined) continue;
      const childPath = [...path, key];
      if (isScalar(child)) {
        pushScalar(lines, `${indent}${key}: `, child, indent, childPath, untrusted, source);
      } else if (Array.isArray(child) && child.length === 0) {
        lines.push(`${indent}${key}: (none)`);
      } else if (
        Array.isArray(child) &&
        child.every(isScalar) &&
        !isUntrusted([...childPath, 0], untrusted)
      ) {
        lines.push(`${indent}${key}: ${child.map(scalar).join(', ')}`);
      } else {
        lines.push(`${indent}${key}:`);
        renderInto(lines, child, `${indent}  `, childPath, untrusted, source);
      }
    }
    return;
  }
  pushScalar(lines, indent, value, indent, path, untrusted, source);
}

function pushScalar(
  lines: string[],
  prefix: string,
  value: unknown,
  indent: string,
  path: Path,
  untrusted: readonly PathPattern[],
  source: string,
): void {
  if (typeof value === 'string' && isUntrusted(path, untrusted)) {
    lines.push(prefix.trimEnd());
    lines.push(indentBlock(fenceUntrusted(value, sourceOf(source, path)), `${indent}  `));
    return;
  }
  const text = scalar(value);
  if (text.includes('\n')) {
    lines.push(`${prefix}|`);
    lines.push(indentBlock(text, `${indent}  `));
  } else {
    lines.push(prefix + text);
  }
}

function indentBlock(text: string, indent: string): string {
  return text
    .split('\n')
    .map((line) => indent + line)
    .join('\n');
}

function sourceOf(source: string, path: Path): string {
  return path.length === 0 ? source : `${source}.${path.join('.')}`;
}

/** Line breaks a reader (or a tokenizer) may take as a new line, and the backslash that escapes them. */
const LINE_BREAKING = /[\\\n\r\u2028\u2029]/g;
const TABLE_BREAKING = /[\\\n\r\u2028\u2029|]/g;
const ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
  '|': '\\|',
};
const escapeWith = (pattern: RegExp) => (text: string) => text.replace(pattern, (c) => ESCAPES[c] as string);
/** One list item on one line: no text can start a fake item. */
const escapeLine = escapeWith(LINE_BREAKING);
/** One table cell on one line with no bare `|`: no text can start a fake row or column. */
const escapeCell = escapeWith(TABLE_BREAKING);

function renderArray(
  lines: string[],
  items: readonly unknown[],
  indent: string,
  path: Path,
  untrusted: readonly PathPattern[],
  source: string,
): void {
  const table = asTable(items, path, untrusted);
  if (table?.untrusted) {
    // One fence around the whole table: fencing each cell would cost more than the data.
    const body = [table.columns, ...table.rows].map((row) =>
      row.map((cell) => escapeCell(scalar(cell))).join(' | '),
    );
    lines.push(indentBlock(fenceUntrusted(body.join('\n'), sourceOf(source, path)), indent));
    return;
  }
  if (table?.rows.every((row) => row.every((cell) => fitsTrustedCell(scalar(cell))))) {
    lines.push(indent + table.columns.join(' | '));
    for (const row of table.rows) lines.push(indent + row.map(scalar).join(' | '));
    return;
  }
  if (items.every(isScalar) && items.some((item, i) => isUntrustedText(item, [...path, i], untrusted))) {
    const body = items.map((item) => `- ${escapeLine(scalar(item))}`).join('\n');
    lines.push(indentBlock(fenceUntrusted(body, sourceOf(source, path)), indent));
    return;
  }
  items.forEach((item, i) => {
    const itemPath = [...path, i];
    if (isScalar(item)) {
      pushScalar(lines, `${indent}- `, item, indent, itemPath, untrusted, source);
      return;
    }
    const block: string[] = [];
    renderInto(block, item, `${indent}  `, itemPath, untrusted, source);
    if (block.length > 0) block[0] = `${indent}- ${(block[0] as string).slice(indent.length + 2)}`;
    lines.push(...block);
  });
}

function isUntrustedText(value: unknown, path: Path, untrusted: readonly PathPattern[]): boolean {
  return typeof value === 'string' && isUntrusted(path, untrusted);
}

/** A trusted cell is written as is, so it must not look like a line or column break. */
function fitsTrustedCell(text: string): boolean {
  return !text.includes('\n') && !text.includes(' | ');
}

interface Table {
  readonly columns: string[];
  readonly rows: unknown[][];
  /** Some cell holds third-party text: the whole table is fenced and every cell escaped. */
  readonly untrusted: boolean;
}

/**
 * A list of records with the same keys and only scalar values renders as a table. One record reads better as
 * `key: value` lines, unless it holds third-party text: one fenced table beats a fence per field.
 */
function asTable(
  items: readonly unknown[],
  path: Path,
  untrusted: readonly PathPattern[],
): Table | undefined {
  const first = items[0];
  if (!isRecord(first)) return undefined;
  const columns = Object.keys(first);
  if (columns.length === 0) return undefined;
  const rows: unknown[][] = [];
  let hasUntrusted = false;
  for (const [i, item] of items.entries()) {
    if (!isRecord(item) || Object.keys(item).length !== columns.length) return undefined;
    const row: unknown[] = [];
    for (const column of columns) {
      if (!Object.hasOwn(item, column)) return undefined;
      const cell = item[column];
      if (!isScalar(cell)) return undefined;
      if (!hasUntrusted && isUntrustedText(cell, [...path, i, column], untrusted)) hasUntrusted = true;
      row.push(cell);
    }
    rows.push(row);
  }
  if (rows.length < 2 && !hasUntrusted) return undefined;
  return { columns, rows, untrusted: hasUntrusted };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
