import { isHex } from '../chars.ts';
import type { Detector, Emit, NestedScan } from '../detector.ts';

/**
 * Secrets behind text escapes: percent-encoding (`token%3Dghp_…`, a password `p%40ss` in a query string) and
 * JSON / JavaScript escapes (`\u0067\u0068\u0070…`, Go's `\u003d`). Each stretch holding an escape is decoded
 * once, scanned with every detector, and what is found is mapped back onto the escaped characters.
 */

/** Characters of a URL or of an escaped JSON string body: printable ASCII but blanks, quotes and brackets. */
function isStretchChar(c: number): boolean {
  return c > 32 && c < 127 && c !== 34 && c !== 39 && c !== 96 && c !== 60 && c !== 62;
}

const hexValue = (c: number): number => (c <= 57 ? c - 48 : (c | 32) - 87);

function hexAt(text: string, at: number, digits: number): number {
  let v = 0;
  for (let i = at; i < at + digits; i++) {
    const c = text.charCodeAt(i);
    if (!isHex(c)) return -1;
    v = v * 16 + hexValue(c);
  }
  return v;
}

/** Length of the escape at `i` and its decoded code unit, or undefined when `i` starts no escape. */
type Decoder = (text: string, i: number) => { length: number; code: number } | undefined;

const percent: Decoder = (text, i) => {
  if (text.charCodeAt(i) !== 37) return undefined;
  const v = hexAt(text, i + 1, 2);
  return v < 0 ? undefined : { length: 3, code: v };
};

const backslash: Decoder = (text, i) => {
  if (text.charCodeAt(i) !== 92) return undefined;
  const kind = text.charCodeAt(i + 1);
  if (kind === 117) {
    const v = hexAt(text, i + 2, 4);
    return v < 0 ? undefined : { length: 6, code: v };
  }
  if (kind === 120) {
    const v = hexAt(text, i + 2, 2);
    return v < 0 ? undefined : { length: 4, code: v };
  }
  if (kind === 47 || kind === 92) return { length: 2, code: kind };
  return undefined;
};

export function createEscapeDetector(nested: NestedScan | undefined): Detector {
  const codes: number[] = [];
  const origin: number[] = [];

  /** Decodes `[start, end)` with `decode`, scans it, and emits what was found in original coordinates. */
  const inspect = (text: string, start: number, end: number, decode: Decoder, emit: Emit): void => {
    codes.length = 0;
    origin.length = 0;
    for (let i = start; i < end; ) {
      const escape = decode(text, i);
      origin.push(i);
      if (escape === undefined) {
        codes.push(text.charCodeAt(i));
        i++;
      } else {
        codes.push(escape.code);
        i += escape.length;
      }
    }
    let decoded = '';
    for (let i = 0; i < codes.length; i += 4096) decoded += String.fromCharCode(...codes.slice(i, i + 4096));
    const ends = origin.slice();
    ends.push(end);
    for (const span of nested!(decoded)) emit(ends[span.start]!, ends[span.end]!, span.kind);
  };

  /** Every stretch holding `marker` followed by a valid escape. */
  const each = (text: string, marker: string, decode: Decoder, emit: Emit): void => {
    let floor = 0;
    for (let at = text.indexOf(marker); at !== -1; at = text.indexOf(marker, at + 1)) {
      if (at < floor || decode(text, at) === undefined) continue;
      let start = at;
      while (start > floor && isStretchChar(text.charCodeAt(start - 1))) start--;
      let end = at;
      while (end < text.length && isStretchChar(text.charCodeAt(end))) end++;
      inspect(text, start, end, decode, emit);
      floor = end;
      at = end - 1;
    }
  };

  return {
    kinds: [],
    probes: ['%3D', '%', '\\u0067', '\\u', '\\x41'],
    scan(text, emit) {
      if (nested === undefined) return;
      if (text.includes('%')) each(text, '%', percent, emit);
      if (text.includes('\\')) {
        each(text, '\\u', backslash, emit);
        each(text, '\\x', backslash, emit);
      }
    },
  };
}
