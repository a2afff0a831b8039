/**
 * Keeping a value on its one line in the text form: the escapes the renderer uses inside and outside fences.
 */

/** Any line break a reader (or a tokenizer) may take as a new line. */
export const LINE_BREAK = /\r\n|[\n\r\u2028\u2029]/;
const LINE_BREAKS = /[\n\r\u2028\u2029]/g;
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

/** One entry on one line, the backslash escaped too so `\n` is never ambiguous: no text can start a fake entry. */
export const escapeLine = escapeWith(LINE_BREAKING);
/** One table cell on one line with no bare `|`: no text can start a fake row or column. */
export const escapeCell = escapeWith(TABLE_BREAKING);

/**
 * Server text that may quote third-party text (an error message), on one line: line breaks become `\n`, `\r`,
 * `\u2028`, `\u2029`, so no quoted text can start a line of its own.
 */
export function oneLine(text: string): string {
  return text.replace(LINE_BREAKS, (c) => ESCAPES[c] as string);
}

/** A nested value as JSON on one line (JSON escapes line breaks except U+2028 / U+2029; those are escaped too). */
export function jsonLine(value: unknown): string {
  return (JSON.stringify(value) ?? 'null').replace(/[\u2028\u2029]/g, (c) => ESCAPES[c] as string);
}

/** A text's lines, split at every kind of line break (so each can be indented). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|[\n\r\u2028\u2029]/);
}
