import { isAlnum, isDigit, isUpper } from '../chars.ts';
import { cardIssued, ibanLengthAt, ibanMod97Step, luhnValid } from '../checksums.ts';
import type { Emit } from '../detector.ts';
import { ean13Valid } from '../id-checksums.ts';
import type { IdContext } from './national-ids.ts';
import { digitsOf, type Groups, groupLength, isolated, type Match, shape } from './numbers.ts';

/**
 * Card numbers (ISO/IEC 7812: issuer ranges and lengths, Luhn) written contiguous or in their printed
 * groupings, and IBANs (ISO 13616: country length, mod 97) written compact or in groups of four.
 */

/** Printed groupings (ISO/IEC 7812 lengths 13–19): 4s with a short last group, Amex/Diners 4-6-5 and 4-6-4. */
const CARD_SHAPES: readonly (readonly number[])[] = [
  [4, 4, 4, 4, 3],
  [4, 4, 4, 4, 2],
  [4, 4, 4, 4, 1],
  [4, 4, 4, 4],
  [4, 4, 4, 3],
  [4, 4, 4, 2],
  [4, 4, 4, 1],
  [4, 4, 5],
  [4, 6, 5],
  [4, 6, 4],
];

function isCard(digits: string): boolean {
  return digits.length >= 13 && digits.length <= 19 && cardIssued(digits) && luhnValid(digits);
}

/**
 * A bare 13-digit number that passes the GS1 check is a barcode (EAN-13) unless the line names a card: a
 * 13-digit Visa or Maestro number passes that check one time in ten, an EAN passes Luhn one time in ten.
 */
function barcode(digits: string, g: Groups, k: number, context: IdContext | undefined): boolean {
  if (digits.length === 13 && ean13Valid(digits)) return !context?.nearCard(g.starts[k]!);
  // UATP numbers (15 digits from 1) share their start with ids and timestamps: taken only where a card is named.
  return digits[0] === '1' && !context?.nearCard(g.starts[k]!);
}

/** Number of groups if groups from k are printed like a card number (4-4-4-4[-x], 4-6-5, 4-6-4), else 0. */
export function cardShaped(g: Groups, k: number): number {
  if (groupLength(g, k) !== 4) return 0;
  for (const lengths of CARD_SHAPES) if (shape(g, k, lengths, ' -.')) return lengths.length;
  return 0;
}

export function matchCard(g: Groups, k: number, context?: IdContext): Match | undefined {
  const length = groupLength(g, k);
  if (length >= 13 && length <= 19) {
    if (!isolated(g, k, 1)) return undefined;
    const digits = digitsOf(g, k, k + 1);
    return isCard(digits) && !barcode(digits, g, k, context)
      ? { next: k + 1, start: g.starts[k]!, end: g.ends[k]!, kind: 'card_number' }
      : undefined;
  }
  if (length !== 4) return undefined;
  for (const lengths of CARD_SHAPES) {
    if (!shape(g, k, lengths, ' -.')) continue;
    const last = k + lengths.length;
    // Whether it stands alone first: a few reads, where the digits would be copied out for the checks.
    if (isolated(g, k, lengths.length) && isCard(digitsOf(g, k, last)))
      return { next: last, start: g.starts[k]!, end: g.ends[last - 1]!, kind: 'card_number' };
  }
  return undefined;
}

/**
 * A card number printed in another grouping (`4111 111111 112341`, `41111 11111 112341`, `4111-1111 1111-2341`,
 * double spaces): a whole cluster of groups of two digits or more, 13–19 digits in all, joined by blanks,
 * dashes or dots, passing the issuer ranges and Luhn. The whole cluster, so no longer number is cut into one.
 */
export function matchLooseCard(g: Groups, context?: IdContext): Match | undefined {
  if (g.count < 2 || g.count > 8) return undefined;
  let digits = 0;
  for (let k = 0; k < g.count; k++) {
    const length = groupLength(g, k);
    if (length < 2) return undefined;
    digits += length;
    if (k > 0) {
      const from = g.ends[k - 1]!;
      const to = g.starts[k]!;
      for (let i = from; i < to; i++) {
        const c = g.text.charCodeAt(i);
        if (c !== 32 && c !== 45 && c !== 46) return undefined;
      }
    }
  }
  if (digits < 13 || digits > 19 || !isolated(g, 0, g.count)) return undefined;
  const all = digitsOf(g, 0, g.count);
  if (!isCard(all) || barcode(all, g, 0, context)) return undefined;
  return { next: g.count, start: g.starts[0]!, end: g.ends[g.count - 1]!, kind: 'card_number' };
}

/** Separators printed between an IBAN's groups of four: space, no-break space, hyphen. */
function ibanSeparator(c: number): boolean {
  return c === 32 || c === 160 || c === 45;
}

