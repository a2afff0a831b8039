/**
 * Shorter text for values that spend tokens on nothing, used by the text form only (structuredContent keeps the
 * value as the handler returned it, so a client that parses keeps every character).
 *
 * An ISO 8601 timestamp (`2026-11-12T12:00:00.000Z`, Jira's `2026-12-01T10:00:00.000+0000`) costs 15–17 tokens,
 * and zero seconds, zero milliseconds and a `+0000` offset carry no information: `2026-11-12T12:00Z` names the
 * same instant in 11. Only those are dropped — a non-zero second or fraction is kept as written, and so is any
 * other offset (`-00:00` included, which RFC 3339 reserves for "offset unknown") — so every shortened value parses
 * (ISO 8601, and JavaScript's `Date`) to the same instant as the original.
 */
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/;
const ZERO_FRACTION = /^\.0+$/;

export function compactTimestamp(text: string): string {
  // Cheap rejection first: most strings are not timestamps.
  if (text.length < 16 || text.length > 40 || text.charCodeAt(10) !== 0x54) return text;
  const parts = TIMESTAMP.exec(text);
  if (!parts) return text;
  const [, minute, second = '', fraction = '', offset = ''] = parts;
  const keptFraction = ZERO_FRACTION.test(fraction) ? '' : fraction;
  const keptSecond = second === ':00' && keptFraction === '' ? '' : second;
  const keptOffset = offset === '+0000' || offset === '+00:00' ? 'Z' : offset;
  return `${minute}${keptSecond}${keptFraction}${keptOffset}`;
}
