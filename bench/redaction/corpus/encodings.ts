/** The encodings secrets really travel in: each returns the text as it would appear in a document. */

export const base64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

/** RFC 4648 §5 alphabet, unpadded (JWT style). */
export const base64url = (s: string): string => Buffer.from(s, 'utf8').toString('base64url');

/** What `encodeURIComponent` leaves plus the sub-delims it keeps (`!'()*`), so userinfo is unambiguous. */
export const percentEncode = (s: string): string =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Every character as `\uXXXX`, as some JSON encoders and obfuscating serializers write strings. */
export const jsonUnicode = (s: string): string =>
  [...s].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');

/** Go's encoding/json HTML-safe escaping: `<`, `>`, `&` (and here `=` and `+`, as some encoders do) as `\u00XX`. */
export const goJsonEscape = (s: string): string =>
  s.replace(/[<>&=+]/g, (c) => `\\u00${c.charCodeAt(0).toString(16).padStart(2, '0')}`);

/** `s` cut into lines of `width` characters, joined with `joiner` (a newline plus any indentation). */
export function wrap(s: string, width: number, joiner = '\n'): string {
  const lines: string[] = [];
  for (let i = 0; i < s.length; i += width) lines.push(s.slice(i, i + width));
  return lines.join(joiner);
}

/** `s` broken once at `at` with `joiner` between the halves. */
export const splitAt = (s: string, at: number, joiner: string): string =>
  s.slice(0, at) + joiner + s.slice(at);

/** A JSON string literal's body (without quotes). */
export const jsonBody = (s: string): string => JSON.stringify(s).slice(1, -1);

/** XML attribute value escaping. */
export const xmlEscape = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
