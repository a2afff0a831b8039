import { B64ANY, CLASSES, DASH, DIGIT, HEX_LETTER, PLUS, SLASH, TOKEN, UNDERSCORE } from '../chars.ts';
import type { Emit, NestedScan } from '../detector.ts';
import { isPlaceholder } from '../placeholders.ts';

/**
 * Secrets written in base64 (standard or URL-safe): a token in a Kubernetes Secret's `data`, a credential URL
 * in an env var, `echo … | base64 -d`. A base64 stretch inside a token run is decoded when its first bytes
 * are printable text (random bytes, images, certificates and protobuf fail at once, which keeps this cheap);
 * the decoded text is scanned with every detector, and if anything is found the whole stretch is redacted
 * under that finding's kind. Lines of a wrapped blob (MIME 76, PEM 64 columns) are joined first.
 */

/** Shortest stretch worth decoding: base64 of a 15-character secret. */
export const MIN_STRETCH = 20;
/** Characters whose classes decide the stretch's alphabet (base64 or base64url, or just hex). */
const ALPHABET_SAMPLE = 64;
/** Bytes decoded for the printable check before committing to the whole stretch. */
const PROBE_CHARS = 16;
const MAX_WRAPPED_LINES = 4096;

const VALUES = new Int8Array(128).fill(-1);
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.split('').forEach((c, i) => {
  VALUES[c.charCodeAt(0)] = i;
});
VALUES['-'.charCodeAt(0)] = 62;
VALUES['_'.charCodeAt(0)] = 63;

function printable(byte: number): boolean {
  return (byte >= 32 && byte < 127) || byte === 9 || byte === 10 || byte === 13;
}

/** Do the first PROBE_CHARS characters at `start` decode to printable ASCII? No allocation. */
function probePrintable(text: string, start: number): boolean {
  for (let q = start; q < start + PROBE_CHARS; q += 4) {
    const a = VALUES[text.charCodeAt(q)]!;
    const b = VALUES[text.charCodeAt(q + 1)]!;
    const c = VALUES[text.charCodeAt(q + 2)]!;
    const d = VALUES[text.charCodeAt(q + 3)]!;
    if ((a | b | c | d) < 0) return false;
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    if (!printable(n >>> 16) || !printable((n >>> 8) & 255) || !printable(n & 255)) return false;
  }
  return true;
}

function allPrintable(bytes: Buffer): boolean {
  for (const byte of bytes) if (!printable(byte)) return false;
  return true;
}

/** Where a wrapped blob continues: the next line holds only base64 (after indentation). */
function nextLine(text: string, at: number): number {
  let i = at;
  if (text.charCodeAt(i) === 13) i++;
  if (text.charCodeAt(i) !== 10) return -1;
  i++;
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
  return (CLASSES[text.charCodeAt(i)]! & B64ANY) !== 0 ? i : -1;
}

/** Decoded user and password, no blanks: `user:pass` as HTTP Basic, Docker's and npm's `auth` encode them. */
const USER_PASS = /^[\w.@+-]{1,64}:[^\s:/][^\s]{3,127}$/;

/**
 * The base64 of `user:password` (RFC 7617's user-pass) is a credential wherever it is written: an
 * `Authorization: Basic` header in any syntax (HAR, code), Docker's `config.json` `auth`, npm's `_auth`.
 * The password must not read as a word or a path (`text:plain`, `urn:uuid…`).
 */
export function isUserPass(decoded: string): boolean {
  if (!USER_PASS.test(decoded)) return false;
  const password = decoded.slice(decoded.indexOf(':') + 1);
  return !LOWER_WORDS.test(password) && !isPlaceholder(password);
}

/** Lower-case words, media types and paths (`plain`, `text/plain`, `a-b.c`): not a password. */
const LOWER_WORDS = /^[a-z][a-z./+-]*$/;

/** Kinds the inspector reports itself (it also reports whatever the nested scan found). */
export const BASE64_KINDS: readonly string[] = ['basic_auth'];

export interface Base64Inspector {
  /**
   * A stretch `[from, to)` of base64 characters inside a token run: decoded and scanned when it may hold text.
   */
  stretch(text: string, from: number, to: number, emit: Emit): void;
}

export const BASE64_PROBES: readonly string[] = ['Z2hwX', 'QUtJQ', 'cG9zdGdyZXM6Ly', 'LS0tLS1CRUdJTi'];

export function createBase64Inspector(nested: NestedScan | undefined): Base64Inspector {
  /** Decodes `[start, end)` (lines joined) and reports the first secret found inside, over the whole stretch. */
  const inspect = (encoded: string, start: number, end: number, emit: Emit): void => {
    if (nested === undefined) return;
    const bytes = Buffer.from(encoded, 'base64');
    if (bytes.length === 0 || !allPrintable(bytes)) return;
    const decoded = bytes.toString('latin1');
    const found = nested(decoded);
    if (found.length > 0) emit(start, end, found[0]!.kind);
    else if (isUserPass(decoded)) emit(start, end, 'basic_auth');
  };

  return {
    stretch(text, from, to, emit) {
      const length = to - from;
      // Its alphabet, judged on its first characters (bounded work per stretch).
      let bits = 0;
      let hexOnly = true;
      for (let i = from, stop = Math.min(to, from + ALPHABET_SAMPLE); i < stop; i++) {
        const bit = CLASSES[text.charCodeAt(i)]!;
        bits |= bit;
        if ((bit & (DIGIT | HEX_LETTER | DASH)) === 0) hexOnly = false;
      }
      // Both alphabets at once is a path or an identifier, not base64; hex-only is a hash.
      const standard = (bits & (PLUS | SLASH)) !== 0;
      const urlSafe = (bits & (DASH | UNDERSCORE)) !== 0;
      if (nested === undefined || length < MIN_STRETCH || (standard && urlSafe) || hexOnly) return;
      if (!probePrintable(text, from)) return;
      let stop = to;
      while (text.charCodeAt(stop) === 61 && stop - to < 2) stop++;
      const endsRun = (CLASSES[text.charCodeAt(stop)]! & TOKEN) === 0;
      // A blob wrapped at a fixed width: every full line has the first line's length.
      let encoded = text.slice(from, stop);
      let last = stop;
      if (endsRun && stop === to && length % 4 === 0 && length >= 60) {
        for (let lines = 0, at = nextLine(text, stop); at >= 0 && lines < MAX_WRAPPED_LINES; lines++) {
          let lineEnd = at;
          while ((CLASSES[text.charCodeAt(lineEnd)]! & B64ANY) !== 0 || text.charCodeAt(lineEnd) === 61)
            lineEnd++;
          // A line that is not all base64 (`NAME: value`) is the next entry, not the blob's continuation.
          const after = text.charCodeAt(lineEnd);
          if (!(Number.isNaN(after) || after === 10 || after === 13)) break;
          encoded += text.slice(at, lineEnd);
          last = lineEnd;
          if (lineEnd - at !== length) break;
          at = nextLine(text, lineEnd);
        }
      }
      inspect(encoded, from, last, emit);
    },
  };
}
