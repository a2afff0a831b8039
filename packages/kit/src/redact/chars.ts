/**
 * Character classes as bit masks over ASCII, and run scanning with them. Detectors test classes with one table
 * lookup instead of regexes, and find the end of a run once per run (see `RunCache`), which is what keeps every
 * detector linear however the text repeats their prefixes.
 */

export const DIGIT = 1;
export const UPPER = 2;
export const LOWER = 4;
export const UNDERSCORE = 8;
export const DASH = 16;
export const PLUS = 32;
export const SLASH = 64;
export const EQUALS = 128;
export const DOT = 256;
export const TILDE = 512;
export const HEX_LETTER = 1024;
export const SPACE = 2048;
export const LINE_BREAK = 4096;

export const ALNUM = DIGIT | UPPER | LOWER;
export const WORD = ALNUM | UNDERSCORE;
export const B64URL = ALNUM | UNDERSCORE | DASH;
export const B64STD = ALNUM | PLUS | SLASH;
export const B64ANY = B64URL | PLUS | SLASH;
/** What a token, a URL path or an encoded value is made of: the unit the run scanner looks inside. */
export const TOKEN = B64ANY | EQUALS | DOT | TILDE;

/** Indexed by any UTF-16 code unit (no range check on the hot path); everything past ASCII is 0. */
const TABLE = new Uint16Array(65536);
for (let c = 48; c <= 57; c++) TABLE[c] = DIGIT;
for (let c = 65; c <= 90; c++) TABLE[c] = UPPER;
for (let c = 97; c <= 122; c++) TABLE[c] = LOWER;
for (const c of 'abcdefABCDEF') TABLE[c.charCodeAt(0)]! |= HEX_LETTER;
TABLE[95] = UNDERSCORE;
TABLE[45] = DASH;
TABLE[43] = PLUS;
TABLE[47] = SLASH;
TABLE[61] = EQUALS;
TABLE[46] = DOT;
TABLE[126] = TILDE;
TABLE[32] = SPACE;
TABLE[9] = SPACE;
TABLE[10] = LINE_BREAK;
TABLE[13] = LINE_BREAK;

/**
 * The class table itself, for the hottest loops: `CLASSES[c]` is what `classOf(c)` returns for any code unit
 * (undefined past a string's end, where charCodeAt is NaN: `& mask` still reads it as 0).
 */
export const CLASSES: Readonly<Uint16Array> = TABLE;

/** The class bits of a UTF-16 code unit (0 outside ASCII). */
export function classOf(c: number): number {
  // charCodeAt past the end gives NaN, which reads as undefined here: `| 0` makes it 0.
  return TABLE[c]! | 0;
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}

export function isAlnum(c: number): boolean {
  return (TABLE[c]! & ALNUM) !== 0;
}

export function isHex(c: number): boolean {
  return (TABLE[c]! & (DIGIT | HEX_LETTER)) !== 0;
}

/** End of the run of `mask` characters starting at `from` (`from` itself if it is not one), at most `limit`. */
export function runEnd(text: string, from: number, mask: number, limit = text.length): number {
  let i = from;
  const n = Math.min(limit, text.length);
  while (i < n) {
    if ((TABLE[text.charCodeAt(i)]! & mask) === 0) break;
    i++;
  }
  return i;
}

/** Start of the run of `mask` characters ending at `to` (exclusive), looking back no further than `limit`. */
export function runStart(text: string, to: number, mask: number, limit = 0): number {
  let i = to;
  while (i > limit) {
    if ((TABLE[text.charCodeAt(i - 1)]! & mask) === 0) break;
    i--;
  }
  return i;
}

/** Every character of `text[from, to)` is one of `mask`. */
export function allIn(text: string, from: number, to: number, mask: number): boolean {
  for (let i = from; i < to; i++) {
    if ((TABLE[text.charCodeAt(i)]! & mask) === 0) return false;
  }
  return true;
}

/** The class bits present anywhere in `text[from, to)`. */
export function classesIn(text: string, from: number, to: number): number {
  let bits = 0;
  for (let i = from; i < to; i++) {
    bits |= TABLE[text.charCodeAt(i)]! | 0;
  }
  return bits;
}

/**
 * Run ends remembered per mask: any start inside a run already measured ends where that run ends, so repeated
 * prefixes inside one long run (`-eyJ-eyJ…`) cost one measurement, not one each. Reset per text.
 */
export class RunCache {
  #masks: number[] = [];
  #from: number[] = [];
  #end: number[] = [];
  #text = '';

  reset(text: string): void {
    this.#text = text;
    this.#from.fill(-1);
    this.#end.fill(-1);
  }

  end(from: number, mask: number): number {
    let slot = this.#masks.indexOf(mask);
    if (slot === -1) {
      slot = this.#masks.push(mask) - 1;
      this.#from.push(-1);
      this.#end.push(-1);
    }
    const cachedFrom = this.#from[slot]!;
    const cachedEnd = this.#end[slot]!;
    if (from >= cachedFrom && from < cachedEnd) return cachedEnd;
    // Slightly before the measured run (a shorter prefix than the last candidate's): join it if contiguous.
    if (from < cachedFrom && cachedFrom - from <= 64 && allIn(this.#text, from, cachedFrom, mask)) {
      this.#from[slot] = from;
      return cachedEnd;
    }
    const end = runEnd(this.#text, from, mask);
    this.#from[slot] = from;
    this.#end[slot] = end;
    return end;
  }
}

/**
 * `text.indexOf(needle, from)`, but the very next position is checked by hand first: a text dense with the
 * needle (`=====`, `@@@@`) then costs a comparison per hit instead of a call, while a sparse one still gets
 * indexOf's fast search.
 */
export function nextIndex(text: string, needle: string, from: number): number {
  if (
    text.charCodeAt(from) === needle.charCodeAt(0) &&
    (needle.length === 1 || text.startsWith(needle, from))
  ) {
    return from;
  }
  return text.indexOf(needle, from + 1);
}
