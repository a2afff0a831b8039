import type { Detector } from '../detector.ts';
import { isPlaceholder } from '../placeholders.ts';
import { cellFits, columnKind, createNameClassifier } from './names.ts';

/**
 * HTML tables whose header row names a secret, identifier or phone column (`<th>Password</th>`): the cells of
 * that column in the rows that follow (`<td>…</td>`, rows of the header's width) are redacted. Rows are read
 * with bounded regexes, each row once; the header stays in force until the next header row.
 */

/** The tags that make a table, found in one pass: each character of the text is read once by the regex. */
const TABLE_TAG = /<(\/?)(tr|th|td|table)\b[^<>]{0,200}>/gi;
const TAG = /<[^<>]{0,200}>/g;

interface Cell {
  readonly header: boolean;
  readonly start: number;
  readonly end: number;
}

export function createHtmlTableDetector(
  isSensitiveName: (name: string) => boolean,
  extraFields: readonly string[],
): Detector {
  const names = createNameClassifier(isSensitiveName, extraFields);
  return {
    kinds: ['secret_assignment', 'aws_secret_key', 'national_id', 'phone'],
    probes: ['<tr><th>password</th></tr><tr><td>', '<tr><td>'],
    scan(text, emit) {
      // `th` first: a text of `<` would stop the search for `<th` at every character.
      if (!(text.includes('th') && text.includes('<th')) && !(text.includes('TH') && text.includes('<TH')))
        return;
      let columns: (string | undefined)[] | undefined;
      let cells: Cell[] = [];
      let open: { header: boolean; start: number } | undefined;

      const row = (): void => {
        if (cells.length === 0) return;
        if (cells.every((c) => c.header)) {
          const kinds = cells.map((c) => {
            const name = text.slice(c.start, c.end).replace(TAG, '').trim().replace(/\s+/g, '_');
            return name.length > 0 && name.length <= 64 ? columnKind(names, name) : undefined;
          });
          columns = kinds.some((k) => k !== undefined) ? kinds : undefined;
          return;
        }
        if (columns === undefined || cells.length !== columns.length) return;
        cells.forEach((cell, index) => {
          const kind = columns![index];
          if (kind === undefined) return;
          let { start, end } = cell;
          while (start < end && text.charCodeAt(start) <= 32) start++;
          while (end > start && text.charCodeAt(end - 1) <= 32) end--;
          if (end - start > 1024) return;
          const value = text.slice(start, end).replace(TAG, '');
          if (value.length >= 3 && !isPlaceholder(value) && cellFits(kind, value)) emit(start, end, kind);
        });
      };

      TABLE_TAG.lastIndex = 0;
      for (let m = TABLE_TAG.exec(text); m !== null; m = TABLE_TAG.exec(text)) {
        const closing = m[1] === '/';
        const tag = m[2]!.toLowerCase();
        if (tag === 'table') {
          columns = undefined;
          cells = [];
          open = undefined;
        } else if (tag === 'tr') {
          if (closing) row();
          cells = [];
          open = undefined;
        } else if (!closing) {
          open = { header: tag === 'th', start: m.index + m[0].length };
        } else if (open !== undefined) {
          cells.push({ header: open.header, start: open.start, end: m.index });
          open = undefined;
        }
      }
    },
  };
}
