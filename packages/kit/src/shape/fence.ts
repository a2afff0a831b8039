import { stripInvisible } from '../redact/unicode.ts';
import { neutraliseFenceTags } from './fence-tags.ts';

/** The fence's tags, exactly as the kit writes them: the only spelling a reader may take as the fence. */
export const FENCE_OPEN = '<untrusted-data';
export const FENCE_CLOSE = '</untrusted-data>';

/** Longest source attribute kept: it names where the data came from, and may hold a third-party key. */
const MAX_SOURCE = 200;

const ATTRIBUTE_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '"': '&quot;',
  '<': '&lt;',
  '>': '&gt;',
  '\n': '&#10;',
  '\r': '&#13;',
  '\u2028': '&#x2028;',
  '\u2029': '&#x2029;',
};

/** The source as one attribute value on the fence's opening line: no quote, bracket or line break survives. */
function attribute(source: string): string {
  const text = stripInvisible(source);
  const cut = text.length > MAX_SOURCE ? `${text.slice(0, MAX_SOURCE)}…` : text;
  return cut.replace(/[&"<>\n\r\u2028\u2029]/g, (c) => ATTRIBUTE_ESCAPES[c] as string);
}

/**
 * Third-party text wrapped as data, naming its source. Invisible characters are removed and every spelling of the
 * fence's own tags inside the text is neutralised (see fence-tags.ts), so the text can neither close the fence
 * nor open a nested one: every line up to the kit's closing tag is data.
 */
export function fenceUntrusted(text: string, source: string): string {
  const body = neutraliseFenceTags(stripInvisible(text));
  return `${FENCE_OPEN} source="${attribute(source)}">\n${body}\n${FENCE_CLOSE}`;
}
