import { ALNUM, classOf, isDigit, nextIndex } from '../chars.ts';
import type { Detector } from '../detector.ts';
import { isPlaceholder } from '../placeholders.ts';

/**
 * The password in `scheme://user:password@host`. People paste passwords with reserved characters unescaped
 * (`p@ss:w/rd#1`), so the password runs from the first `:` of the authority to the `@` that is followed by a
 * host: inside quotes the last such `@` before the closing quote; bare, the last one before the first blank,
 * or, when a blank comes first (a password holding a space), the first one after it. Found from each `://` with bounded reads: the search for the
 * `@` stops at the line's end, at the next `://` and after MAX_AUTHORITY characters.
 */

const MAX_AUTHORITY = 512;
const MAX_USER = 128;

function isSchemeChar(c: number): boolean {
  return (classOf(c) & ALNUM) !== 0 || c === 43 || c === 46 || c === 45;
}

/** Characters a (percent-encoded or raw) user name may hold: not the delimiters of the authority. */
function isUserChar(c: number): boolean {
  return (
    c > 32 && c < 127 && c !== 58 && c !== 64 && c !== 47 && c !== 34 && c !== 39 && c !== 60 && c !== 62
  );
}

function isQuote(c: number): boolean {
  return c === 34 || c === 39 || c === 96;
}

/** Does a host (name, IPv4 or [IPv6]) start right after the `@` at `at`, ending where a URL's host may end? */
function hostFollows(text: string, at: number): boolean {
  let i = at + 1;
  const first = text.charCodeAt(i);
  if (first === 91) {
    const close = i + text.slice(i, i + 64).indexOf(']');
    if (close < i) return false;
    i = close + 1;
  } else {
    if ((classOf(first) & ALNUM) === 0) return false;
    const limit = i + 253;
    while (
      i < limit &&
      ((classOf(text.charCodeAt(i)) & ALNUM) !== 0 || text.charCodeAt(i) === 45 || text.charCodeAt(i) === 46)
    )
      i++;
  }
  let c = text.charCodeAt(i);
  if (c === 58) {
    i++;
    const digits = i;
    while (isDigit(text.charCodeAt(i)) && i - digits < 6) i++;
    if (i === digits) return false;
    c = text.charCodeAt(i);
  }
  return (
    Number.isNaN(c) ||
    c <= 32 ||
    c === 47 ||
    c === 63 ||
    c === 35 ||
    isQuote(c) ||
    c === 60 ||
    c === 62 ||
    c === 44 ||
    c === 59 ||
    c === 41 ||
    c === 93 ||
    c === 92
  );
}

export function createUrlPasswordDetector(): Detector {
  return {
    kinds: ['url_password'],
    probes: ['://', 'https://a:', 'postgres://u:p@', '://:@'],
    scan(text, emit) {
      let nextScheme = -1;
      let floor = 0;
      for (let k = nextIndex(text, '://', 0); k !== -1; k = nextIndex(text, '://', k + 1)) {
        if (k < floor) continue;
        // The user name, then the `:` that starts the password.
        let colon = k + 3;
        const userEnd = Math.min(text.length, colon + MAX_USER);
        while (colon < userEnd && isUserChar(text.charCodeAt(colon))) colon++;
        // No `:`, or nothing between it and an `@` or the URL's end: no password.
        if (text.charCodeAt(colon) !== 58) continue;
        const first = text.charCodeAt(colon + 1);
        if (first === 64 || first <= 32) continue;
        let schemeStart = k;
        while (schemeStart > 0 && k - schemeStart < 32 && isSchemeChar(text.charCodeAt(schemeStart - 1)))
          schemeStart--;
        const opener = text.charCodeAt(schemeStart - 1);
        const quoted = isQuote(opener);

        if (nextScheme <= colon) {
          nextScheme = text.indexOf('://', colon);
          if (nextScheme < 0) nextScheme = text.length;
        }
        const limit = Math.min(text.length, colon + MAX_AUTHORITY, nextScheme);
        // Quoted: the last `@` before the closing quote. Bare: the last before the first blank, or else the
        // first after it (one blank at most: a password with a space, not the rest of a sentence).
        let at = -1;
        let blanks = 0;
        for (let i = colon + 1; i < limit; i++) {
          const c = text.charCodeAt(i);
          if (c === 10 || c === 13 || c === 60 || c === 62) break;
          if (isQuote(c) && (!quoted || c === opener)) break;
          if (c === 32 || c === 9) {
            if (!quoted && (at >= 0 || ++blanks > 1)) break;
            continue;
          }
          if (c !== 64 || !hostFollows(text, i)) continue;
          at = i;
          if (!quoted && blanks > 0) break;
        }
        if (at < 0) continue;
        const password = text.slice(colon + 1, at);
        // `host:8080/@scope/pkg`, `host:3000/users/@me`: a port and a path ending at the `@`, not a password.
        if ((/^\d{1,5}\//.test(password) && password.endsWith('/')) || isPlaceholder(password, false))
          continue;
        emit(colon + 1, at, 'url_password');
        floor = at;
      }
    },
  };
}
