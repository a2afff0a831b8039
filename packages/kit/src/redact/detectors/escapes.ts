import { isHex, nextIndex } from '../chars.ts';
import type { Detector, Emit, NestedScan } from '../detector.ts';

/**
 * Secrets behind text escapes: percent-encoding (`token%3Dghp_…`, a password `p%40ss` in a query string),
 * JSON / JavaScript escapes (`\u0067\u0068\u0070…`, Go's `\u003d`), HTML numeric character references
 * (`&#97;&#110;…`, how pages hide addresses and numbers) and quoted-printable (`anna=40example.com` in mail). Each stretch holding an escape is decoded
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

/** Turns the decoded code units into a string natively (a Uint16Array holds UTF-16 in platform order: LE). */
const UTF16 = new TextDecoder('utf-16le');

/** The code unit the last successful Decoder call decoded. */
let decodedCode = 0;

/** Length of the escape at `i` (its code unit left in `decodedCode`), or 0 when `i` starts no escape. */
type Decoder = (text: string, i: number) => number;

const percent: Decoder = (text, i) => {
  if (text.charCodeAt(i) !== 37) return 0;
  const v = hexAt(text, i + 1, 2);
  if (v < 0) return 0;
  decodedCode = v;
  return 3;
};

const backslash: Decoder = (text, i) => {
  if (text.charCodeAt(i) !== 92) return 0;
  const kind = text.charCodeAt(i + 1);
  const v = kind === 117 ? hexAt(text, i + 2, 4) : kind === 120 ? hexAt(text, i + 2, 2) : -1;
  if (v >= 0) {
    decodedCode = v;
    return kind === 117 ? 6 : 4;
  }
  if (kind === 47 || kind === 92) {
    decodedCode = kind;
    return 2;
  }
  return 0;
};

/** HTML numeric character references, `&#64;` and `&#x40;` (e-mail and phone obfuscation encodes each character). */
const entity: Decoder = (text, i) => {
  if (text.charCodeAt(i) !== 38 || text.charCodeAt(i + 1) !== 35) return 0;
  const hex = (text.charCodeAt(i + 2) | 32) === 120;
  let j = hex ? i + 3 : i + 2;
  let v = 0;
  const stop = j + 7;
  for (; j < stop; j++) {
    const c = text.charCodeAt(j);
    if (c === 59) break;
    if (hex ? !isHex(c) : c < 48 || c > 57) return 0;
    v = hex ? v * 16 + hexValue(c) : v * 10 + (c - 48);
  }
  if (text.charCodeAt(j) !== 59 || j === (hex ? i + 3 : i + 2) || v > 0xffff) return 0;
  decodedCode = v;
  return j + 1 - i;
};

/** Quoted-printable (RFC 2045): `=` and two upper-case hex digits, as mail bodies write `@` (`=40`) and `=`. */
const quotedPrintable: Decoder = (text, i) => {
  if (text.charCodeAt(i) !== 61) return 0;
  const a = text.charCodeAt(i + 1);
  const b = text.charCodeAt(i + 2);
  const upperHex = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 70);
  if (!upperHex(a) || !upperHex(b)) return 0;
  decodedCode = hexValue(a) * 16 + hexValue(b);
  return 3;
};

export function createEscapeDetector(nested: NestedScan | undefined): Detector {
  // Decoding buffers, grown as needed and reused: the decoded code units and where each came from.
  let codes = new Uint16Array(1024);
  let origin = new Int32Array(1025);

  /** Decodes `[start, end)` with `decode`, scans it, and emits what was found in original coordinates. */
  const inspect = (
    text: string,
    start: number,
    end: number,
    decode: Decoder,
    trigger: number,
    emit: Emit,
  ): void => {
    if (codes.length < end - start) {
      codes = new Uint16Array(2 * (end - start));
      origin = new Int32Array(2 * (end - start) + 1);
    }
    let n = 0;
    for (let i = start; i < end; ) {
      const c = text.charCodeAt(i);
      const length = c === trigger ? decode(text, i) : 0;
      origin[n] = i;
      if (length === 0) {
        codes[n++] = c;
        i++;
      } else {
        codes[n++] = decodedCode;
        i += length;
      }
    }
    origin[n] = end;
    const decoded = UTF16.decode(codes.subarray(0, n));
    for (const span of nested!(decoded)) emit(origin[span.start]!, origin[span.end]!, span.kind);
  };

  /** Every stretch holding `marker` followed by a valid escape. */
  const each = (text: string, marker: string, decode: Decoder, emit: Emit): void => {
    const trigger = marker.charCodeAt(0);
    let floor = 0;
    for (let at = nextIndex(text, marker, 0); at !== -1; at = nextIndex(text, marker, at + 1)) {
      if (at < floor || decode(text, at) === 0) continue;
      // Text around an HTML reference may be any script (`olga&#64;почта.рф`): letters past ASCII count too.
      const wide = trigger === 38;
      const inStretch = (c: number): boolean => isStretchChar(c) || (wide && c >= 0xc0 && c !== 0xfeff);
      let start = at;
      while (start > floor && inStretch(text.charCodeAt(start - 1))) start--;
      let end = at;
      while (end < text.length && inStretch(text.charCodeAt(end))) end++;
      inspect(text, start, end, decode, trigger, emit);
      floor = end;
      at = end - 1;
    }
  };

  return {
    kinds: [],
    probes: ['%3D', '%', '\\u0067', '\\u', '\\x41', '&#64;', '&#', 'a=40b.c', '=40'],
    scan(text, emit) {
      if (nested === undefined) return;
      if (text.includes('%')) each(text, '%', percent, emit);
      if (text.includes('\\')) {
        each(text, '\\u', backslash, emit);
        each(text, '\\x', backslash, emit);
      }
      if (text.includes('&#')) each(text, '&#', entity, emit);
      if (text.includes('=40')) each(text, '=', quotedPrintable, emit);
    },
  };
}
