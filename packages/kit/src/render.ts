import { type PathPattern, pathMatches } from './paths.ts';
import { fenceUntrusted } from './redact/index.ts';

/**
 * The compact text form of a tool's typed output: what a model reads when it does not read
 * `structuredContent`. Objects become `key: value` lines, uniform lists of flat records become tables, and
 * third-party text is fenced as untrusted data. Far fewer tokens than pretty-printed JSON, nothing dropped.
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
    lines.push(indentBlock(fenceUntrusted(value, `${source}.${path.join('.')}`), `${indent}  `));
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

function renderArray(
  lines: string[],
  items: readonly unknown[],
  indent: string,
  path: Path,
  untrusted: readonly PathPattern[],
  source: string,
): void {
  const table = asTable(items, path, untrusted);
  if (table) {
    lines.push(indent + table.columns.join(' | '));
    for (const row of table.rows) lines.push(indent + row.join(' | '));
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

/** A list of records with the same scalar, single-line, trusted fields renders as a table. */
function asTable(
  items: readonly unknown[],
  path: Path,
  untrusted: readonly PathPattern[],
): { columns: string[]; rows: string[][] } | undefined {
  if (items.length < 2) return undefined;
  const first = items[0];
  if (first === null || typeof first !== 'object' || Array.isArray(first)) return undefined;
  const columns = Object.keys(first);
  if (columns.length === 0 || columns.some((c) => isUntrusted([...path, 0, c], untrusted))) return undefined;
  const rows: string[][] = [];
  for (const item of items) {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return undefined;
    const record = item as Record<string, unknown>;
    if (Object.keys(record).length !== columns.length) return undefined;
    const row: string[] = [];
    for (const column of columns) {
      const cell = record[column];
      if (!isScalar(cell)) return undefined;
      const text = scalar(cell);
      if (text.includes('\n') || text.includes(' | ')) return undefined;
      row.push(text);
    }
    rows.push(row);
  }
  return { columns, rows };
}
