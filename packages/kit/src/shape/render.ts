import { FENCE_OPEN, fenceUntrusted } from './fence.ts';
import { keysCovered, type PathPattern, pathCovered } from './paths.ts';

/**
 * The compact text form of a tool's typed output: what a model reads when it does not read
 * `structuredContent`. Objects become `key: value` lines, uniform lists of flat records become tables (an answer
 * that is a `{ columns, rows }` result set starts with its table, unlabelled), and
 * third-party text is fenced as untrusted data. Far fewer tokens than pretty-printed JSON, nothing dropped.
 *
 * Third-party is everything at or under a declared path, keys included, and the keys a pattern's `*` stands for
 * (`rows.*.*`: each row's column names). Such text never appears outside a fence:
 * - a third-party string is fenced as it is (line breaks kept: a fence holds any text); the one-line ones of a
 *   record share one fence, one `key: value` line each;
 * - a third-party list, record, or a record with third-party keys is fenced once as a whole, one entry a line;
 *   a list of texts some of which span lines (a document's sections) is a fence per entry, line breaks kept;
 * - a table with a third-party cell or column name is fenced once as a whole (not cell by cell);
 * - nested values inside a fence (a JSON cell) are written as JSON on one line.
 * Inside a fence every entry stays on its one line: `\\` for a backslash, `\n` / `\r` / `\u2028` / `\u2029` for
 * line breaks, `\|` for a pipe inside a table cell. Outside fences keys are escaped the same way, and multi-line
 * server text is indented, so nothing starts a line at column 0 that the kit did not write.
 */
export function renderText(
  value: unknown,
  untrusted: readonly PathPattern[] = [],
  source = 'output',
): string {
  const ctx: Context = { untrusted, source };
  const lines: string[] = [];
  if (needsFence(value, [], ctx)) lines.push(fenceBlock(value, [], '', ctx));
  else renderInto(lines, value, '', [], ctx);
  return lines.join('\n');
}

type Path = (string | number)[];

interface Context {
  readonly untrusted: readonly PathPattern[];
  readonly source: string;
}

function scalar(value: unknown): string {
  if (value === null || value === undefined) return '-';
  if (typeof value === 'string') return value;
  return String(value);
}

function isScalar(value: unknown): boolean {
  return value === null || (typeof value !== 'object' && typeof value !== 'function');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Whether this value holds third-party text that must be fenced here, at this path, as one block. */
function needsFence(value: unknown, path: Path, ctx: Context): boolean {
  if (typeof value === 'string') return pathCovered(path, ctx.untrusted);
  if (Array.isArray(value)) return value.length > 0 && pathCovered(path, ctx.untrusted);
  if (isRecord(value)) {
    if (Object.keys(value).length === 0) return false;
    return pathCovered(path, ctx.untrusted) || keysCovered(path, ctx.untrusted);
  }
  return false;
}

function sourceOf(ctx: Context, path: Path): string {
  return path.length === 0 ? ctx.source : `${ctx.source}.${path.join('.')}`;
}

/** Line breaks a reader (or a tokenizer) may take as a new line, and the backslash that escapes them. */
const LINE_BREAKING = /[\\\n\r\u2028\u2029]/g;
const TABLE_BREAKING = /[\\\n\r\u2028\u2029|]/g;
const LINE_BREAK = /\r\n|[\n\r\u2028\u2029]/;
const ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
  '|': '\\|',
};
const escapeWith = (pattern: RegExp) => (text: string) => text.replace(pattern, (c) => ESCAPES[c] as string);
/** One entry on one line: no text can start a fake entry. */
const escapeLine = escapeWith(LINE_BREAKING);
/** One table cell on one line with no bare `|`: no text can start a fake row or column. */
const escapeCell = escapeWith(TABLE_BREAKING);

const LINE_BREAKS = /[\n\r\u2028\u2029]/g;

/**
 * Server text that may quote third-party text (an error message), on one line: line breaks become `\n`, `\r`,
 * `\u2028`, `\u2029`, so no quoted text can start a line of its own.
 */
export function oneLine(text: string): string {
  return text.replace(LINE_BREAKS, (c) => ESCAPES[c] as string);
}

/** A nested value as JSON on one line (JSON escapes line breaks except U+2028 / U+2029; those are escaped too). */
function jsonLine(value: unknown): string {
  return (JSON.stringify(value) ?? 'null').replace(/[\u2028\u2029]/g, (c) => ESCAPES[c] as string);
}

function indentBlock(text: string, indent: string): string {
  return text
    .split('\n')
    .map((line) => indent + line)
    .join('\n');
}

/** `value` (third-party) inside one fence named after its path, every line indented. */
function fenceBlock(value: unknown, path: Path, indent: string, ctx: Context): string {
  let body: string;
  if (typeof value === 'string') {
    body = value;
  } else {
    const lines: string[] = [];
    renderFenced(lines, value);
    body = lines.join('\n');
  }
  return indentBlock(fenceUntrusted(body, sourceOf(ctx, path)), indent);
}

