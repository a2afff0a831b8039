import { isDigit } from '../chars.ts';
import type { Detector, Emit } from '../detector.ts';
import {
  createIdContext,
  matchBareId,
  matchCapitalsId,
  matchGroupedId,
  matchLetteredId,
  matchNamedGroupedId,
  matchNino,
  matchRut,
  matchSpanishId,
  scanPans,
} from './national-ids.ts';
import { cardShaped, matchCard, matchIban, matchLooseCard, scanIbanHeads } from './payment.ts';
import {
  acceptPhone,
  matchInternational,
  matchLabelledPhone,
  matchNationalPhone,
  matchNorthAmerican,
  matchTrunkZero,
} from './phones.ts';

/** Group-length shapes, allocated once. */
const G_2_2_4 = [2, 2, 4] as const;
const G_4_2_2 = [4, 2, 2] as const;

/**
 * Personal data written in digits: card numbers, IBANs, national identifiers, phone numbers. A regex finds the
 * places where six digits or more follow each other with at most two separators between any two; around each
 * the cluster (digits with single or double separators, a leading `+` or `(`) is measured once and split into
 * digit groups. Format matchers then try each group as a start, in order of how strong their checks are:
 * cards (Luhn and issuer), IBANs (mod 97), identifiers with check digits, then phone numbering plans. What none
 * accepts — timestamps, versions, ids, amounts — is left alone.
 */

/** Six digits or more, each pair separated by at most two separator characters. */
const CANDIDATE = /\d(?:[ .\-/()+]{0,2}\d){5}/g;
/**
 * Characters numbers are printed with beyond ASCII: no-break, thin, narrow and figure spaces (French and
 * typeset text group digits with them), Unicode hyphens and the en dash, and full-width digits (Japanese and
 * Chinese text). Each is one UTF-16 unit folded to one ASCII unit, so offsets stay the text's own.
 */
const NUMBER_CHARS = /[\u00a0\u2007\u2009\u202f\u2010-\u2013\uff0b\uff0d\uff10-\uff19]/;
const FOLD = /[\u00a0\u2007\u2009\u202f\u2010-\u2013\uff0b\uff0d\uff10-\uff19]/g;

function foldChar(c: string): string {
  const code = c.charCodeAt(0);
  if (code >= 0xff10) return String.fromCharCode(code - 0xff10 + 48);
  if (code === 0xff0b) return '+';
  if (code === 0xff0d || (code >= 0x2010 && code <= 0x2013)) return '-';
  return ' ';
}

/** The text with those characters folded to ASCII (the text itself when it has none: one regex test). */
export function foldNumberChars(text: string): string {
  return NUMBER_CHARS.test(text) ? text.replace(FOLD, foldChar) : text;
}

/** Fewest digits in a cluster worth matching: a NINO holds six. */
const MIN_DIGITS = 6;
const MAX_GROUPS = 64;

/** Digit groups of one cluster: `starts[k]`/`ends[k]` delimit group k; the separators lie between them. */
export interface Groups {
  text: string;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  count: number;
  /** Where the cluster starts, a leading `+` or `(` included. */
  start: number;
  end: number;
  /** How far back IBAN heads were already tried in this text (see payment.ts). */
  ibanFloor: number;
}

export interface Match {
  /** Index of the group after the last one consumed. */
  readonly next: number;
  readonly start: number;
  readonly end: number;
  readonly kind: string;
}

function isSeparator(c: number): boolean {
  return c === 32 || c === 45 || c === 46 || c === 47 || c === 40 || c === 41 || c === 43;
}

/** The separator characters between group k-1 and group k (one character: no allocation). */
export function separator(g: Groups, k: number): string {
  const from = g.ends[k - 1]!;
  const to = g.starts[k]!;
  return to - from === 1 ? g.text[from]! : g.text.slice(from, to);
}

export function groupLength(g: Groups, k: number): number {
  return g.ends[k]! - g.starts[k]!;
}

export function digitsOf(g: Groups, from: number, to: number): string {
  let out = '';
  for (let k = from; k < to; k++) out += g.text.slice(g.starts[k]!, g.ends[k]!);
  return out;
}

/** Do groups from..to-1 have exactly these lengths, joined by separators all equal to one of `seps`? */
export function shape(g: Groups, from: number, lengths: readonly number[], seps: string): boolean {
  if (from + lengths.length > g.count) return false;
  let sep = -1;
  for (let k = 0; k < lengths.length; k++) {
    if (g.ends[from + k]! - g.starts[from + k]! !== lengths[k]) return false;
    if (k === 0) continue;
    const at = g.ends[from + k - 1]!;
    if (g.starts[from + k]! - at !== 1) return false;
    const c = g.text.charCodeAt(at);
    if (sep === -1) {
      let allowed = false;
      for (let j = 0; j < seps.length; j++) if (seps.charCodeAt(j) === c) allowed = true;
      if (!allowed) return false;
      sep = c;
    } else if (c !== sep) return false;
  }
  return true;
}

