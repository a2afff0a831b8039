import type { Detector, Emit } from './detector.ts';
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
 * Personal data in numbers: cards, phones, national ids, IBANs. Logs are dense with digits (timestamps, ids,
 * hashes), so the shapes are combined into three patterns by how they start — a digit, `+` / `(`, an
 * uppercase letter — each one pass. A number is only redacted when a checksum or issuing rule says it is
 * what it looks like, which keeps order numbers, ids and timestamps intact.
 */

/** Not glued to a longer word or number (`v1.2.3`, `id-123…`), nor the tail of a digit-group sequence. */
const BEFORE = String.raw`(?<![\w.+/-]|\d[ .-])`;
const AFTER = String.raw`(?![\w-]|[ .-]\d)`;

/**
 * Every digit-first shape, factored by common prefix (the engine does not factor alternations itself, and
 * trying each shape at every digit of a digit-dense log costs twice as much):
 * cards (4-4-4-x with one separator, Amex/Diners 4-6-5, contiguous 13–19), Spanish DNI (8 digits + letter),
 * US SSN (ddd-dd-dddd), North American phones (415-555-0134), and national phone forms with a trunk 0 (UK,
 * France, Germany). The verifier tells them apart by shape; `\b` is cheap here, the rest of BEFORE is checked
 * by hand only at matches.
 */
const DIGIT_FIRST = new RegExp(
  String.raw`\b(?:\d{3}(?:\d(?:(?<s1>[ -])\d{4}\k<s1>\d{4}\k<s1>\d{1,4}(?:\k<s1>\d{1,3})?|(?<s2>[ -])\d{6}\k<s2>\d{4,5}|\d{9,15}|\d{4}-?[A-HJ-NP-TV-Z])|-\d{2}-\d{4}|(?<s3>[ .-])\d{3}\k<s3>\d{4})|0(?:\d{2,4} \d{3,4} ?\d{3,4}|[1-9](?:[ .]\d{2}){4}|\d{2,4}[/-]\d{4,8}))` +
    AFTER,
  'g',
);

const SSN_SHAPE = /^(\d{3})-(\d{2})-(\d{4})$/;

/** International `+CC …` (grouped or compact E.164) and `(415) 555-0134`. */
const PLUS_OR_PAREN = new RegExp(
  [
    String.raw`(?<![\w+.])\+[1-9]\d{0,3}(?:[ .-]?\(\d{1,5}\)|[ .-]\d{1,6}){1,6}`,
    String.raw`(?<![\w+.])\+[1-9]\d{6,14}`,
    String.raw`${BEFORE}\(\d{3}\)[ .-]?\d{3}[ .-]\d{4}`,
  ]
    .map((alternative) => `${alternative}${AFTER}`)
    .join('|'),
  'g',
);

/**
 * UK National Insurance number, Spanish NIE, IBAN (compact or grouped by four). The fixed-length ids come first:
 * the IBAN alternative is greedy and would otherwise swallow an id followed by more capitals.
 */
const LETTER_FIRST =
  /\b(?:(?<nino>[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]) ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b|(?<nie>[XYZ]-?\d{7}-?[A-HJ-NP-TV-Z])\b|(?<iban>[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30})\b)/g;

const NON_DIGIT = /\D/g;

function phoneKind(raw: string): string | undefined {
  const digits = raw.replace(NON_DIGIT, '').length;
  return digits >= 7 && digits <= 15 ? 'phone' : undefined;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The rest of BEFORE: not after `.`, `+`, `/`, `-`, nor after a digit group and a separator. */
function standsAlone(text: string, start: number): boolean {
  const before = text.charCodeAt(start - 1);
  if (before === 46 || before === 43 || before === 47 || before === 45) return false;
  return !(before === 32 && isDigit(text.charCodeAt(start - 2)));
}

function digitFirstKind(raw: string): string | undefined {
  const last = raw.charCodeAt(raw.length - 1);
  if (last >= 65 && last <= 90) return spanishIdValid(raw.replace('-', '')) ? 'national_id' : undefined;
  const ssn = SSN_SHAPE.exec(raw);
  if (ssn !== null) return ssnValid(ssn[1]!, ssn[2]!, ssn[3]!) ? 'national_id' : undefined;
  const digits = raw.replace(NON_DIGIT, '');
  if (digits.length >= 13) return cardIssued(digits) && luhnValid(digits) ? 'card_number' : undefined;
  return digits.length >= 7 ? 'phone' : undefined;
}

function scanDigitFirst(text: string, emit: Emit): void {
  DIGIT_FIRST.lastIndex = 0;
  for (let m = DIGIT_FIRST.exec(text); m !== null; m = DIGIT_FIRST.exec(text)) {
    if (!standsAlone(text, m.index)) continue;
    const kind = digitFirstKind(m[0]);
    if (kind !== undefined) emit(m.index, m.index + m[0].length, kind);
  }
}

function scanPlusOrParen(text: string, emit: Emit): void {
  PLUS_OR_PAREN.lastIndex = 0;
  for (let m = PLUS_OR_PAREN.exec(text); m !== null; m = PLUS_OR_PAREN.exec(text)) {
    if (phoneKind(m[0]) !== undefined) emit(m.index, m.index + m[0].length, 'phone');
  }
}

/**
 * The IBAN match may run into a following capitalised word, so the country's registered length decides where
 * it ends, and the mod-97 checksum whether it is one.
 */
function ibanEnd(raw: string, start: number): number | undefined {
  const length = ibanLength(raw.slice(0, 2));
  if (length === undefined) return undefined;
  let compact = '';
  let i = 0;
  for (; i < raw.length && compact.length < length; i++) if (raw[i] !== ' ') compact += raw[i];
  if (compact.length < length) return undefined;
  // Compact form followed directly by more characters: a longer token, not an IBAN.
  if (i < raw.length && raw[i] !== ' ') return undefined;
  return ibanChecksumValid(compact) ? start + i : undefined;
}

function scanLetterFirst(text: string, emit: Emit): void {
  LETTER_FIRST.lastIndex = 0;
  for (let m = LETTER_FIRST.exec(text); m !== null; m = LETTER_FIRST.exec(text)) {
    const g = m.groups!;
    if (g.nino !== undefined) {
      if (ninoPrefixValid(g.nino)) emit(m.index, m.index + m[0].length, 'national_id');
    } else if (g.nie !== undefined) {
      if (spanishIdValid(g.nie.replaceAll('-', ''))) emit(m.index, m.index + m[0].length, 'national_id');
    } else {
      const end = ibanEnd(m[0], m.index);
      if (end !== undefined) emit(m.index, end, 'iban');
    }
  }
}

export const personalDetectors: readonly Detector[] = [
  { kinds: ['card_number', 'national_id', 'phone'], scan: scanDigitFirst },
  { kinds: ['phone'], scan: scanPlusOrParen },
  { kinds: ['iban', 'national_id'], scan: scanLetterFirst },
];
