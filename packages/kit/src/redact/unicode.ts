/**
 * Characters a human reviewer cannot see but a model reads: format characters (zero-width space/joiners, BOM,
 * soft hyphen, bidi embeddings, overrides and isolates, invisible operators, tag characters U+E0000–U+E007F,
 * interlinear annotations), control characters other than tab / newline / carriage return (terminal escape
 * sequences), variation selectors (used to smuggle bytes after an emoji) and the Hangul fillers that render as
 * blanks. Emoji ZWJ sequences lose their joiner and may render as separate emoji; that is accepted.
 */
const INVISIBLE =
  /[[\p{Cf}\p{Cc}\u034F\u115F\u1160\u17B4\u17B5\u180B-\u180F\u3164\uFE00-\uFE0F\uFFA0\u{E0100}-\u{E01EF}]--[\t\n\r]]/gv;

/** Printable ASCII and normal whitespace: the common case, answered without the Unicode property scan. */
const PLAIN = /^[\x20-\x7E\t\n\r]*$/;

export function stripInvisible(text: string): string {
  if (PLAIN.test(text)) return text;
  INVISIBLE.lastIndex = 0;
  return text.replace(INVISIBLE, '');
}

/**
 * The text with every character `stripInvisible` would remove shown as a visible escape (`\u202E`, `\u{E0041}`),
 * for a person who must see exactly what is there: an approver reading what a call will do.
 */
export function escapeInvisible(text: string): string {
  if (PLAIN.test(text)) return text;
  INVISIBLE.lastIndex = 0;
  return text.replace(INVISIBLE, (char) => {
    const code = char.codePointAt(0) as number;
    return code > 0xffff
      ? `\\u{${code.toString(16).toUpperCase()}}`
      : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
  });
}
