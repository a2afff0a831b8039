import type { Detector, Emit } from '../detector.ts';
import { isPlaceholder } from '../placeholders.ts';
import { cellFits, columnKind, createNameClassifier, type NameClassifier } from './names.ts';

/**
 * Rows of SQL dumps whose column list names a secret or an identifier: `INSERT INTO users (id, email,
 * password) VALUES (1, 'a@b.c', '…'), (2, …);` (mysqldump, pg_dump --inserts, ORM logs) and PostgreSQL's
 * `COPY users (id, password) FROM stdin;` blocks of tab-separated rows ending at `\.`. The column list says
 * which position holds the value; each statement is read once, left to right.
 */

const MAX_COLUMNS = 2048;
const MAX_VALUE = 512;
const INSERT = /\binsert\s+(?:ignore\s+)?into\s+[\w."`[\]]{1,128}\s*\(([^()]{1,2048})\)\s*values\s*/giy;
const INSERT_START = /\binsert\s/gi;
const COPY = /\bcopy\s+[\w."]{1,128}\s*\(([^()]{1,2048})\)\s+from\s+stdin[^\n]{0,200}\n/gi;

interface Column {
  readonly index: number;
  readonly kind: string;
}

/** Positions of the sensitive columns in a column list (`id, "email", `password``). */
function sensitiveColumns(list: string, names: NameClassifier): Column[] {
  const out: Column[] = [];
  list.split(',').forEach((raw, index) => {
    const name = raw.trim().replace(/^[`"[]|[`"\]]$/g, '');
    if (name.length === 0 || name.length > 64) return;
    const kind = columnKind(names, name);
    if (kind !== undefined) out.push({ index, kind });
  });
  return out;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

function emitValue(text: string, start: number, end: number, kind: string, emit: Emit): void {
  if (end - start < 3 || end - start > MAX_VALUE) return;
  const value = text.slice(start, end);
  if (value === 'NULL' || value === 'null' || isPlaceholder(value) || !cellFits(kind, value)) return;
  emit(start, end, kind);
}

/**
 * Reads the `(…), (…)` tuples from `at`, emitting the values at the sensitive positions; returns where it
 * stopped. Quoted values honour `''` and `\'`; bare values (numbers, NULL, calls) end at `,` or `)`.
 */
function readTuples(text: string, at: number, columns: readonly Column[], emit: Emit): number {
  let i = at;
  const n = text.length;
  for (;;) {
    while (i < n && isBlank(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) !== 40) return i;
    i++;
    let index = 0;
    for (;;) {
      while (i < n && isBlank(text.charCodeAt(i))) i++;
      const c = text.charCodeAt(i);
      let start = i;
      let end: number;
      if (c === 39 || c === 34) {
        start = i + 1;
        let j = start;
        for (; j < n; j++) {
          const d = text.charCodeAt(j);
          if (d === 92) j++;
          else if (d === c) {
            if (text.charCodeAt(j + 1) === c) j++;
            else break;
          }
        }
        end = j;
        i = j + 1;
      } else {
        let depth = 0;
        let j = i;
        for (; j < n; j++) {
          const d = text.charCodeAt(j);
          if (d === 40) depth++;
          else if (d === 41) {
            if (depth === 0) break;
            depth--;
          } else if (d === 44 && depth === 0) break;
          else if (d === 10 || d === 59) break;
        }
        end = j;
        while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
        i = j;
      }
      const column = columns.find((col) => col.index === index);
      if (column !== undefined) emitValue(text, start, end, column.kind, emit);
      while (i < n && isBlank(text.charCodeAt(i))) i++;
      const sep = text.charCodeAt(i);
      if (sep === 44) {
        i++;
        index++;
        continue;
      }
      if (sep !== 41) return i;
      i++;
      break;
    }
    while (i < n && isBlank(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) !== 44) return i;
    i++;
  }
}

/** The tab-separated rows of a COPY block from `at` up to its `\.` line. */
function readCopyRows(text: string, at: number, columns: readonly Column[], emit: Emit): number {
  let row = at;
  while (row < text.length) {
    let end = text.indexOf('\n', row);
    if (end === -1) end = text.length;
    if (text.startsWith('\\.', row)) return end;
    let cellStart = row;
    let index = 0;
    for (let i = row; i <= end; i++) {
      if (i < end && text.charCodeAt(i) !== 9) continue;
      let cellEnd = i;
      if (text.charCodeAt(cellEnd - 1) === 13) cellEnd--;
      const column = columns.find((col) => col.index === index);
      if (column !== undefined && text.slice(cellStart, cellEnd) !== '\\N')
        emitValue(text, cellStart, cellEnd, column.kind, emit);
      index++;
      cellStart = i + 1;
    }
    row = end + 1;
  }
  return row;
}

export function createSqlRowDetector(
  isSensitiveName: (name: string) => boolean,
  extraFields: readonly string[],
): Detector {
  const names = createNameClassifier(isSensitiveName, extraFields);
  return {
    kinds: ['secret_assignment', 'aws_secret_key', 'national_id', 'phone'],
    probes: ['INSERT INTO t (password) VALUES (', 'COPY t (password) FROM stdin;\n'],
    scan(text, emit) {
      // Each statement needs its words: most texts have neither, and cost two native searches each.
      if (text.indexOf('INSERT') !== -1 || text.indexOf('insert') !== -1) insertRows(text, emit);
      if (text.indexOf('stdin') !== -1) copyRows(text, emit);
    },
  };

  function insertRows(text: string, emit: Emit): void {
    INSERT_START.lastIndex = 0;
    for (let m = INSERT_START.exec(text); m !== null; m = INSERT_START.exec(text)) {
      INSERT.lastIndex = m.index;
      const statement = INSERT.exec(text);
      if (statement === null) continue;
      const columns = sensitiveColumns(statement[1]!, names);
      if (columns.length === 0 || statement[1]!.length > MAX_COLUMNS) {
        INSERT_START.lastIndex = INSERT.lastIndex;
        continue;
      }
      INSERT_START.lastIndex = Math.max(INSERT.lastIndex, readTuples(text, INSERT.lastIndex, columns, emit));
    }
  }

  function copyRows(text: string, emit: Emit): void {
    COPY.lastIndex = 0;
    for (let m = COPY.exec(text); m !== null; m = COPY.exec(text)) {
      const columns = sensitiveColumns(m[1]!, names);
      if (columns.length > 0) COPY.lastIndex = readCopyRows(text, COPY.lastIndex, columns, emit);
    }
  }
}