/**
 * Groups k..k+n-1 stand on their own: not continued on either side with the separator that joins them (a
 * sub-window of a longer grouped number is not a number of its own), and not glued to letters (part of a
 * code). For one group, `-`, `.` and `/` continue it.
 */
export function isolated(g: Groups, k: number, n: number): boolean {
  const text = g.text;
  if (isLetter(text.charCodeAt(g.starts[k]! - 1)) || isLetter(text.charCodeAt(g.ends[k + n - 1]!)))
    return false;
  const joins = (s: string): boolean =>
    n > 1 ? s === separator(g, k + 1) : s === '-' || s === '.' || s === '/';
  if (k > 0 && joins(separator(g, k))) return false;
  if (k + n < g.count && joins(separator(g, k + n))) return false;
  return true;
}

function isLetter(c: number): boolean {
  const l = c | 32;
  return l >= 97 && l <= 122;
}

function _isUpperCode(c: number): boolean {
  return c >= 65 && c <= 90;
}

/** ISO dates and d/m/y dates: never a personal number, so skipped before any matcher runs. */
function isDate(g: Groups, k: number): boolean {
  if (shape(g, k, G_4_2_2, '-/.')) return true;
  return shape(g, k, G_2_2_4, '/.-') && Number(g.text.slice(g.starts[k + 1]!, g.ends[k + 1]!)) <= 12;
}

