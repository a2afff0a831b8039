import type { Detector } from '../detector.ts';
import { isPlaceholder } from '../placeholders.ts';
import { cellFits, columnKind, createNameClassifier } from './names.ts';

/**
 * Column-wise results printed as JSON text (a log line, a document, a tool's raw answer): a `"columns"` array of
 * names (or of `{"name": …}` objects, as HTTP SQL APIs return them) followed by the rows under `"rows"` or
 * `"data"`, arrays of scalar cells. The cells of a column named for a secret, an identifier or a phone number are
 * redacted, as the same result's table would be. Each character is read at most once: the columns and rows
 * are read forward from `"columns"`, and the next search starts where they ended.
 */

const COLUMNS = '"columns"';
/** Most columns and characters read for the names; a longer list is not a result's header. */
const MAX_COLUMNS = 256;
const MAX_NAME = 64;
/** How far after the columns array the rows key may start (other keys of the result between them). */
const MAX_GAP = 512;
const MAX_CELL = 1024;
const COLUMN_NAME = /"name"\s*:\s*"([^"\\\n]{1,64})"/;
const BLANKS = /\s+/g;
/** The rows key after the columns: other members may come between, but no array. */
const ROWS_KEY = /^[^[\]]*?"(?:rows|data)"\s*:\s*\[\s*\[/;

function skipBlanks(text: string, at: number): number {
  let i = at;
  for (let c = text.charCodeAt(i); c === 32 || c === 9 || c === 10 || c === 13; c = text.charCodeAt(++i));
  return i;
}

/** End of the JSON string starting with the quote at `at` (after its closing quote), or -1 past `limit`. */
function stringEnd(text: string, at: number, limit: number): number {
  for (let i = at + 1; i < limit && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 34) return i + 1;
    else if (c === 10) return -1;
  }
  return -1;
}

/** End of the scalar (number, literal) starting at `at`: up to the next `,`, `]`, `}` or blank. */
function scalarEnd(text: string, at: number, limit: number): number {
  let i = at;
  while (i < limit && i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 44 || c === 93 || c === 125 || c <= 32 || c === 91 || c === 123 || c === 34) break;
    i++;
  }
  return i;
}

export function createJsonResultDetector(
  isSensitiveName: (name: string) => boolean,
  extraFields: readonly string[],
): Detector {
  const names = createNameClassifier(isSensitiveName, extraFields);

  /** Column kinds from the array opening at `at`, and where it ends; undefined when it is not a list of names. */
  const readColumns = (
    text: string,
    at: number,
  ): { kinds: (string | undefined)[]; end: number } | undefined => {
    // The names are collected first and classified once the array has closed as a list of names: a text of
    // repeated `"columns":[` costs a few reads per repetition, not a classification.
    const found: string[] = [];
    let i = skipBlanks(text, at + 1);
    if (text.charCodeAt(i) === 93) return undefined;
    for (;;) {
      if (text.charCodeAt(i) === 34) {
        const end = stringEnd(text, i, i + MAX_NAME + 2);
        if (end < 0) return undefined;
        found.push(text.slice(i + 1, end - 1));
        i = end;
      } else if (text.charCodeAt(i) === 123) {
        // `{"name": "ssn", "type": "varchar"}`: the name, and the object's other scalar members passed over.
        const close = text.indexOf('}', i);
        if (close < 0 || close - i > 4 * MAX_NAME) return undefined;
        const body = text.slice(i + 1, close);
        const member = COLUMN_NAME.exec(body);
        if (member === null || body.includes('{')) return undefined;
        found.push(member[1]!);
        i = close + 1;
      } else return undefined;
      if (found.length > MAX_COLUMNS) return undefined;
      i = skipBlanks(text, i);
      const c = text.charCodeAt(i);
      if (c === 93) break;
      if (c !== 44) return undefined;
      i = skipBlanks(text, i + 1);
    }
    const kinds = found.map((name) =>
      name.length > 0 ? columnKind(names, name.replace(BLANKS, '_')) : undefined,
    );
    return { kinds, end: i + 1 };
  };

  return {
    kinds: ['secret_assignment', 'aws_secret_key', 'national_id', 'phone'],
    probes: ['{"columns":["password"],"rows":[["', '"columns":[', '"rows":[['],
    scan(text, emit) {
      for (let at = text.indexOf(COLUMNS); at !== -1; at = text.indexOf(COLUMNS, at + 1)) {
        let i = skipBlanks(text, at + COLUMNS.length);
        if (text.charCodeAt(i) !== 58) continue;
        i = skipBlanks(text, i + 1);
        if (text.charCodeAt(i) !== 91) continue;
        const columns = readColumns(text, i);
        if (columns === undefined) continue;
        at = columns.end - 1;
        if (!columns.kinds.some((k) => k !== undefined)) continue;
        // The rows key: `"rows"` or `"data"`, soon after the columns (other members between, arrays aside).
        const rest = text.slice(columns.end, columns.end + MAX_GAP);
        const key = ROWS_KEY.exec(rest);
        if (key === null) continue;
        i = columns.end + key[0].length - 1;
        // Rows: `[cell, cell, …]` separated by commas, until the closing `]` of the rows array.
        for (;;) {
          if (text.charCodeAt(i) !== 91) break;
          i = skipBlanks(text, i + 1);
          const spans: [start: number, end: number][] = [];
          let ok = true;
          for (;;) {
            const c = text.charCodeAt(i);
            if (c === 93 && spans.length === 0) break;
            let start: number;
            let end: number;
            if (c === 34) {
              const close = stringEnd(text, i, i + MAX_CELL + 2);
              if (close < 0) {
                ok = false;
                break;
              }
              start = i + 1;
              end = close - 1;
              i = close;
            } else {
              const close = scalarEnd(text, i, i + MAX_CELL);
              if (close === i) {
                ok = false;
                break;
              }
              start = i;
              end = close;
              i = close;
            }
            spans.push([start, end]);
            i = skipBlanks(text, i);
            if (text.charCodeAt(i) === 93) break;
            if (text.charCodeAt(i) !== 44) {
              ok = false;
              break;
            }
            i = skipBlanks(text, i + 1);
          }
          if (!ok) break;
          i++;
          if (spans.length === columns.kinds.length) {
            spans.forEach(([start, end], index) => {
              const kind = columns.kinds[index];
              if (kind === undefined) return;
              const value = text.slice(start, end);
              if (value.length >= 3 && value !== 'null' && !isPlaceholder(value) && cellFits(kind, value))
                emit(start, end, kind);
            });
          }
          i = skipBlanks(text, i);
          if (text.charCodeAt(i) !== 44) break;
          i = skipBlanks(text, i + 1);
        }
        if (i - 1 > at) at = i - 1;
      }
    },
  };
}