/** Server-written text: one line, or an indented block after `|` when it has line breaks. */
function pushScalar(lines: string[], prefix: string, value: unknown, indent: string): void {
  const text = scalar(value);
  if (LINE_BREAK.test(text)) {
    lines.push(`${prefix}|`);
    for (const line of text.split(/\r\n|[\n\r\u2028\u2029]/)) lines.push(`${indent}  ${line}`);
  } else {
    lines.push(prefix + text);
  }
}

/** Outside any fence: server-written structure, with third-party parts fenced where they start. */
function renderInto(lines: string[], value: unknown, indent: string, path: Path, ctx: Context): void {
  if (Array.isArray(value)) {
    renderArray(lines, value, indent, path, ctx);
    return;
  }
  if (!isRecord(value)) {
    pushScalar(lines, indent, value, indent);
    return;
  }
  // Third-party one-line strings of one record share one fence (at the first one's place): a fence per field
  // would cost more than the fields. Longer text keeps a fence of its own, its lines as written.
  const shared = Object.keys(value).filter((key) => {
    const child = value[key];
    return typeof child === 'string' && !LINE_BREAK.test(child) && needsFence(child, [...path, key], ctx);
  });
  const sharing = new Set(shared.length > 1 ? shared : []);
  const columnar = columnarTable(value, path, ctx);
  for (const [key, child] of Object.entries(value)) {
    if (child === undefined) continue;
    const label = `${indent}${escapeLine(key)}:`;
    const childPath = [...path, key];
    if (columnar && key === 'columns') continue;
    if (columnar && key === 'rows') {
      // The answer itself is a result set: its table needs no `rows:` label (a label and an indent cost a
      // one-row answer a fifth of its tokens). Nested deeper, the key says which of the record's tables it is.
      if (path.length > 0) lines.push(label);
      pushTable(lines, columnar, path.length > 0 ? `${indent}  ` : indent, childPath, ctx);
    } else if (sharing.has(key)) {
      if (key !== shared[0]) continue;
      const body = shared.map((k) => `${escapeLine(k)}: ${escapeLine(value[k] as string)}`).join('\n');
      lines.push(indentBlock(fenceUntrusted(body, sourceOf(ctx, path)), indent));
    } else if (needsFence(child, childPath, ctx)) {
      lines.push(label, fenceBlock(child, childPath, `${indent}  `, ctx));
    } else if (isScalar(child)) {
      pushScalar(lines, `${label} `, child, indent);
    } else if (Array.isArray(child) && child.length === 0) {
      lines.push(`${label} (none)`);
    } else if (Array.isArray(child) && child.every((item, i) => fitsInline(item, [...childPath, i], ctx))) {
      lines.push(`${label} ${child.map(scalar).join(', ')}`);
    } else {
      lines.push(label);
      renderInto(lines, child, `${indent}  `, childPath, ctx);
    }
  }
}

function fitsInline(item: unknown, path: Path, ctx: Context): boolean {
  return isScalar(item) && !needsFence(item, path, ctx) && !LINE_BREAK.test(scalar(item));
}

/** A table: one fence around the whole of it when anything in it is third-party (or would not fit as written). */
function pushTable(lines: string[], table: Table, indent: string, path: Path, ctx: Context): void {
  if (table.untrusted || ![table.columns, ...table.rows].every((row) => row.every(fitsTrustedCell))) {
    // One fence around the whole table: fencing each cell would cost more than the data.
    lines.push(indentBlock(fenceUntrusted(tableLines(table).join('\n'), sourceOf(ctx, path)), indent));
    return;
  }
  for (const row of [table.columns, ...table.rows]) lines.push(indent + row.map(scalar).join(' | '));
}

/**
 * `{ columns: [names], rows: [[cell per column], ...] }` — a result set sent with its column names once rather
 * than in every row — as a table under `rows` (the names its header). Undefined for any other record.
 */
function columnarTable(value: Record<string, unknown>, path: Path, ctx: Context): Table | undefined {
  const { columns, rows } = value;
  if (!Array.isArray(columns) || columns.length === 0 || !columns.every((c) => typeof c === 'string')) {
    return undefined;
  }
  if (!Array.isArray(rows) || !rows.every((row) => Array.isArray(row) && row.length === columns.length)) {
    return undefined;
  }
  const untrusted =
    needsFence(columns, [...path, 'columns'], ctx) ||
    columns.some((column, i) => needsFence(column, [...path, 'columns', i], ctx)) ||
    (rows as unknown[][]).some((row, i) =>
      row.some((cell, j) => !isScalar(cell) || needsFence(cell, [...path, 'rows', i, j], ctx)),
    );
  return { columns: columns as string[], rows: rows as unknown[][], untrusted };
}

