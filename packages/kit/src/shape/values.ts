import { compactTimestamp } from './compact.ts';
import { keysCovered, type PathPattern, pathCovered } from './paths.ts';

/** What the renderer knows of a value's place: which paths are third-party. */
export interface RenderContext {
  readonly untrusted: readonly PathPattern[];
  /** The longest pattern: below that depth nothing is third-party unless its ancestor already is. */
  readonly deepest: number;
}

export type Path = (string | number)[];

export function renderContext(untrusted: readonly PathPattern[]): RenderContext {
  let deepest = 0;
  for (const pattern of untrusted) deepest = Math.max(deepest, pattern.length);
  return { untrusted, deepest };
}

export function scalar(value: unknown): string {
  if (value === null || value === undefined) return '-';
  if (typeof value === 'string') return value;
  return String(value);
}

/** A scalar as text; a server-written one shortened where that loses nothing (compact.ts). */
export function scalarText(value: unknown, path: Path, ctx: RenderContext): string {
  if (typeof value !== 'string') return scalar(value);
  const short = compactTimestamp(value);
  return short === value || pathCovered(path, ctx.untrusted) ? value : short;
}

export function isScalar(value: unknown): boolean {
  return value === null || (typeof value !== 'object' && typeof value !== 'function');
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Whether this value is third-party as a whole, at this path: a text, a list, or a record whose keys are. */
export function needsFence(value: unknown, path: Path, ctx: RenderContext): boolean {
  if (typeof value === 'string') return pathCovered(path, ctx.untrusted);
  if (Array.isArray(value)) return value.length > 0 && pathCovered(path, ctx.untrusted);
  if (isRecord(value)) {
    if (Object.keys(value).length === 0) return false;
    return pathCovered(path, ctx.untrusted) || keysCovered(path, ctx.untrusted);
  }
  return false;
}

/**
 * Whether any third-party text sits at or under this path. Numbers, booleans and nulls are not text, so a
 * third-party one needs no fence. Below the longest pattern nothing new can be third-party, so the walk stops
 * there: linear in the value, whatever its depth.
 */
export function tainted(value: unknown, path: Path, ctx: RenderContext): boolean {
  if (needsFence(value, path, ctx)) return true;
  if (path.length >= ctx.deepest) return false;
  if (Array.isArray(value)) return value.some((item, i) => tainted(item, [...path, i], ctx));
  if (isRecord(value)) {
    for (const [key, child] of Object.entries(value)) {
      if (child !== undefined && tainted(child, [...path, key], ctx)) return true;
    }
  }
  return false;
}

export interface Table {
  readonly columns: string[];
  readonly rows: unknown[][];
}

/**
 * `{ columns: [names], rows: [[cell per column], ...] }` — a result set sent with its column names once rather
 * than in every row — as a table under `rows` (the names its header). Undefined for any other record.
 */
export function columnarTable(value: Record<string, unknown>): Table | undefined {
  const { columns, rows } = value;
  if (!Array.isArray(columns) || columns.length === 0 || !columns.every((c) => typeof c === 'string')) {
    return undefined;
  }
  if (!Array.isArray(rows) || !rows.every((row) => Array.isArray(row) && row.length === columns.length)) {
    return undefined;
  }
  return { columns: columns as string[], rows: rows as unknown[][] };
}

/** A list of records with the same keys, as a table (its cells in column order, possibly nested values). */
export function asTable(items: readonly unknown[]): Table | undefined {
  const first = items[0];
  if (!isRecord(first)) return undefined;
  const columns = Object.keys(first);
  if (columns.length === 0) return undefined;
  const rows: unknown[][] = [];
  for (const item of items) {
    if (!isRecord(item) || Object.keys(item).length !== columns.length) return undefined;
    const row: unknown[] = [];
    for (const column of columns) {
      if (!Object.hasOwn(item, column)) return undefined;
      row.push(item[column]);
    }
    rows.push(row);
  }
  return { columns, rows };
}
