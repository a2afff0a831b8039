import { type DescribedField, maskRow } from './column-masks.ts';

export type Truncation = false | { readonly reason: 'rows' | 'bytes'; readonly limit: number };

/** One page of a result, column-wise: the names once, each row a list of cells in that order. */
export interface ResultPage {
  readonly columns: readonly string[];
  readonly rows: readonly unknown[][];
  readonly truncated: Truncation;
  /** Output column names whose values were masked. */
  readonly masked: readonly string[];
}

/** Output names, made unique (`a`, `a_2`), so that every column can be told apart by name. */
export function uniqueNames(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    let candidate = name;
    for (let n = 2; taken.has(candidate); n++) candidate = `${name}_${n}`;
    taken.add(candidate);
    return candidate;
  });
}

function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value));
}

/** Cuts long values so that a single row fits `maxBytes`; used only when one row alone is over the cap. */
function shrinkRow(row: readonly unknown[], maxBytes: number): unknown[] {
  const perValue = Math.max(16, Math.floor(maxBytes / Math.max(1, row.length)) - 64);
  return row.map((value) => {
    const text =
      typeof value === 'string'
        ? value
        : value !== null && typeof value === 'object'
          ? JSON.stringify(value)
          : undefined;
    return text !== undefined && text.length > perValue ? `${text.slice(0, perValue)}… [cut]` : value;
  });
}

/**
 * Turns raw rows (at most maxRows + 1 were fetched) into the page the caller gets: masked values, unique
 * column names, at most `maxRows` rows and `maxBytes` of JSON, and what was cut. `wireCut` says the
 * connection stopped the result early because it was too large.
 */
export function buildPage(
  fields: readonly DescribedField[],
  rawRows: readonly unknown[][],
  limits: { readonly maxRows: number; readonly maxBytes: number },
  wireCut: boolean,
): ResultPage {
  const columns = uniqueNames(fields.map((f) => f.name));
  const anyMasked = fields.some((f) => f.masked);
  const rows: unknown[][] = [];
  let truncated: Truncation = false;
  let bytes = 2; // the enclosing []
  for (const raw of rawRows) {
    if (rows.length === limits.maxRows) {
      truncated = { reason: 'rows', limit: limits.maxRows };
      break;
    }
    let row = anyMasked ? maskRow(raw, fields) : raw;
    let size = jsonBytes(row) + 1;
    if (bytes + size > limits.maxBytes) {
      truncated = { reason: 'bytes', limit: limits.maxBytes };
      if (rows.length > 0) break;
      // A page always carries at least one row, or a cursor could never move past a wide row.
      row = shrinkRow(row, limits.maxBytes);
      size = jsonBytes(row) + 1;
    }
    rows.push(row);
    bytes += size;
    if (truncated) break;
  }
  if (!truncated && wireCut) truncated = { reason: 'bytes', limit: limits.maxBytes };
  return { columns, rows, truncated, masked: columns.filter((_, i) => fields[i]?.masked) };
}
