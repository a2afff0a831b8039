/**
 * HELD-OUT PART — redact-engine (and anyone improving the detectors) must not read the files in this folder.
 *
 * Encodings the dev part does not use.
 */
import type { Span } from '../builder.ts';

export const hex = (s: string): string => Buffer.from(s, 'utf8').toString('hex');

/** Every character as a numeric HTML entity (how mail-to links and scraped pages hide addresses). */
export const htmlEntities = (s: string): string => [...s].map((c) => `&#${r16(c)};`).join('');
const r16 = (c: string): string => `x${c.codePointAt(0)!.toString(16)}`;

/** Percent-encoding applied twice (a redirect parameter inside another URL). */
export const doublePercent = (s: string): string => encodeURIComponent(encodeURIComponent(s));

/** RFC 2045 quoted-printable: `=` escaped as `=3D`, soft line breaks (`=\n`) every 76 columns. */
export function quotedPrintable(s: string, column: number): string {
  const escaped = s.replace(/=/g, '=3D');
  let out = '';
  let col = column;
  for (const ch of escaped) {
    if (col >= 75) {
      out += '=\n';
      col = 0;
    }
    out += ch;
    col++;
  }
  return out;
}

/**
 * Base64 of a whole file, wrapped at 76 columns (a MIME attachment), with the span of base64 text that
 * encodes each labelled value: from the group holding its first byte to the group holding its last.
 */
export function mimeBase64(parts: readonly (string | Span)[]): (string | Span)[] {
  const plain = parts.map((p) => (typeof p === 'string' ? p : p.text)).join('');
  const encodedText = Buffer.from(plain, 'utf8').toString('base64');
  const wrapped = encodedText.match(/.{1,76}/g)!.join('\n');
  // Offset in the wrapped text of base64 character i.
  const at = (i: number): number => i + Math.floor(i / 76);
  const spans: { start: number; end: number; span: Span }[] = [];
  let byte = 0;
  for (const p of parts) {
    const len = Buffer.byteLength(typeof p === 'string' ? p : p.text, 'utf8');
    if (typeof p !== 'string') {
      const first = Math.floor(byte / 3) * 4;
      const last = Math.ceil((byte + len) / 3) * 4;
      spans.push({ start: at(first), end: at(last - 1) + 1, span: p });
    }
    byte += len;
  }
  const out: (string | Span)[] = [];
  let pos = 0;
  for (const s of spans) {
    if (s.start < pos) continue; // two values in one base64 group: the first label covers both
    out.push(wrapped.slice(pos, s.start), {
      ...s.span,
      form: 'mime-base64',
      text: wrapped.slice(s.start, s.end),
    });
    pos = s.end;
  }
  out.push(wrapped.slice(pos));
  return out;
}
