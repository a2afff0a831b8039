import { ALNUM, classOf, DOT, PLUS, UNDERSCORE } from '../chars.ts';
import type { IdContext } from './national-ids.ts';
import { type Groups, type Match, separator, shape } from './numbers.ts';

/**
 * Phone numbers as the ITU-T E.164 plan and the national plans write them: international (`+CC …`, `00CC …`,
 * with an optional `(0)`), North American (`(415) 555-0134`, `415-555-0134`, `1-800-…`), national numbers
 * behind a trunk `0` (UK, DE, FR, NL, IT, SE, JP, KR, AU …, 9–12 digits in groups of two or more), and the
 * national formats without one (ES 9 digits from 6–9, IN 5+5 from 6–9, CN mobiles 1[3-9]x, BR `(11) 91234-5678`).
 *
 * Every group of a number cluster is tried as a start, so each test here reads a few characters and allocates
 * nothing until it has a match.
 */

/** One- and two-digit country calling codes; every other code has three digits. */
const SHORT_CODES = new Set([
  1, 7, 20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, 43, 44, 45, 46, 47, 48, 49, 51, 52, 53, 54, 55, 56, 57,
  58, 60, 61, 62, 63, 64, 65, 66, 81, 82, 84, 86, 90, 91, 92, 93, 94, 95, 98,
]);

const G_3_3_3 = [3, 3, 3] as const;
const G_3_2_2_2 = [3, 2, 2, 2] as const;
const G_2_3_2_2 = [2, 3, 2, 2] as const;
const G_5_5 = [5, 5] as const;
const G_3_4_4 = [3, 4, 4] as const;

const phone = (g: Groups, to: number, start: number): Match => ({
  next: to,
  start,
  end: g.ends[to - 1]!,
  kind: 'phone',
});

const len = (g: Groups, k: number): number => g.ends[k]! - g.starts[k]!;
const digitAt = (g: Groups, k: number, i: number): number => g.text.charCodeAt(g.starts[k]! + i) - 48;

/** Is the separator before group k one a phone number uses (` `, `-`, `.`, `/`, brackets)? */
function phoneSeparator(g: Groups, k: number): boolean {
  const at = g.ends[k - 1]!;
  const c = g.text.charCodeAt(at);
  const width = g.starts[k]! - at;
  if (width === 1) return c === 32 || c === 45 || c === 46 || c === 47 || c === 40 || c === 41;
  if (width !== 2) return false;
  const d = g.text.charCodeAt(at + 1);
  return (c === 41 && (d === 32 || d === 45)) || (d === 40 && (c === 32 || c === 45));
}

/** Digits in the groups counted by the last `extent` call. */
let extentDigits = 0;

/** Index after the last of the phone-separated groups from `k` that hold at most `max` digits together. */
function extent(g: Groups, k: number, max: number): number {
  let to = k;
  let digits = 0;
  while (to < g.count) {
    if (to > k && !phoneSeparator(g, to)) break;
    const length = len(g, to);
    if (digits + length > max) break;
    digits += length;
    to++;
  }
  extentDigits = digits;
  return to;
}

export function matchInternational(g: Groups, k: number): Match | undefined {
  const text = g.text;
  const start = g.starts[k]!;
  const plus = text.charCodeAt(start - 1) === 43;
  const doubleZero = !plus && len(g, k) <= 5 && digitAt(g, k, 0) === 0 && digitAt(g, k, 1) === 0;
  if (!plus && !doubleZero) return undefined;
  // `a+1…`, `1+2…`: a sum or an expression, not a number written with its calling code.
  if (plus && (classOf(text.charCodeAt(start - 2)) & (ALNUM | UNDERSCORE | PLUS | DOT)) !== 0)
    return undefined;
  const skip = doubleZero ? 2 : 0;
  const first = len(g, k) - skip;
  // Calling codes never start with 0; a first group longer than the code is the compact form (`+14155550134`).
  if (first <= 0 || digitAt(g, k, skip) === 0) return undefined;
  if (first > 3 && first < 7) {
    const one = digitAt(g, k, skip);
    if (!SHORT_CODES.has(one) && !SHORT_CODES.has(one * 10 + digitAt(g, k, skip + 1))) return undefined;
  }
  const to = extent(g, k, doubleZero ? 17 : 15);
  if (extentDigits - skip < 8 || to === k) return undefined;
  return phone(g, to, plus ? start - 1 : start);
}

