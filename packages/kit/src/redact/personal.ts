import { type Detector, patternDetector } from './detector.ts';
import {
  cardIssued,
  ibanChecksumValid,
  ibanLength,
  luhnValid,
  ninoPrefixValid,
  spanishIdValid,
  ssnValid,
} from './validate.ts';

/**
 * Personal data. Numbers are only redacted when a checksum or an issuing rule says they are what they look like,
 * which is what keeps ids, order numbers, timestamps and hashes intact.
 */

const NON_DIGIT = /\D/g;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** A match glued to a longer numeric structure (`1.2.3`, `2024-01-15-…`, an IP) is part of that, not a number of its own. */
function partOfLargerNumber(text: string, start: number, end: number): boolean {
  const before = text.charCodeAt(start - 1);
  const after = text.charCodeAt(end);
  if ((before === 46 || before === 45) && isDigit(text.charCodeAt(start - 2))) return true;
  return (after === 46 || after === 45) && isDigit(text.charCodeAt(end + 1));
}

/** 13–19 digits, optionally grouped by one kind of separator, Luhn-valid and from a known issuer range. */
const cardNumber = patternDetector(['card_number'], /\b\d(?:[ -]?\d){12,18}\b/g, (m, text, range) => {
  const raw = m[0];
  if (partOfLargerNumber(text, range.start, range.end)) return undefined;
  const separators = raw.replace(/\d/g, '');
  if (separators.length > 0) {
    if (separators.replaceAll(separators[0] ?? '', '').length > 0) return undefined;
    if (raw.split(separators[0] ?? ' ').some((group) => group.length < 3)) return undefined;
  }
  const digits = raw.replace(NON_DIGIT, '');
  return cardIssued(digits) && luhnValid(digits) ? 'card_number' : undefined;
});

/**
 * IBANs, compact or in groups of four. The match may run into a following capitalised word, so the country's
 * registered length decides where the IBAN ends; the mod-97 checksum decides whether it is one.
 */
const iban = patternDetector(['iban'], /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b/g, (m, text, range) => {
  const raw = m[0];
  const length = ibanLength(raw.slice(0, 2));
  if (length === undefined) return undefined;
  let compact = '';
  let i = 0;
  for (; i < raw.length && compact.length < length; i++) if (raw[i] !== ' ') compact += raw[i];
  if (compact.length < length) return undefined;
  const end = range.start + i;
  // Compact form followed directly by more characters: a longer token, not an IBAN.
  if (end < range.end && raw[i] !== ' ') return undefined;
  if (!ibanChecksumValid(compact)) return undefined;
  range.end = end;
  return partOfLargerNumber(text, range.start, range.end) ? undefined : 'iban';
});

/**
 * National ids that can be validated: US SSN (ddd-dd-dddd, never-issued areas excluded), UK National Insurance
 * number, Spanish DNI / NIE (mod-23 letter).
 */
const nationalId = patternDetector(
  ['national_id'],
  /\b(?:(\d{3})-(\d{2})-(\d{4})|([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]) ?\d{2} ?\d{2} ?\d{2} ?[A-D]|\d{8}-?[A-HJ-NP-TV-Z]|[XYZ]-?\d{7}-?[A-HJ-NP-TV-Z])\b/g,
  (m, text, range) => {
    if (partOfLargerNumber(text, range.start, range.end)) return undefined;
    if (m[1] !== undefined) return ssnValid(m[1], m[2] ?? '', m[3] ?? '') ? 'national_id' : undefined;
    if (m[4] !== undefined) return ninoPrefixValid(m[4]) ? 'national_id' : undefined;
    return spanishIdValid(m[0].replaceAll('-', '')) ? 'national_id' : undefined;
  },
);

/**
 * Phone numbers: international `+CC …` (with separators, or compact E.164), North American `(415) 555-0134` /
 * `415-555-0134`, and common European national forms starting with a trunk `0`. A separator or a `+` is
 * required, so bare digit runs (ids, timestamps, amounts) never match, and a match may not be one group of a
 * longer digit-group sequence (a grouped reference number or card-shaped id).
 */
const phone = patternDetector(
  ['phone'],
  new RegExp(
    [
      String.raw`(?<![\w+.])\+[1-9]\d{0,3}(?:[ .-]?\(\d{1,5}\)|[ .-]\d{1,6}){1,6}`,
      String.raw`(?<![\w+.])\+[1-9]\d{6,14}`,
      String.raw`(?<![\w.+/-]|\d[ .-])(?:\(\d{3}\)[ .-]?\d{3}[ .-]|\d{3}([ .-])\d{3}\1)\d{4}`,
      String.raw`(?<![\w.+/-]|\d[ .-])0(?:\d{2,4} \d{3,4} ?\d{3,4}|[1-9](?:[ .]\d{2}){4}|\d{2,4}[/-]\d{4,8})`,
    ]
      .map((alternative) => `${alternative}(?![\\w-]|[ .-]\\d)`)
      .join('|'),
    'g',
  ),
  (m) => {
    const digits = m[0].replace(NON_DIGIT, '').length;
    return digits >= 7 && digits <= 15 ? 'phone' : undefined;
  },
);

/**
 * Email addresses, found from each `@` outward instead of by a pattern that would start at every word character.
 * Not emails: scp-style `git@host:repo`, `user:password@host` inside URLs (the url_password detector owns those),
 * and retina asset names like `icon@2x.png`.
 */
const LOCAL_MAX = 64;
const DOMAIN = /(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}([A-Za-z]{2,24})(?![A-Za-z0-9-])/y;
const FILE_EXTENSIONS = new Set(
  'png jpg jpeg gif svg webp ico js mjs cjs ts css scss html json yaml yml txt map wasm lock'.split(' '),
);

function isLocalChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    c === 46 ||
    c === 95 ||
    c === 37 ||
    c === 43 ||
    c === 45
  );
}

function insideUrlCredentials(text: string, localStart: number): boolean {
  if (text.charCodeAt(localStart - 1) !== 58) return false;
  for (let i = localStart - 2; i >= 0 && localStart - i < 200; i--) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 9 || c === 34 || c === 39) return false;
    if (c === 47 && text.charCodeAt(i - 1) === 47) return true;
  }
  return false;
}

const email: Detector = {
  kinds: ['email'],
  scan(text, emit) {
    for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
      let start = at;
      while (start > 0 && at - start < LOCAL_MAX && isLocalChar(text.charCodeAt(start - 1))) start--;
      while (start < at && text.charCodeAt(start) === 46) start++;
      if (start === at) continue;
      DOMAIN.lastIndex = at + 1;
      const domain = DOMAIN.exec(text);
      if (domain === null) continue;
      if (FILE_EXTENSIONS.has((domain[1] ?? '').toLowerCase())) continue;
      if (at - start === 3 && text.startsWith('git', start)) continue;
      if (insideUrlCredentials(text, start)) continue;
      emit(start, DOMAIN.lastIndex, 'email');
      at = DOMAIN.lastIndex - 1;
    }
  },
};

/** Validated numbers first: where a span is both, the stricter detector names it. */
export const personalDetectors: readonly Detector[] = [cardNumber, iban, nationalId];
export const contactDetectors: readonly Detector[] = [email, phone];