export function createNumberDetector(): Detector {
  const g: Groups = {
    text: '',
    starts: new Int32Array(MAX_GROUPS),
    ends: new Int32Array(MAX_GROUPS),
    count: 0,
    start: 0,
    end: 0,
    ibanFloor: -1,
  };
  const context = createIdContext();

  /**
   * Tries the formats that can start at each group. Which ones can is decided from the lengths of the group
   * and the next, and the characters around them, with a few integer comparisons: most groups of a
   * number-dense text (amounts, times, versions, ids) call no matcher at all.
   */
  const classify = (emit: Emit): void => {
    const text = g.text;
    let k = 0;
    while (k < g.count) {
      const start = g.starts[k]!;
      const l0 = g.ends[k]! - start;
      const l1 = k + 1 < g.count ? g.ends[k + 1]! - g.starts[k + 1]! : 0;
      const before = text.charCodeAt(start - 1);
      // One digit starts only `+7 …`, `1-800-…` and a NIR (`1 84 …`, `2 84 …`).
      if (l0 === 1 && before !== 43 && !(l1 === 3 || l1 === 2)) {
        k++;
        continue;
      }
      // Inside a chain joined by one `-` or `.` on both sides (`1.2.3.4`, `…-123-45-…`), no format starts: every
      // matcher rejects a number continued by the separator that joins it.
      if (
        k > 0 &&
        k + 1 < g.count &&
        (before === 45 || before === 46) &&
        g.starts[k + 1]! - g.ends[k]! === 1 &&
        text.charCodeAt(g.ends[k]!) === before &&
        start - g.ends[k - 1]! === 1
      ) {
        k++;
        continue;
      }
      let found: Match | undefined;
      if (before === 43) {
        // `+CC …`: a phone number or nothing.
        found = acceptPhone(g, k, matchInternational(g, k));
      } else {
        if ((l0 === 4 || l0 === 2) && l1 === 2 && isDate(g, k)) {
          k += 3;
          continue;
        }
        // An IBAN's digits can be printed like a card's (`AZ21 NABZ 0000 0000 1370 …`): its head decides first.
        if (k === 0) found = matchIban(g, k);
        if (found === undefined && l0 === 4 && (l1 === 4 || l1 === 6)) {
          // Printed like a card (4-4-4-4, 4-6-5): a card or nothing, never a phone or id inside it.
          const cardGroups = cardShaped(g, k);
          if (cardGroups > 0) {
            const card = matchCard(g, k, context);
            if (card !== undefined) emit(card.start, card.end, card.kind);
            k = card?.next ?? k + cardGroups;
            continue;
          }
        }
        const first = text.charCodeAt(start) - 48;
        if (found === undefined && l0 >= 13 && l0 <= 19) found = matchCard(g, k, context);
        if (found === undefined && k === 0 && l0 >= 2 && l0 <= 8) found = matchLooseCard(g, context);
        if (found === undefined && (l0 === 6 || (l0 === 2 && l1 === 2))) found = matchNino(g, k);
        if (found === undefined && (l0 === 7 || l0 === 8)) found = matchSpanishId(g, k);
        if (found === undefined && l0 <= 8) found = matchRut(g, k);
        if (found === undefined && l0 <= 8 && l1 > 0) found = matchGroupedId(g, k);
        if (found === undefined && l0 === 3 && l1 === 3) found = matchNamedGroupedId(g, k, context);
        if (found === undefined && (l0 === 6 || l0 === 17)) found = matchLetteredId(g, k);
        if (found === undefined && (l0 === 6 || l0 === 7 || l0 === 9)) found = matchCapitalsId(g, k);
        if (found === undefined && l0 >= 8 && l0 <= 18) found = matchBareId(g, k, context);
        if (found === undefined) {
          if (first === 0) {
            found = acceptPhone(g, k, matchInternational(g, k) ?? matchTrunkZero(g, k));
          } else {
            if ((l0 === 1 && first === 1 && l1 === 3) || (l0 === 3 && l1 === 3)) {
              found = acceptPhone(g, k, matchNorthAmerican(g, k));
            }
            if (found === undefined && (l0 === 2 || l0 === 3 || l0 === 5)) {
              found = acceptPhone(g, k, matchNationalPhone(g, k));
            }
          }
          if (found === undefined) found = acceptPhone(g, k, matchLabelledPhone(g, k, context));
        }
      }
      if (found === undefined) {
        k++;
        continue;
      }
      // An empty kind consumes groups without a finding (an IBAN-shaped number whose checksum failed).
      if (found.kind !== '') emit(found.start, found.end, found.kind);
      k = found.next;
    }
  };

  /** Splits the cluster around the digit at `at` into groups; returns its end. */
  const measure = (text: string, at: number, floor: number): number => {
    let start = at;
    // Back over digits and single separators (two for `) `), and a leading `+` / `(`.
    for (;;) {
      const c = text.charCodeAt(start - 1);
      if (start <= floor) break;
      if (isDigit(c)) start--;
      else if (
        isSeparator(c) &&
        (isDigit(text.charCodeAt(start - 2)) ||
          (isSeparator(text.charCodeAt(start - 2)) && isDigit(text.charCodeAt(start - 3))))
      )
        start--;
      else if ((c === 43 || c === 40) && start - 1 >= floor) start--;
      else break;
    }
    while (
      start < at &&
      !isDigit(text.charCodeAt(start)) &&
      text.charCodeAt(start) !== 43 &&
      text.charCodeAt(start) !== 40
    )
      start++;
    g.count = 0;
    g.start = start;
    let i = start;
    const n = text.length;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (isDigit(c)) {
        const s = i;
        while (i < n && isDigit(text.charCodeAt(i))) i++;
        g.starts[g.count] = s;
        g.ends[g.count] = i;
        g.count++;
        // A longer cluster is cut here; the sampling picks up the rest as a cluster of its own.
        if (g.count === MAX_GROUPS) break;
        continue;
      }
      // A separator run of one or two characters continues the cluster only if a digit follows.
      if (isSeparator(c) && i > start) {
        let j = i + 1;
        if (isSeparator(text.charCodeAt(j))) j++;
        if (isDigit(text.charCodeAt(j))) {
          i = j;
          continue;
        }
      }
      if ((c === 43 || c === 40) && i === start) {
        i++;
        continue;
      }
      break;
    }
    g.end = g.count > 0 ? g.ends[g.count - 1]! : i;
    return g.end;
  };

  return {
    kinds: ['card_number', 'iban', 'national_id', 'phone'],
    probes: [
      '1 ',
      '1-',
      '+1 ',
      '(0',
      'DE89 ',
      '4111 ',
      '123-45-',
      'AB12',
      '12345678Z',
      '0 ',
      'ABCPE',
      'phone: 1',
    ],
    scan(original, emit) {
      const text = foldNumberChars(original);
      g.text = text;
      g.ibanFloor = -1;
      context.reset(text);
      scanIbanHeads(text, emit);
      scanPans(text, emit);
      let floor = 0;
      // The regex engine finds the candidates: six digits or more with at most two separators between any two,
      // which skips the short numbers that fill logs (times, sizes, counts) and the digits inside hashes and
      // tokens without running a line of JavaScript for them. Linear: a start that fails does so within
      // thirteen characters, and a match is consumed whole.
      CANDIDATE.lastIndex = 0;
      for (let m = CANDIDATE.exec(text); m !== null; m = CANDIDATE.exec(text)) {
        const at = m.index;
        if (at < floor) continue;
        // Digits glued to a lower-case letter (`v2`, `a1f3…`, `x86`) begin no number (IBANs, NINOs and NIEs are
        // glued to capitals): past that digit run, the search goes on.
        const before = text.charCodeAt(at - 1);
        if (before >= 97 && before <= 122) {
          let skip = at + 1;
          while (isDigit(text.charCodeAt(skip))) skip++;
          CANDIDATE.lastIndex = skip;
          continue;
        }
        const end = measure(text, at, floor);
        let digits = 0;
        let widest = 0;
        for (let k = 0; k < g.count; k++) {
          const length = g.ends[k]! - g.starts[k]!;
          digits += length;
          if (length > widest) widest = length;
        }
        // Every format has a group of two digits or more (`1 2 3 4 5 6` is a list, not a number).
        if (digits >= MIN_DIGITS && widest > 1) classify(emit);
        floor = end;
        if (CANDIDATE.lastIndex < end) CANDIDATE.lastIndex = end;
      }
    },
  };
}
