import { runEnd } from '../chars.ts';

const DIGIT_RE = /\d/;
const LOWER_RE = /[a-z]/;
const UPPER_RE = /[A-Z]/;

/** A fragment that is all of its line (a wrapped token's tail), holding digits and letters: not a log line. */
function wholeLine(text: string, end: number, tail: string): boolean {
  const c = text.charCodeAt(end);
  const lineEnds = Number.isNaN(c) || c === 10 || c === 13 || c === 34 || c === 39;
  return lineEnds && DIGIT_RE.test(tail) && LETTER_RE.test(tail);
}

const LETTER_RE = /[A-Za-z]/;

/** The rest of a random token mixes digits with both cases; a timestamp or a word on the next line does not. */
function randomTail(tail: string): boolean {
  return DIGIT_RE.test(tail) && LOWER_RE.test(tail) && UPPER_RE.test(tail);
}

/**
 * Tokens broken over lines: by a log shipper or terminal wrapping at a fixed width, by a `\`-newline line
 * continuation (shell, .properties, YAML double-quoted scalars), or by a JSON `\n` escape. The next line's
 * indentation is skipped. A break is crossed when the token is still shorter than its format allows, when the
 * break was an explicit continuation, or when what follows on the next line looks like the rest of a random
 * token (digits and both cases, at least MIN_TAIL long) — not a timestamp or the next word of a sentence.
 */

const MIN_TAIL = 6;
/** Shortest piece taken after the first break. */
const MIN_CHAINED = 16;
const MAX_INDENT = 16;
/** How many breaks one token may cross (a long token wrapped at 64 or 76 columns). */
const MAX_BREAKS = 16;

export interface Continuation {
  /** The token characters after the break(s), joined. */
  readonly text: string;
  readonly length: number;
  /** Where the token now ends in the original text. */
  readonly end: number;
}

/** Past a line break at `at` and the indentation after it: where the next line's text starts, and whether the
 *  break was an explicit continuation; undefined when `at` is not a line break. */
function pastBreak(text: string, at: number): { next: number; explicit: boolean } | undefined {
  let i = at;
  let explicit = false;
  if (text.charCodeAt(i) === 92) {
    // `\` + newline (continuation) or the two-character escape `\n` / `\r\n` inside a JSON string.
    const after = text.charCodeAt(i + 1);
    if (after === 110 || after === 114) {
      i += 2;
      if (after === 114 && text.charCodeAt(i) === 92 && text.charCodeAt(i + 1) === 110) i += 2;
    } else if (after === 10 || after === 13) {
      explicit = true;
      i += 1;
      if (text.charCodeAt(i) === 13) i++;
      if (text.charCodeAt(i) !== 10) return undefined;
      i++;
    } else return undefined;
  } else {
    if (text.charCodeAt(i) === 13) i++;
    if (text.charCodeAt(i) !== 10) return undefined;
    i++;
  }
  const indentEnd = i + MAX_INDENT;
  while (i < indentEnd && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  return { next: i, explicit };
}

/**
 * The rest of a token whose characters (`mask`) stop at `end` at a line break, or undefined. `missing`: how many
 * characters the token still lacks to reach its format's minimum (any continuation is taken while it is
 * positive); `room`: how many more it may hold, which bounds what is read.
 */
export function readContinuation(
  text: string,
  end: number,
  mask: number,
  missing: number,
  room: number,
): Continuation | undefined {
  let joined = '';
  let at = end;
  let lastPiece = 0;
  for (let breaks = 0; breaks < MAX_BREAKS && joined.length <= room; breaks++) {
    const past = pastBreak(text, at);
    if (past === undefined) break;
    const tailEnd = runEnd(text, past.next, mask, past.next + room - joined.length + 1);
    if (tailEnd === past.next) break;
    const tail = text.slice(past.next, tailEnd);
    const looksLikeTail = tail.length >= MIN_TAIL && (randomTail(tail) || wholeLine(text, tailEnd, tail));
    if (!(missing > joined.length || past.explicit || looksLikeTail)) break;
    // Wrapping leaves full lines and one short last piece; a chain of short pieces is not a wrapped token.
    if (breaks > 0 && lastPiece < MIN_CHAINED) break;
    lastPiece = tail.length;
    joined += tail;
    at = tailEnd;
  }
  return joined.length === 0 ? undefined : { text: joined, length: joined.length, end: at };
}
