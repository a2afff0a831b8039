import { fenceUntrusted } from './fence.ts';
import type { PathPattern } from './paths.ts';
import { fencedTable, writeFenced } from './render-fenced.ts';
import { escapeCell, escapeLine, jsonLine, LINE_BREAK, splitLines } from './text-lines.ts';
import {
  asTable,
  columnarTable,
  isRecord,
  isScalar,
  needsFence,
  type Path,
  type RenderContext,
  renderContext,
  scalar,
  scalarText,
  type Table,
  tainted,
} from './values.ts';

export { oneLine } from './text-lines.ts';

/**
 * The compact text form of a tool's typed output: what a model reads when it does not read
 * `structuredContent`. Objects become `key: value` lines, uniform lists of flat records become tables (an answer
 * that is a `{ columns, rows }` result set shows its table unlabelled), and third-party text is fenced as
 * untrusted data. Far fewer tokens than pretty-printed JSON, nothing dropped.
 *
 * Third-party is everything at or under a declared path, keys included, and the keys a pattern's `*` stands for
 * (`rows.*.*`: each row's column names). Such text never appears outside a fence, and an answer has at most ONE
 * fence, its source the tool's name: the server's own fields come first, as written; then every field holding
 * any third-party text, whole, inside the one fence under its own name (a fence costs ~15 tokens: one per field
 * cost more than most fields). An answer that is third-party as a whole (its own keys, or not a record) is
 * fenced whole. What the fence's body looks like, and why no value can forge a line in it: render-fenced.ts.
 *
 * Outside the fence, keys are escaped as inside it and multi-line server text is an indented `|` block, so
 * nothing starts a line at column 0 that the kit did not write. Values that cost tokens without information are
 * shortened where the server wrote them (compact.ts: an ISO timestamp's zero seconds, milliseconds and `+0000`);
 * third-party text is shown as written.
 */
export function renderText(
  value: unknown,
  untrusted: readonly PathPattern[] = [],
  source = 'output',
): string {
  const ctx = renderContext(untrusted);
  const lines: string[] = [];
  const fenced: string[] = [];
  if (isRecord(value) && !needsFence(value, [], ctx)) {
    const split = splitFields(value, ctx);
    renderInto(lines, value, '', [], ctx, split.fenced);
    fenceFields(fenced, value, split, ctx);
  } else if (tainted(value, [], ctx)) {
    writeFenced(fenced, undefined, value, '', [], 0, ctx);
  } else {
    renderInto(lines, value, '', [], ctx);
  }
  if (fenced.length > 0) lines.push(fenceUntrusted(fenced.join('\n'), source));
  return lines.join('\n');
}

interface Split {
  /** The answer's fields that go inside the fence (any third-party text in them), in the answer's order. */
  readonly fenced: ReadonlySet<string>;
  /** The answer is a `{ columns, rows }` result set whose table goes inside the fence. */
  readonly table: Table | undefined;
}

function splitFields(value: Record<string, unknown>, ctx: RenderContext): Split {
  const fenced = new Set<string>();
  for (const [key, child] of Object.entries(value)) {
    if (child !== undefined && tainted(child, [key], ctx)) fenced.add(key);
  }
  const table = columnarTable(value);
  if (!table || !(fenced.has('columns') || fenced.has('rows'))) return { fenced, table: undefined };
  // A result set's header and rows are one table: either of them third-party puts both in the fence.
  fenced.add('columns');
  fenced.add('rows');
  return { fenced, table };
}

/**
 * The fence's body: each fenced field under its name. A result set's table is the fence's last part, bare (no
 * indent: a token a row): alone, or after the other fields and a `rows:` line — every line from there to the
 * kit's closing tag is the table, so no row can pass for a field and no field for a row.
 */
function fenceFields(lines: string[], value: Record<string, unknown>, split: Split, ctx: RenderContext) {
  const { table } = split;
  for (const key of split.fenced) {
    if (!table || (key !== 'columns' && key !== 'rows'))
      writeFenced(lines, key, value[key], '', [key], 0, ctx);
  }
  if (!table) return;
  if (lines.length > 0) lines.push('rows:');
  lines.push(...fencedTable(table, ['rows'], ctx, 'index'));
}