function renderArray(
  lines: string[],
  items: readonly unknown[],
  indent: string,
  path: Path,
  ctx: Context,
): void {
  const table = asTable(items, path, ctx);
  if (table?.untrusted) {
    pushTable(lines, table, indent, path, ctx);
    return;
  }
  if (table && [table.columns, ...table.rows].every((row) => row.every((cell) => fitsTrustedCell(cell)))) {
    pushTable(lines, table, indent, path, ctx);
    return;
  }
  if (items.some((item, i) => needsFence(item, [...path, i], ctx))) {
    if (items.some((item) => typeof item === 'string' && LINE_BREAK.test(item))) {
      // Texts that span lines (a document's sections) keep their lines, as a third-party string field does: each
      // entry in a fence of its own, so no entry's lines can pass for another entry's.
      items.forEach((item, i) => {
        lines.push(fenceBlock(item, [...path, i], indent, ctx));
      });
      return;
    }
    lines.push(fenceBlock(items, path, indent, ctx));
    return;
  }
  items.forEach((item, i) => {
    if (isScalar(item)) {
      pushScalar(lines, `${indent}- `, item, indent);
      return;
    }
    const block: string[] = [];
    renderInto(block, item, `${indent}  `, [...path, i], ctx);
    const first = block[0]?.slice(indent.length + 2);
    // A fence's opening tag stays alone on its line.
    if (first === undefined || first.startsWith(FENCE_OPEN)) lines.push(`${indent}-`);
    else block[0] = `${indent}- ${first}`;
    lines.push(...block);
  });
}

/** A trusted cell is written as is, so it must not look like a line or column break. */
function fitsTrustedCell(cell: unknown): boolean {
  const text = scalar(cell);
  return !LINE_BREAK.test(text) && !text.includes(' | ');
}

/**
 * Inside a fence: a list of records as a table, a list of scalars one `- item` a line, a record one `key: value`
 * line an entry; anything nested deeper is JSON on its line. No recursion, so any depth is safe, and the text
 * grows with the data, not with its depth.
 */
function renderFenced(lines: string[], value: unknown): void {
  if (Array.isArray(value)) {
    const table = asTable(value, undefined, undefined);
    if (table) {
      lines.push(...tableLines(table));
      return;
    }
    for (const item of value) lines.push(`- ${fencedText(item)}`);
    return;
  }
  if (isRecord(value)) {
    for (const [key, child] of Object.entries(value)) {
      if (child !== undefined) lines.push(`${escapeLine(key)}: ${fencedText(child)}`);
    }
    return;
  }
  lines.push(fencedText(value));
}

function fencedText(value: unknown): string {
  if (isScalar(value)) return escapeLine(scalar(value));
  if (Array.isArray(value) && value.length === 0) return '(none)';
  return jsonLine(value);
}

function tableLines(table: Table): string[] {
  return [table.columns, ...table.rows].map((row) =>
    row.map((cell) => escapeCell(isScalar(cell) ? scalar(cell) : jsonLine(cell))).join(' | '),
  );
}

interface Table {
  readonly columns: string[];
  readonly rows: unknown[][];
  /** Some cell or column name is third-party: the whole table is fenced and every cell escaped. */
  readonly untrusted: boolean;
}

/**
 * A list of records with the same keys renders as a table when its cells are scalars, or third-party values
 * (a JSON cell, written as JSON). One record reads better as `key: value` lines, unless it holds third-party
 * text: one fenced table beats a fence per field. Without a path and context the list is already inside a fence:
 * every nested cell is written as JSON and a single record is a table too.
 */
function asTable(
  items: readonly unknown[],
  path: Path | undefined,
  ctx: Context | undefined,
): Table | undefined {
  const first = items[0];
  if (!isRecord(first)) return undefined;
  const columns = Object.keys(first);
  if (columns.length === 0) return undefined;
  const rows: unknown[][] = [];
  let untrusted = false;
  for (const [i, item] of items.entries()) {
    if (!isRecord(item) || Object.keys(item).length !== columns.length) return undefined;
    const rowPath = path && [...path, i];
    // Third-party column names (a row's keys) make the header third-party.
    if (rowPath && ctx && !untrusted && needsFence(item, rowPath, ctx)) untrusted = true;
    const row: unknown[] = [];
    for (const column of columns) {
      if (!Object.hasOwn(item, column)) return undefined;
      const cell = item[column];
      const fenced = rowPath && ctx ? needsFence(cell, [...rowPath, column], ctx) : true;
      if (!isScalar(cell) && !fenced) return undefined;
      if (fenced && (typeof cell === 'string' || !isScalar(cell))) untrusted = true;
      row.push(cell);
    }
    rows.push(row);
  }
  if (path && rows.length < 2 && !untrusted) return undefined;
  return { columns, rows, untrusted };
}