/**
 * An IBAN from `start` (its country code): characters read skipping one separator between groups of four (the
 * same one throughout) up to the country's length, then the checksum. Returns its end, or -1.
 */
export function ibanEndAt(text: string, start: number): number {
  const length = ibanLengthAt(text, start);
  if (length === 0 || !isDigit(text.charCodeAt(start + 2)) || !isDigit(text.charCodeAt(start + 3))) return -1;
  // The checksum runs over the characters after the head, then the head's four: folded in as they are read,
  // so nothing is copied out (a text of repeated heads starts one read per head).
  let count = 0;
  let rest = 0;
  let i = start;
  let sep = -1;
  while (count < length && i < text.length) {
    const c = text.charCodeAt(i);
    if (isDigit(c) || isUpper(c)) {
      if (count >= 4) rest = ibanMod97Step(rest, c);
      count++;
      i++;
    } else if (
      ibanSeparator(c) &&
      (sep === -1 || c === sep) &&
      count > 0 &&
      count % 4 === 0 &&
      isAlnum(text.charCodeAt(i + 1))
    ) {
      sep = c;
      i++;
    } else break;
  }
  if (count < length || isAlnum(text.charCodeAt(i))) return -1;
  for (let h = start; h < start + 4; h++) rest = ibanMod97Step(rest, text.charCodeAt(h));
  return rest === 1 ? i : -1;
}

/** `[A-Z]{2}\d{2}` starting a word at `at`: the country code and check digits of an IBAN. */
function ibanHead(text: string, at: number): boolean {
  return (
    isUpper(text.charCodeAt(at)) &&
    isUpper(text.charCodeAt(at + 1)) &&
    isDigit(text.charCodeAt(at + 2)) &&
    isDigit(text.charCodeAt(at + 3)) &&
    !isAlnum(text.charCodeAt(at - 1))
  );
}

/** How far before a number cluster an IBAN's country code can be: its longest length plus separators. */
const IBAN_REACH = 44;

/**
 * The IBAN that a number cluster at `at` belongs to, if any: each word start up to IBAN_REACH characters back
 * (over letters, digits and group separators only) that reads as a country code and check digits is tried,
 * nearest first, since letters inside a BBAN (`KZ86 125K ZT50 …`) can look like a head too. Positions at or
 * below `floor` were tried for an earlier cluster of the same text (an IBAN found from there would have ended
 * before it), so every character is looked back at once per text.
 */
function ibanBefore(
  text: string,
  at: number,
  floor: number,
): { start: number; end: number; country: number } | undefined {
  let failed: { start: number; end: number; country: number } | undefined;
  for (let i = at; i > floor && i >= at - IBAN_REACH; i--) {
    if (i < at && !isAlnum(text.charCodeAt(i)) && !ibanSeparator(text.charCodeAt(i))) break;
    if (isAlnum(text.charCodeAt(i - 1)) || !ibanHead(text, i)) continue;
    const country = ibanLengthAt(text, i);
    if (country === 0) continue;
    const end = ibanEndAt(text, i);
    if (end > at) return { start: i, end, country };
    failed ??= { start: i, end: -1, country };
  }
  return failed;
}

export function matchIban(g: Groups, k: number): Match | undefined {
  if (k !== 0) return undefined;
  const at = g.starts[0]!;
  const found = ibanBefore(g.text, at, g.ibanFloor);
  g.ibanFloor = at;
  if (found === undefined) return undefined;
  const { start, end, country } = found;
  // Shaped like an IBAN of a real country but not one (a wrong check digit): nothing else in it either.
  if (end < 0) return g.end - start >= country ? { next: g.count, start, end: g.end, kind: '' } : undefined;
  let next = 0;
  while (next < g.count && g.starts[next]! < end) next++;
  return { next, start, end, kind: 'iban' };
}

/** A country code and check digits starting a word, then a group separator or more characters. */
const IBAN_HEAD = /\b[A-Z]{2}\d{2}(?=[ \u00a0-]?[A-Z0-9]{4})/g;

/**
 * IBANs found from their head rather than from their digits: a BBAN of mostly letters (`KW81 CBKU 0000 …`,
 * `LV80 BANK 0000 …` in some banks' lettering) can hold no cluster of six digits for the number scan to
 * start from. Each head costs at most one IBAN's length, and a found IBAN is consumed whole.
 */
export function scanIbanHeads(text: string, emit: Emit): void {
  IBAN_HEAD.lastIndex = 0;
  // `test`, not `exec`: a head is always four characters before lastIndex (the rest is a lookahead), and no
  // match array is built for each of a text's heads.
  while (IBAN_HEAD.test(text)) {
    const start = IBAN_HEAD.lastIndex - 4;
    const end = ibanEndAt(text, start);
    if (end > start) {
      emit(start, end, 'iban');
      IBAN_HEAD.lastIndex = end;
    }
  }
}