/** Server-written text: one line, or an indented block after `|` when it has line breaks. */
function pushScalar(lines: string[], prefix: string, text: string, indent: string): void {
  if (LINE_BREAK.test(text)) {
    lines.push(`${prefix}|`);
    for (const line of splitLines(text)) lines.push(`${indent}  ${line}`);
  } else {
    lines.push(prefix + text);
  }
}

/** Server-written structure, none of it third-party; `skip` names the answer's fields the fence holds. */
function renderInto(
  lines: string[],
  value: unknown,
  indent: string,
  path: Path,
  ctx: RenderContext,
  skip?: ReadonlySet<string>,
): void {
  if (Array.isArray(value)) {
    renderArray(lines, value, indent, path, ctx);
    return;
  }
  if (!isRecord(value)) {
    pushScalar(lines, indent, scalarText(value, path, ctx), indent);
    return;
  }
  const columnar = skip?.has('rows') ? undefined : columnarTable(value);
  for (const [key, child] of Object.entries(value)) {
    if (child === undefined || skip?.has(key) || (columnar && key === 'columns')) continue;
    const label = `${indent}${escapeLine(key)}:`;
    const childPath = [...path, key];
    if (columnar && key === 'rows') {
      // The answer itself is a result set: its table needs no `rows:` label (a label and an indent cost a
      // one-row answer a fifth of its tokens). Nested deeper, the key says which of the record's tables it is.
      if (path.length > 0) lines.push(label);
      pushColumnar(lines, columnar, path.length > 0 ? `${indent}  ` : indent, childPath, ctx);
    } else if (isScalar(child)) {
      pushScalar(lines, `${label} `, scalarText(child, childPath, ctx), indent);
    } else if (Array.isArray(child) && child.length === 0) {
      lines.push(`${label} (none)`);
    } else if (Array.isArray(child) && child.every((item) => fitsInline(item))) {
      lines.push(`${label} ${child.map((item, i) => scalarText(item, [...childPath, i], ctx)).join(', ')}`);
    } else {
      lines.push(label);
      renderInto(lines, child, `${indent}  `, childPath, ctx);
    }
  }
}

function fitsInline(item: unknown): boolean {
  return isScalar(item) && !LINE_BREAK.test(scalar(item));
}

/** A server-written result set's table; cells that would break a row (a line break, ` | `) are escaped. */
function pushColumnar(lines: string[], table: Table, indent: string, path: Path, ctx: RenderContext): void {
  const plain = [table.columns, ...table.rows].every((row) => row.every(fitsTrustedCell));
  lines.push(indent + table.columns.map((name) => (plain ? name : escapeCell(name))).join(' | '));
  table.rows.forEach((row, i) => {
    const cells = row.map((cell, j) => {
      const text = isScalar(cell) ? scalarText(cell, [...path, i, j], ctx) : jsonLine(cell);
      return plain ? text : escapeCell(text);
    });
    lines.push(indent + cells.join(' | '));
  });
}

function renderArray(
  lines: string[],
  items: readonly unknown[],
  indent: string,
  path: Path,
  ctx: RenderContext,
): void {
  const table = asTable(items);
  // One record reads better as `key: value` lines; a cell that would break a row makes the list a list.
  if (
    table &&
    table.rows.length > 1 &&
    [table.columns, ...table.rows].every((row) => row.every(fitsTrustedCell))
  ) {
    lines.push(indent + table.columns.join(' | '));
    table.rows.forEach((row, i) => {
      const cells = row.map((cell, j) => scalarText(cell, [...path, i, table.columns[j] as string], ctx));
      lines.push(indent + cells.join(' | '));
    });
    return;
  }
  items.forEach((item, i) => {
    if (isScalar(item)) {
      pushScalar(lines, `${indent}- `, scalarText(item, [...path, i], ctx), indent);
      return;
    }
    const block: string[] = [];
    renderInto(block, item, `${indent}  `, [...path, i], ctx);
    const first = block[0]?.slice(indent.length + 2);
    if (first === undefined) lines.push(`${indent}-`);
    else block[0] = `${indent}- ${first}`;
    lines.push(...block);
  });
}

/** A trusted cell is written as is, so it must be a scalar that does not look like a line or column break. */
function fitsTrustedCell(cell: unknown): boolean {
  if (!isScalar(cell)) return false;
  const text = scalar(cell);
  return !LINE_BREAK.test(text) && !text.includes(' | ');
}
