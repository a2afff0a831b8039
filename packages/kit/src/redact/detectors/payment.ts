import { isAlnum, isDigit, isUpper } from '../chars.ts';
import { cardIssued, ibanChecksumValid, ibanLength, luhnValid } from '../checksums.ts';
import { digitsOf, type Groups, groupLength, isolated, type Match, shape } from './numbers.ts';

/**
 * Card numbers (ISO/IEC 7812: issuer ranges and lengths, Luhn) written contiguous or in their printed
 * groupings, and IBANs (ISO 13616: country length, mod 97) written compact or in groups of four.
 */

const CARD_SHAPES: readonly (readonly number[])[] = [
  [4, 4, 4, 4, 3],
  [4, 4, 4, 4],
  [4, 6, 5],
  [4, 6, 4],
];

function isCard(digits: string): boolean {
  return digits.length >= 13 && digits.length <= 19 && cardIssued(digits) && luhnValid(digits);
}

/** Number of groups if groups from k are printed like a card number (4-4-4-4[-x], 4-6-5, 4-6-4), else 0. */
export function cardShaped(g: Groups, k: number): number {
  if (groupLength(g, k) !== 4) return 0;
  for (const lengths of CARD_SHAPES) if (shape(g, k, lengths, ' -')) return lengths.length;
  return 0;
}

export function matchCard(g: Groups, k: number): Match | undefined {
  const length = groupLength(g, k);
  if (length >= 13 && length <= 19) {
    if (!isolated(g, k, 1)) return undefined;
    const digits = digitsOf(g, k, k + 1);
    return isCard(digits)
      ? { next: k + 1, start: g.starts[k]!, end: g.ends[k]!, kind: 'card_number' }
      : undefined;
  }
  if (length !== 4) return undefined;
  for (const lengths of CARD_SHAPES) {
    if (!shape(g, k, lengths, ' -')) continue;
    const last = k + lengths.length;
    if (isCard(digitsOf(g, k, last)))
      return { next: last, start: g.starts[k]!, end: g.ends[last - 1]!, kind: 'card_number' };
  }
  return undefined;
}

/**
 * An IBAN from `start` (its country code): characters read skipping single spaces up to the country's length,
 * then the checksum. Returns its end, or -1.
 */
export function ibanEndAt(text: string, start: number): number {
  const length = ibanLength(text.slice(start, start + 2));
  if (length === undefined || !isDigit(text.charCodeAt(start + 2)) || !isDigit(text.charCodeAt(start + 3)))
    return -1;
  let compact = '';
  let i = start;
  while (compact.length < length && i < text.length) {
    const c = text.charCodeAt(i);
    if (isDigit(c) || isUpper(c)) {
      compact += text[i];
      i++;
    } else if (c === 32 && compact.length > 0 && compact.length % 4 === 0 && isAlnum(text.charCodeAt(i + 1)))
      i++;
    else break;
  }
  if (compact.length < length || isAlnum(text.charCodeAt(i))) return -1;
  return ibanChecksumValid(compact) ? i : -1;
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

/**
 * Where an IBAN could start for a number cluster at `at`: back over letters glued to it (`F827…`, `DE89…`),
 * then back over up to three groups of four (`GB82 WEST 1234…`).
 */
function ibanStart(text: string, at: number): number {
  let group = at;
  while (group > at - 4 && isAlnum(text.charCodeAt(group - 1))) group--;
  for (let back = 0; back <= 3; back++) {
    if (ibanHead(text, group)) return group;
    if (text.charCodeAt(group - 1) !== 32) return -1;
    group -= 5;
    for (let i = group; i < group + 4; i++) if (!isAlnum(text.charCodeAt(i))) return -1;
  }
  return -1;
}

export function matchIban(g: Groups, k: number): Match | undefined {
  if (k !== 0) return undefined;
  const start = ibanStart(g.text, g.starts[0]!);
  if (start < 0) return undefined;
  const end = ibanEndAt(g.text, start);
  // Shaped like an IBAN of a real country but not one (a wrong check digit): nothing else in it either.
  if (end < 0) {
    const country = ibanLength(g.text.slice(start, start + 2));
    return country !== undefined && g.end - start >= country
      ? { next: g.count, start, end: g.end, kind: '' }
      : undefined;
  }
  let next = 0;
  while (next < g.count && g.starts[next]! < end) next++;
  return { next, start, end, kind: 'iban' };
}
