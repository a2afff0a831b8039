import { digitsOf, type Groups, groupLength, type Match, separator, shape } from './numbers.ts';

/**
 * Phone numbers as the ITU-T E.164 plan and the national plans write them: international (`+CC …`, `00CC …`,
 * with an optional `(0)`), North American (`(415) 555-0134`, `415-555-0134`, `1-800-…`), national numbers
 * behind a trunk `0` (UK, DE, FR, NL, IT, SE, JP, KR, AU …, 9–12 digits in groups of two or more), and the
 * national formats without one (ES 9 digits from 6–9, IN 5+5 from 6–9, CN mobiles 1[3-9]x, BR `(11) 91234-5678`).
 */

/** One- and two-digit country calling codes; every other code has three digits. */
const SHORT_CODES = new Set([
  '1',
  '7',
  '20',
  '27',
  '30',
  '31',
  '32',
  '33',
  '34',
  '36',
  '39',
  '40',
  '41',
  '43',
  '44',
  '45',
  '46',
  '47',
  '48',
  '49',
  '51',
  '52',
  '53',
  '54',
  '55',
  '56',
  '57',
  '58',
  '60',
  '61',
  '62',
  '63',
  '64',
  '65',
  '66',
  '81',
  '82',
  '84',
  '86',
  '90',
  '91',
  '92',
  '93',
  '94',
  '95',
  '98',
]);

/** Separators between the groups of a phone number. */
const PHONE_SEPARATORS = new Set([' ', '-', '.', '/', ') ', ')', ' (', '(', ')-', '-(']);

const phone = (g: Groups, from: number, to: number, start: number): Match => ({
  next: to,
  start,
  end: g.ends[to - 1]!,
  kind: 'phone',
});

/** Last group index (exclusive) of a run of phone-separated groups from `k` holding at most `max` digits. */
function extent(g: Groups, k: number, max: number): { to: number; digits: number } {
  let to = k;
  let digits = 0;
  while (to < g.count) {
    if (to > k && !PHONE_SEPARATORS.has(separator(g, to))) break;
    const length = groupLength(g, to);
    if (digits + length > max) break;
    digits += length;
    to++;
  }
  return { to, digits };
}

function international(g: Groups, k: number): Match | undefined {
  const text = g.text;
  const start = g.starts[k]!;
  const plus = text.charCodeAt(start - 1) === 43;
  const doubleZero = !plus && text.startsWith('00', start) && groupLength(g, k) <= 5;
  if (!plus && !doubleZero) return undefined;
  if (plus && /[\w+.]/.test(text[start - 2] ?? '')) return undefined;
  const first = digitsOf(g, k, k + 1).slice(doubleZero ? 2 : 0);
  // Calling codes never start with 0; a first group longer than the code is the compact form (`+14155550134`).
  if (first.length === 0 || first[0] === '0') return undefined;
  if (
    first.length > 3 &&
    first.length < 7 &&
    !SHORT_CODES.has(first.slice(0, 1)) &&
    !SHORT_CODES.has(first.slice(0, 2))
  ) {
    return undefined;
  }
  const { to, digits } = extent(g, k, doubleZero ? 17 : 15);
  const national = digits - (doubleZero ? 2 : 0);
  if (national < 8 || to === k) return undefined;
  return phone(g, k, to, plus ? start - 1 : start);
}

