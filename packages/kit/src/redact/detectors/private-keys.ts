import { B64STD, classOf, EQUALS, nextIndex } from '../chars.ts';
import type { Detector } from '../detector.ts';

/**
 * Private key blocks: PEM / OpenSSH / PGP armour (`-----BEGIN … PRIVATE KEY-----`), also one-line and inside
 * JSON strings with `\n` escapes (GCP service-account files), and PuTTY key files' private lines. The body is
 * read chunk by chunk (base64 chunks, the `Proc-Type:` / `DEK-Info:` headers, line breaks), so a block cut off
 * before its END line is redacted through its last base64 chunk and no further. Public keys and certificates
 * use other labels and stay.
 */

const BEGIN = '-----BEGIN ';
const MAX_LABEL = 60;
const PUTTY = 'Private-Lines:';

function isBodyChar(c: number): boolean {
  return (classOf(c) & (B64STD | EQUALS)) !== 0;
}

/** Past separators between body chunks: blanks, line breaks, and `\n` / `\r` escapes. */
function skipSeparators(text: string, at: number): number {
  let i = at;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) i++;
    else if (c === 92 && (text.charCodeAt(i + 1) === 110 || text.charCodeAt(i + 1) === 114)) i += 2;
    else return i;
  }
}

/** A `Name: value` armour header line (RFC 1421 / RFC 4880) at `at`: its end, or -1. */
function headerLine(text: string, at: number): number {
  let i = at;
  while ((classOf(text.charCodeAt(i)) & B64STD) !== 0 || text.charCodeAt(i) === 45) i++;
  if (i === at || text.charCodeAt(i) !== 58 || text.charCodeAt(i + 1) !== 32) return -1;
  const limit = Math.min(text.length, i + 200);
  while (i < limit && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 92) i++;
  return i;
}

/** End of the key body starting at `at`: through `-----END …-----` if it comes, else its last base64 chunk. */
function bodyEnd(text: string, at: number): number {
  let i = at;
  let last = at;
  for (;;) {
    i = skipSeparators(text, i);
    if (text.startsWith('-----END', i)) {
      const close = text.slice(i + 8, i + 8 + MAX_LABEL).indexOf('-----');
      return close >= 0 ? i + 8 + close + 5 : last;
    }
    const header = headerLine(text, i);
    if (header >= 0) {
      i = header;
      continue;
    }
    const start = i;
    while (isBodyChar(text.charCodeAt(i))) i++;
    // Short words after the body are prose, not key material.
    if (i - start < 4) return last;
    last = i;
  }
}

export function createPrivateKeyDetector(): Detector {
  return {
    kinds: ['private_key'],
    probes: [BEGIN, '-----BEGIN RSA PRIVATE KEY-----', '-----BEGIN PRIVATE KEY-----\\n', PUTTY],
    scan(text, emit) {
      let floor = 0;
      for (let at = nextIndex(text, BEGIN, 0); at !== -1; at = nextIndex(text, BEGIN, at + 1)) {
        if (at < floor) continue;
        const found = text.slice(at + BEGIN.length, at + BEGIN.length + MAX_LABEL).indexOf('-----');
        if (found < 0) continue;
        const close = at + BEGIN.length + found;
        const label = text.slice(at + BEGIN.length, close);
        if (!label.endsWith('PRIVATE KEY') && !label.endsWith('PRIVATE KEY BLOCK')) continue;
        const end = bodyEnd(text, close + 5);
        emit(at, end, 'private_key');
        floor = end;
        at = Math.max(at, end - 1);
      }
      for (let at = nextIndex(text, PUTTY, 0); at !== -1; at = nextIndex(text, PUTTY, at + 1)) {
        // PuTTY: `Private-Lines: N`, N lines of base64, then `Private-MAC: <hex>`.
        let i = at + PUTTY.length;
        while (text.charCodeAt(i) === 32 || (text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57)) i++;
        // The count ends its line; the key lines follow.
        if (text.charCodeAt(i) === 13) i++;
        if (text.charCodeAt(i) !== 10) continue;
        let end = bodyEnd(text, i);
        const mac = skipSeparators(text, end);
        if (text.startsWith('Private-MAC:', mac)) {
          end = mac + 12;
          while (
            end < text.length &&
            end - mac < 200 &&
            text.charCodeAt(end) !== 10 &&
            text.charCodeAt(end) !== 13
          )
            end++;
        }
        emit(i, end, 'private_key');
        at = Math.max(at, end - 1);
      }
    },
  };
}
