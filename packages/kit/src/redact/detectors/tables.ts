import type { Detector, Emit } from '../detector.ts';
import { isPlaceholder } from '../placeholders.ts';
import { cellFits, columnKind, createNameClassifier } from './names.ts';

/**
 * Delimited tables whose header names a secret or identifier column (`User name,Password,Access key ID,Secret
 * access key`, a `national_id` column): every cell of that column is redacted on the rows that follow, as
 * long as they have the header's number of cells. Headers are looked for where tables start — the first line
 * of the text and the first line after a blank line — so the cost is a few lines per text.
 */

const DELIMITERS = [',', ';', '\t', '|'];
const MAX_HEADER = 2048;

interface Header {
  readonly code: number;
  readonly width: number;
  readonly columns: readonly { readonly index: number; readonly kind: string }[];
}

interface Cell {
  readonly start: number;
  readonly end: number;
}

/** Cells of the line `[start, end)` split on `delimiter`, honouring double quotes. */
function cells(text: string, start: number, end: number, delimiter: number): Cell[] {
  const out: Cell[] = [];
  let i = start;
  while (i <= end) {
    let cellStart = i;
    let cellEnd: number;
    if (text.charCodeAt(i) === 34) {
      let j = i + 1;
      while (j < end && !(text.charCodeAt(j) === 34 && text.charCodeAt(j + 1) !== 34))
        j += text.charCodeAt(j) === 34 ? 2 : 1;
      cellStart = i + 1;
      cellEnd = j;
      i = j + 1;
      while (i < end && text.charCodeAt(i) !== delimiter) i++;
    } else {
      while (i < end && text.charCodeAt(i) !== delimiter) i++;
      cellEnd = i;
    }
    out.push({ start: cellStart, end: cellEnd });
    i++;
  }
  return out;
}

/** A line of only `-`, `=`, `+`, `|`, `:` and blanks, with at least three dashes or equals signs: a table's rule. */
function isRule(text: string, start: number, end: number): boolean {
  if (end - start < 3) return false;
  let dashes = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 45 || c === 61) dashes++;
    else if (c !== 43 && c !== 124 && c !== 58 && c !== 32 && c !== 9) return false;
  }
  return dashes >= 3;
}

/** Start of the line before the line starting at `lineStart` (which is not the first). */
function previousLine(text: string, lineStart: number): number {
  const at = text.lastIndexOf('\n', lineStart - 2);
  return at + 1;
}

function lineEnd(text: string, from: number): number {
  const newline = text.indexOf('\n', from);
  const end = newline < 0 ? text.length : newline;
  return text.charCodeAt(end - 1) === 13 ? end - 1 : end;
}

export function createTableDetector(
  isSensitiveName: (name: string) => boolean,
  extraFields: readonly string[],
): Detector {
  const names = createNameClassifier(isSensitiveName, extraFields);

  let lastLine = '';
  let lastHeader: Header | undefined;

  /** The delimiter, the number of cells and the secret or identifier columns of a header line, if any. */
  const parseHeader = (text: string, start: number, end: number): Header | undefined => {
    const line = text.slice(start, end);
    const delimiter = DELIMITERS.find((d) => line.includes(d));
    if (delimiter === undefined) return undefined;
    const code = delimiter.charCodeAt(0);
    const header = cells(text, start, end, code);
    const columns: { index: number; kind: string }[] = [];
    header.forEach((cell, index) => {
      const name = text.slice(cell.start, cell.end).trim().replace(/\s+/g, '_');
      const kind = name.length > 0 && name.length <= 64 ? columnKind(names, name) : undefined;
      if (kind !== undefined) columns.push({ index, kind });
    });
    return columns.length === 0 ? undefined : { code, width: header.length, columns };
  };

  /** Redacts the table whose header starts at `headerStart`; returns where its rows end (nothing read past). */
  const table = (text: string, headerStart: number, emit: Emit): number => {
    // A box drawn around the table (`+----+------+`, MySQL's client): the header is the line after it.
    if (isRule(text, headerStart, lineEnd(text, headerStart))) headerStart = lineEnd(text, headerStart) + 1;
    // A header has at least two cells: an empty or one-character line is not one.
    if (text.charCodeAt(headerStart) === 10 || text.charCodeAt(headerStart + 1) === 10) return headerStart;
    const headerEnd = lineEnd(text, headerStart);
    if (headerEnd - headerStart > MAX_HEADER) return headerStart;
    const line = text.slice(headerStart, headerEnd);
    // The same header again (a file of repeated blocks) is not parsed again.
    if (line !== lastLine) {
      lastLine = line;
      lastHeader = parseHeader(text, headerStart, headerEnd);
    }
    if (lastHeader === undefined) return headerStart;
    const { code, width, columns } = lastHeader;
    let row = headerEnd + 1;
    while (row < text.length) {
      if (text.charCodeAt(row - 1) === 13) row++;
      const end = lineEnd(text, row);
      if (end === row) return row;
      // The rule under a header or between rows (`----+----`, `|---|---|`, `+----+`) is no row.
      if (isRule(text, row, end)) {
        row = end + 1;
        continue;
      }
      const rowCells = cells(text, row, end, code);
      if (rowCells.length !== width) return row;
      for (const { index, kind } of columns) {
        const cell = rowCells[index]!;
        // The padding of an aligned table stays: only the value goes.
        let start = cell.start;
        let end = cell.end;
        while (start < end && text.charCodeAt(start) <= 32) start++;
        while (end > start && text.charCodeAt(end - 1) <= 32) end--;
        const value = text.slice(start, end);
        if (value.length >= 3 && !isPlaceholder(value) && !/^-+$/.test(value) && cellFits(kind, value))
          emit(start, end, kind);
      }
      row = end + 1;
    }
    return row;
  };

  return {
    kinds: ['secret_assignment', 'aws_secret_key', 'national_id', 'phone'],
    probes: ['Password,', 'user,password\n', '\n\npassword|', 'a | password\n---+---\n', '\n+--+\n'],
    scan(text, emit) {
      table(text, 0, emit);
      for (let at = text.indexOf('\n\n'); at !== -1; at = text.indexOf('\n\n', at)) {
        // The first line after the blank ones.
        at += 2;
        while (text.charCodeAt(at) === 10 || text.charCodeAt(at) === 13) at++;
        table(text, at, emit);
      }
      // Tables printed inside other text (a psql or mysql session in a log): found from the rule under their
      // header (`----+----`, `|---|`) or the box above it (`+----+`).
      // One pass over the line breaks; a line is looked at only when it starts like a rule, and not inside the
      // rows of a table already read (each row is read once, however many rules it holds).
      let floor = 0;
      for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) {
        const ruleStart = at + 1;
        if (ruleStart < floor) continue;
        const first = text.charCodeAt(ruleStart);
        const second = text.charCodeAt(ruleStart + 1);
        if (first !== 45 && first !== 43 && first !== 124 && !(first === 32 && second === 45)) continue;
        if (first === 124 && second !== 45 && second !== 58 && second !== 32) continue;
        if (!isRule(text, ruleStart, lineEnd(text, ruleStart))) continue;
        // A top border: the header follows; otherwise the header is the line above.
        if (text.charCodeAt(ruleStart) === 43 && (ruleStart === 0 || text.charCodeAt(ruleStart - 2) === 10)) {
          floor = table(text, ruleStart, emit);
        } else if (ruleStart > 1) floor = table(text, previousLine(text, ruleStart), emit);
      }
    },
  };
}