function northAmerican(g: Groups, k: number): Match | undefined {
  const text = g.text;
  let at = k;
  // `1-800-…` / `1 415 …`: the country code written without `+`.
  if (
    groupLength(g, k) === 1 &&
    text[g.starts[k]!] === '1' &&
    k + 1 < g.count &&
    ' -.'.includes(separator(g, k + 1))
  )
    at = k + 1;
  const area = text.charCodeAt(g.starts[at]!);
  const paren = text.charCodeAt(g.starts[at]! - 1) === 40 && text.charCodeAt(g.ends[at]!) === 41;
  if (at + 3 > g.count) return undefined;
  if (groupLength(g, at) !== 3 || groupLength(g, at + 1) !== 3 || groupLength(g, at + 2) !== 4)
    return undefined;
  if (area < 50 || text.charCodeAt(g.starts[at + 1]!) < 50) return undefined;
  const s1 = separator(g, at + 1);
  const s2 = separator(g, at + 2);
  const ok = paren
    ? (s1 === ') ' || s1 === ')') && (s2 === '-' || s2 === ' ' || s2 === '.')
    : s1 === s2 && ' -.'.includes(s1);
  if (!ok || (!paren && s1.length !== 1)) return undefined;
  const start = paren ? g.starts[at]! - 1 : g.starts[k]!;
  return phone(g, k, at + 3, start);
}

function trunkZero(g: Groups, k: number): Match | undefined {
  const text = g.text;
  const start = g.starts[k]!;
  const paren = text.charCodeAt(start - 1) === 40;
  if (text.charCodeAt(start) !== 48 || text.charCodeAt(start + 1) === 48) return undefined;
  const { to, digits } = extent(g, k, 12);
  if (digits < 9) return undefined;
  for (let i = k; i < to; i++) if (groupLength(g, i) < 2) return undefined;
  // A single group must be the whole number, 10 or 11 digits (`07700900123`).
  if (to === k + 1 && (digits < 10 || digits > 11)) return undefined;
  return phone(g, k, to, paren ? start - 1 : start);
}

function withoutTrunk(g: Groups, k: number): Match | undefined {
  const text = g.text;
  const first = text.charCodeAt(g.starts[k]!);
  // ES: nine digits from 6–9 in groups of two and three.
  for (const lengths of [
    [3, 3, 3],
    [3, 2, 2, 2],
    [2, 3, 2, 2],
  ]) {
    if (first >= 54 && shape(g, k, lengths, ' ')) return phone(g, k, k + lengths.length, g.starts[k]!);
  }
  // IN: 98765 43210; CN mobile: 138 0013 8000.
  if (first >= 54 && shape(g, k, [5, 5], ' ')) return phone(g, k, k + 2, g.starts[k]!);
  if (first === 49 && shape(g, k, [3, 4, 4], ' -') && text.charCodeAt(g.starts[k]! + 1) >= 51) {
    return phone(g, k, k + 3, g.starts[k]!);
  }
  // BR: (11) 91234-5678 / (11) 1234-5678.
  if (text.charCodeAt(g.starts[k]! - 1) === 40 && groupLength(g, k) === 2 && k + 2 < g.count) {
    const middle = groupLength(g, k + 1);
    if (
      separator(g, k + 1) === ') ' &&
      (middle === 4 || middle === 5) &&
      separator(g, k + 2) === '-' &&
      groupLength(g, k + 2) === 4
    ) {
      return phone(g, k, k + 3, g.starts[k]! - 1);
    }
  }
  return undefined;
}

function isLetter(c: number): boolean {
  const l = c | 32;
  return l >= 97 && l <= 122;
}

export function matchPhone(g: Groups, k: number): Match | undefined {
  // Digits glued to letters are part of a code or a hash (`…bfd0399229882cc…`), not a number of their own.
  if (isLetter(g.text.charCodeAt(g.starts[k]! - 1))) return undefined;
  const found = international(g, k) ?? northAmerican(g, k) ?? trunkZero(g, k) ?? withoutTrunk(g, k);
  if (found === undefined || isLetter(g.text.charCodeAt(found.end))) return undefined;
  // Not the tail of a longer dash- or dot-joined code (`c6-0354-4960-9147-b45f…`).
  if (
    k > 0 &&
    found.start === g.starts[k] &&
    '-.'.includes(separator(g, k)) &&
    separator(g, k) === separator(g, k + 1)
  )
    return undefined;
  return found;
}