export function matchNorthAmerican(g: Groups, k: number): Match | undefined {
  const text = g.text;
  let at = k;
  // `1-800-…` / `1 415 …`: the country code written without `+`.
  if (len(g, k) === 1) {
    if (digitAt(g, k, 0) !== 1 || k + 1 >= g.count) return undefined;
    const c = text.charCodeAt(g.ends[k]!);
    if (g.starts[k + 1]! - g.ends[k]! !== 1 || !(c === 32 || c === 45 || c === 46)) return undefined;
    at = k + 1;
  }
  if (at + 3 > g.count || len(g, at) !== 3 || len(g, at + 1) !== 3 || len(g, at + 2) !== 4) return undefined;
  // Area code and exchange start with 2–9.
  if (digitAt(g, at, 0) < 2 || digitAt(g, at + 1, 0) < 2) return undefined;
  const paren = text.charCodeAt(g.starts[at]! - 1) === 40 && text.charCodeAt(g.ends[at]!) === 41;
  const s1 = separator(g, at + 1);
  const s2 = separator(g, at + 2);
  const ok = paren
    ? (s1 === ') ' || s1 === ')') && (s2 === '-' || s2 === ' ' || s2 === '.')
    : s1 === s2 && (s1 === ' ' || s1 === '-' || s1 === '.');
  if (!ok) return undefined;
  return phone(g, at + 3, paren ? g.starts[at]! - 1 : g.starts[k]!);
}

export function matchTrunkZero(g: Groups, k: number): Match | undefined {
  const start = g.starts[k]!;
  if (len(g, k) < 2 || digitAt(g, k, 0) !== 0 || digitAt(g, k, 1) === 0) return undefined;
  const to = extent(g, k, 12);
  const digits = extentDigits;
  if (digits < 9) return undefined;
  for (let i = k; i < to; i++) if (len(g, i) < 2) return undefined;
  // A single group must be the whole number, 10 or 11 digits (`07700900123`).
  if (to === k + 1 && (digits < 10 || digits > 11)) return undefined;
  return phone(g, to, g.text.charCodeAt(start - 1) === 40 ? start - 1 : start);
}

export function matchNationalPhone(g: Groups, k: number): Match | undefined {
  const text = g.text;
  const first = digitAt(g, k, 0);
  const start = g.starts[k]!;
  if (first >= 6) {
    // ES: nine digits from 6–9 in groups of two and three; IN: 98765 43210.
    if (shape(g, k, G_3_3_3, ' ')) return phone(g, k + 3, start);
    if (shape(g, k, G_3_2_2_2, ' ') || shape(g, k, G_2_3_2_2, ' ')) return phone(g, k + 4, start);
    if (shape(g, k, G_5_5, ' ')) return phone(g, k + 2, start);
  }
  // CN mobile: 138 0013 8000.
  if (first === 1 && digitAt(g, k, 1) >= 3 && shape(g, k, G_3_4_4, ' -')) return phone(g, k + 3, start);
  // BR: (11) 91234-5678 / (11) 1234-5678.
  if (text.charCodeAt(start - 1) === 40 && len(g, k) === 2 && k + 2 < g.count) {
    const middle = len(g, k + 1);
    if (
      separator(g, k + 1) === ') ' &&
      (middle === 4 || middle === 5) &&
      separator(g, k + 2) === '-' &&
      len(g, k + 2) === 4
    ) {
      return phone(g, k + 3, start - 1);
    }
  }
  return undefined;
}

/**
 * A number labelled as a phone (`phone: 4155552671`, `Tel. 8 (495) 123-45-67`, `mobile 13800138000`) in any
 * national grouping: 7 to 15 digits in phone-separated groups from the first group of its cluster.
 */
export function matchLabelledPhone(g: Groups, k: number, context: IdContext): Match | undefined {
  if (k !== 0) return undefined;
  const to = extent(g, k, 15);
  if (extentDigits < 7 || to < g.count) return undefined;
  const start =
    g.text.charCodeAt(g.start) === 40 || g.text.charCodeAt(g.start) === 43 ? g.start : g.starts[k]!;
  return context.nearPhone(start) ? phone(g, to, start) : undefined;
}

function isLetter(c: number): boolean {
  const l = c | 32;
  return l >= 97 && l <= 122;
}

/**
 * A phone match found at group k, if it stands on its own: not glued to letters (a code or a hash:
 * `…bfd0399229882cc…`) and not the tail of a longer dash- or dot-joined code (`c6-0354-4960-9147-b45f…`).
 */
export function acceptPhone(g: Groups, k: number, found: Match | undefined): Match | undefined {
  const text = g.text;
  if (
    found === undefined ||
    isLetter(text.charCodeAt(g.starts[k]! - 1)) ||
    isLetter(text.charCodeAt(found.end))
  ) {
    return undefined;
  }
  if (k > 0 && found.start === g.starts[k] && k + 1 < g.count) {
    const before = separator(g, k);
    if ((before === '-' || before === '.') && before === separator(g, k + 1)) return undefined;
  }
  return found;
}
