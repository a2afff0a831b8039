import { isDigit, isUpper } from '../chars.ts';
import {
  aadhaarValid,
  ahvValid,
  belgianIdValid,
  bsnValid,
  chineseIdValid,
  cpfValid,
  datePrefixValid,
  hetuValid,
  myNumberValid,
  ninoPrefixValid,
  nirValid,
  norwegianIdValid,
  personnummerValid,
  peselValid,
  sinValid,
  spanishIdValid,
  ssnValid,
  steuerIdValid,
} from '../checksums.ts';
import {
  cnpValid,
  cuitValid,
  ean13Valid,
  hkidValid,
  irdValid,
  isikukoodValid,
  jmbgValid,
  nifPtValid,
  nricValid,
  oibValid,
  ppsValid,
  rodneCisloValid,
  rutValid,
  snilsValid,
  taiwanIdValid,
  tcknValid,
  tfnValid,
  thaiIdValid,
  uyCiValid,
  zaIdValid,
} from '../id-checksums.ts';
import {
  amkaValid,
  cnicValid,
  egnValid,
  egyptIdValid,
  emiratesIdValid,
  innPersonValid,
  israelIdValid,
  itinValid,
  kzIinValid,
  latvianIdValid,
  myKadValid,
  nhsValid,
  panValid,
  rnokppValid,
  svnrValid,
} from '../world-ids.ts';
import { digitsOf, type Groups, groupLength, isolated, type Match, separator, shape } from './numbers.ts';

/** Group-length shapes, allocated once. */
const G_2_2_2 = [2, 2, 2] as const;
const G_2_3_3_3 = [2, 3, 3, 3] as const;
const G_3_2 = [3, 2] as const;
const G_3_2_4 = [3, 2, 4] as const;
const G_3_3_3 = [3, 3, 3] as const;
const G_3_4_4_2 = [3, 4, 4, 2] as const;
const G_4_2_3 = [4, 2, 3] as const;
const G_4_4_4 = [4, 4, 4] as const;
const G_2_8_1 = [2, 8, 1] as const;
const G_2_3_3 = [2, 3, 3] as const;
const G_3_3_4 = [3, 3, 4] as const;
const G_3_4_7_1 = [3, 4, 7, 1] as const;
const G_4_6 = [4, 6] as const;
const G_5_7_1 = [5, 7, 1] as const;
const G_6_2_4 = [6, 2, 4] as const;

/**
 * National identifiers in their printed formats, each confirmed by its check digits (or, where a scheme has
 * none, by its embedded birth date): US SSN, UK NINO, ES DNI/NIE, DE Steuer-ID, FR NIR, NL BSN, SE
 * personnummer, IN Aadhaar, BR CPF, PL PESEL, NO fødselsnummer, FI HETU, BE, CH AHV, CN, CA SIN, JP My
 * Number, KR RRN, DK CPR. A bare run of digits is weak evidence (one random number in ten passes a mod-10
 * check), so the bare forms of the weaker schemes count only near a word that names an identifier.
 */

const KEYWORDS =
  /ssn|social.?security|national.?id|\bnin[oa]?\b|\bbsn\b|burgerservice|steuer|\bidnr|identifikation|tax.?id|\btin\b|\bnir\b|insee|s[ée]curit[ée].sociale|\bdni\b|\bnie\b|\bnif\b|fiscale|personnummer|aadhaa?r|\bcpf\b|pesel|f[øo]dselsnummer|hetu|personal.?(?:id|number)|id.?number|identity|ahv|\bsin\b|my.?number|rrn|cpr|\bru[tn]\b|tckn|kimlik|\bcnp\b|cuit|cuil|isikukood|asmens|\boib\b|rodn|\bnric\b|\bfin\b|egn|snils|\btfn\b|\bird\b|hkid|\bpps\b|jmbg|em[sš]o|c[ée]dula|\bnik\b|\bnif\b|\bamka\b|\binn\b|documento|n[úu]mero de identi|ausweis|identit[äée]|personal.?code|henkil[öo]|rijksregister|\bid\s*(?:no|nr|#|:)|citizen|resident.?(?:id|number)|\bnhs\b|teudat|zehut|svnr|sozialversicherung|personas.?kods|emirates|mykad|\bcnic\b|nadra|\biin\b|rnokpp|\bitin\b|\begn\b|kennitala|passport/i;

/**
 * Words naming one identifier scheme, and the check each has for a number of a given length. Named, a number
 * of that length that fails the check is not that identifier (a filler, a test value); one that passes, or a
 * number under a scheme whose check is not known here, is personal data whatever its digits.
 */
const NAMED_SCHEME =
  /\b(ssn|social.?security|itin|cpf|bsn|burgerservicenummer|aadhaa?r|pesel|nhs|\bsin\b|social.?insurance|tfn|tax.?file|egn|amka|oib|tckn|kimlik|cnp|snils|personnummer|nino|national.?insurance|dni|nie|nif|nir|insee|rut|cuit|cuil|jmbg|em[sš]o|inn|ird|hkid|nric|pps|f[øo]dselsnummer|hetu|henkil[öo]tunnus|isikukood|asmens|personas.?kods|rodn[ée]|kennitala|teudat|zehut|cnic|nik|nin|mykad|emirates|iin|rnokpp|c[ée]dula|curp|national.?id|identity.?(?:card|number)|id.?card|passport|personal.?(?:id|number|code))\b/i;
const NAMED_CHECKS: readonly [word: RegExp, length: number, valid: (digits: string) => boolean][] = [
  [/^(?:ssn|social.?security)$/, 9, ssnValid],
  [/^itin$/, 9, itinValid],
  [/^cpf$/, 11, cpfValid],
  [/^(?:bsn|burgerservicenummer)$/, 9, bsnValid],
  [/^aadhaa?r$/, 12, aadhaarValid],
  [/^pesel$/, 11, peselValid],
  [/^nhs$/, 10, nhsValid],
  [/^(?:sin|social.?insurance)$/, 9, sinValid],
  [/^(?:tfn|tax.?file)$/, 9, tfnValid],
  [/^egn$/, 10, egnValid],
  [/^amka$/, 11, amkaValid],
  [/^oib$/, 11, oibValid],
  [/^(?:tckn|kimlik)$/, 11, tcknValid],
  [/^cnp$/, 13, cnpValid],
  [/^snils$/, 11, snilsValid],
  [/^personnummer$/, 10, personnummerValid],
  [/^personnummer$/, 12, (x) => personnummerValid(x.slice(2))],
];
const CPF_WORD = /\bcpf\b/i;
/** Words that name a payment card, for the 13-digit numbers a barcode can also be. */
const CARD_WORDS = /card|visa|maestro|master|\bpan\b|credit|debit|\bcc\b|payment|uatp|\bjcb\b|amex/i;
const LINE_CONTEXT = 64;
/** Words that label a phone number, in the languages forms and signatures use. */
const PHONE_WORDS =
  /phone|\btel\b|\btel[.:]|mobile|\bmob\b|\bcell|\bfax\b|whatsapp|telefon|t[ée]l[ée]phone|tel[ée]fono|\bhandy\b|m[óo]vil|celular|portable|cellulare|\bgsm\b|電話|携帯|手机|电话|전화|телефон/i;

export interface IdContext {
  reset(text: string): void;
  /** Is a word naming an identifier just before `at` on its line? (Table columns are tables.ts's.) */
  near(at: number): boolean;
  /** Is a word naming a payment card just before `at` on its line? */
  nearCard(at: number): boolean;
  /** Does the line before `at` name a CPF (whose own check then decides)? */
  namesCpf(at: number): boolean;
  /** The word naming an identifier scheme on the line before `at` (lower case), if any. */
  namedScheme(at: number): string | undefined;
  /** Is a word labelling a phone number just before `at` on its line? */
  nearPhone(at: number): boolean;
}

/** Up to LINE_CONTEXT characters before `at`, on its line. */
function lineBefore(text: string, at: number): string {
  const from = Math.max(0, at - LINE_CONTEXT);
  let lineStart = at;
  while (lineStart > from && text.charCodeAt(lineStart - 1) !== 10) lineStart--;
  return text.slice(lineStart, at);
}

/**
 * Where the words of one vocabulary are in a text, found the first time a number on their line asks (most lines
 * never ask). No word spans a line break, so a regex pass started at a line's start finds exactly the words a
 * pass over the whole text finds from there: one pass runs on from the first line that asks, and lines between
 * two that ask are passed over unread. Queries come in text order (numbers are found in order), so every
 * character is read at most once; a number then finds the last word before it with a binary search.
 */
function createWordIndex(vocabulary: RegExp): {
  reset(): void;
  /** The last word ending at most LINE_CONTEXT characters before `at` on its line, lower-cased, if any. */
  before(text: string, at: number): string | undefined;
} {
  const global = new RegExp(vocabulary.source, 'gi');
  const starts: number[] = [];
  const ends: number[] = [];
  const words: string[] = [];
  /** The line start the current pass began at (-1: none), and the start of the last word it found. */
  let from = -1;
  let covered = -1;
  let done = false;
  const restart = (at: number): void => {
    starts.length = 0;
    ends.length = 0;
    words.length = 0;
    from = at;
    covered = at;
    done = false;
    global.lastIndex = at;
  };
  /** The line last asked about, `[lineStart, lineEnd)` (lineEnd: its line break or the text's end). */
  let lineStart = 0;
  let lineEnd = -1;
  return {
    reset() {
      from = -1;
      lineEnd = -1;
    },
    before(text, at) {
      if (at <= 0) return undefined;
      // The line of the character before `at`, measured once per line (a long line asked about at every number
      // would otherwise be searched back to its start each time).
      if (at - 1 < lineStart || at - 1 >= lineEnd) {
        lineStart = text.lastIndexOf('\n', at - 1) + 1;
        lineEnd = text.indexOf('\n', at - 1);
        if (lineEnd < 0) lineEnd = text.length;
      }
      // Words known up to `covered`; a line past it that the pass has not reached starts a pass of its own.
      if (from < 0 || lineStart < from || (lineStart > covered && !done)) restart(lineStart);
      while (!done && covered <= at) {
        const m = global.exec(text);
        if (m === null) {
          done = true;
          break;
        }
        starts.push(m.index);
        ends.push(m.index + m[0].length);
        words.push((m[1] ?? m[0]).toLowerCase());
        covered = m.index;
        if (m[0].length === 0) global.lastIndex++;
      }
      // The last word ending at or before `at`.
      let lo = 0;
      let hi = ends.length - 1;
      let found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (ends[mid]! <= at) {
          found = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      if (found < 0 || starts[found]! < at - LINE_CONTEXT || starts[found]! < lineStart) return undefined;
      return words[found];
    },
  };
}

export function createIdContext(): IdContext {
  let text = '';
  const schemes = createWordIndex(NAMED_SCHEME);
  const phones = createWordIndex(PHONE_WORDS);
  return {
    reset(next) {
      text = next;
      schemes.reset();
      phones.reset();
    },
    near(at) {
      return KEYWORDS.test(lineBefore(text, at));
    },
    nearCard(at) {
      return CARD_WORDS.test(lineBefore(text, at));
    },
    namesCpf(at) {
      return CPF_WORD.test(lineBefore(text, at));
    },
    namedScheme(at) {
      return schemes.before(text, at);
    },
    nearPhone(at) {
      return phones.before(text, at) !== undefined;
    },
  };
}

const foundAt = (
  g: Groups,
  from: number,
  to: number,
  start = g.starts[from]!,
  end = g.ends[to - 1]!,
): Match => ({
  next: to,
  start,
  end,
  kind: 'national_id',
});

/** The two characters before group k, if they are capital letters starting a word. */
function lettersBefore(g: Groups, k: number, gap: number): string | undefined {
  const at = g.starts[k]! - gap;
  const a = g.text.charCodeAt(at - 2);
  const b = g.text.charCodeAt(at - 1);
  if (!isUpper(a) || !isUpper(b) || isUpper(g.text.charCodeAt(at - 3))) return undefined;
  return g.text.slice(at - 2, at);
}

/** UK NINO: AB123456C or AB 12 34 56 C. */
export function matchNino(g: Groups, k: number): Match | undefined {
  const text = g.text;
  if (groupLength(g, k) === 6) {
    const prefix = lettersBefore(g, k, 0);
    const s = text.charCodeAt(g.ends[k]!);
    if (
      prefix &&
      ninoPrefixValid(prefix) &&
      s >= 65 &&
      s <= 68 &&
      !isUpper(text.charCodeAt(g.ends[k]! + 1))
    ) {
      return foundAt(g, k, k + 1, g.starts[k]! - 2, g.ends[k]! + 1);
    }
  }
  if (shape(g, k, G_2_2_2, ' ') && text.charCodeAt(g.starts[k]! - 1) === 32) {
    const prefix = lettersBefore(g, k, 1);
    const end = g.ends[k + 2]!;
    const s = text.charCodeAt(end + 1);
    if (
      prefix &&
      ninoPrefixValid(prefix) &&
      text.charCodeAt(end) === 32 &&
      s >= 65 &&
      s <= 68 &&
      !isUpper(text.charCodeAt(end + 2))
    ) {
      return foundAt(g, k, k + 3, g.starts[k]! - 3, end + 2);
    }
  }
  return undefined;
}

/** ES DNI (12345678Z, 12345678-Z) and NIE (X1234567L). */
export function matchSpanishId(g: Groups, k: number): Match | undefined {
  const text = g.text;
  const length = groupLength(g, k);
  let end = g.ends[k]!;
  if (text.charCodeAt(end) === 45) end++;
  const letter = text.charCodeAt(end);
  if (!isUpper(letter) || isUpper(text.charCodeAt(end + 1)) || isDigit(text.charCodeAt(end + 1)))
    return undefined;
  const digits = digitsOf(g, k, k + 1);
  if (length === 8 && spanishIdValid(digits + text[end])) return foundAt(g, k, k + 1, g.starts[k]!, end + 1);
  const lead = text[g.starts[k]! - 1];
  if (
    length === 7 &&
    (lead === 'S' || lead === 'T' || lead === 'F' || lead === 'G') &&
    !isUpper(text.charCodeAt(g.starts[k]! - 2)) &&
    nricValid(lead + digits + text[end])
  ) {
    return foundAt(g, k, k + 1, g.starts[k]! - 1, end + 1);
  }
  if (
    length === 7 &&
    (lead === 'X' || lead === 'Y' || lead === 'Z') &&
    spanishIdValid(lead + digits + text[end])
  ) {
    return foundAt(g, k, k + 1, g.starts[k]! - 1, end + 1);
  }
  return undefined;
}

/**
 * Chilean RUT/RUN: `12.345.678-5`, `7.654.321-K` (the dotted form is the evidence, with the check), or
 * `12345678-5` (the check alone, not inside a longer chain).
 */
export function matchRut(g: Groups, k: number): Match | undefined {
  const text = g.text;
  const length = groupLength(g, k);
  let last: number;
  if (length <= 2 && shape(g, k, length === 1 ? G_RUT_DOTTED_1 : G_RUT_DOTTED_2, '.')) last = k + 2;
  else if (length >= 7 && length <= 8) last = k;
  else return undefined;
  const end = g.ends[last]!;
  if (text.charCodeAt(end) !== 45) return undefined;
  const check = text.charCodeAt(end + 1);
  const isK = check === 75 || check === 107;
  if (!isK && !isDigit(check)) return undefined;
  // The check is one character: not followed by another digit or letter.
  const after = text.charCodeAt(end + 2);
  if (isDigit(after) || isUpper(after) || (after >= 97 && after <= 122)) return undefined;
  // Not the tail of a longer code (`ORD-12345678-5`, `…-12-3456789-0`).
  const before = text.charCodeAt(g.starts[k]! - 1);
  if (before === 45 || before === 46 || before === 47 || before === 95) return undefined;
  const body = digitsOf(g, k, last + 1);
  // Uruguay's cédula is printed the same way (`1.234.567-2`) with its own check.
  const uy = last === k + 2 && !isK && uyCiValid(body, text[end + 1]!);
  if (!rutValid(body, text[end + 1]!) && !uy) return undefined;
  let next = last + 1;
  while (next < g.count && g.starts[next]! <= end + 1) next++;
  return foundAt(g, k, next, g.starts[k]!, end + 2);
}

const G_RUT_DOTTED_1 = [1, 3, 3] as const;
const G_RUT_DOTTED_2 = [2, 3, 3] as const;

/** Identifiers written with their own separators; the format itself is the evidence, with the check. */
/** A grouped match over groups [from, to) when it stands on its own (not inside a longer grouped number). */
function standalone(g: Groups, from: number, to: number): Match | undefined {
  return isolated(g, from, to - from) ? foundAt(g, from, to) : undefined;
}

/**
 * Identifiers written with their own separators; the format itself is the evidence, with the check. Tried by
 * the first group's length, so a group costs only the shapes that can start with it.
 */
export function matchGroupedId(g: Groups, k: number): Match | undefined {
  switch (groupLength(g, k)) {
    case 1:
      if (shape(g, k, NIR_SPACED, ' ') && nirValid(digitsOf(g, k, k + 7))) return standalone(g, k, k + 7);
      return undefined;
    case 2:
      if (shape(g, k, G_2_8_1, '-') && cuitValid(digitsOf(g, k, k + 3))) return standalone(g, k, k + 3);
      if (shape(g, k, G_2_3_3, '-') && irdValid(digitsOf(g, k, k + 3))) return standalone(g, k, k + 3);
      if (shape(g, k, G_2_2_2, '.') && separator(g, k + 3) === '-' && shape(g, k + 3, G_3_2, '.')) {
        if (belgianIdValid(digitsOf(g, k, k + 5))) return standalone(g, k, k + 5);
      }
      if (shape(g, k, G_2_3_3_3, ' ') && steuerIdValid(digitsOf(g, k, k + 4))) return standalone(g, k, k + 4);
      return undefined;
    case 3:
      if (shape(g, k, G_3_2_4, '- ') && ssnValid(digitsOf(g, k, k + 3))) return standalone(g, k, k + 3);
      if (shape(g, k, G_3_3_4, ' -') && nhsValid(digitsOf(g, k, k + 3))) return standalone(g, k, k + 3);
      if (shape(g, k, G_3_4_7_1, '-') && emiratesIdValid(digitsOf(g, k, k + 4)))
        return standalone(g, k, k + 4);
      if (shape(g, k, G_3_3_3, '.') && separator(g, k + 3) === '-' && groupLength(g, k + 3) === 2) {
        if (cpfValid(digitsOf(g, k, k + 4))) return standalone(g, k, k + 4);
        // Printed as a CPF (no phone plan groups 3.3.3-2) but failing its check: nothing, not a phone.
        if (isolated(g, k, 4)) return { ...foundAt(g, k, k + 4), kind: '' };
      }
      if (shape(g, k, G_3_4_4_2, '.') && ahvValid(digitsOf(g, k, k + 4))) return standalone(g, k, k + 4);
      if (
        shape(g, k, G_3_3_3, '-') &&
        separator(g, k + 3) === ' ' &&
        groupLength(g, k + 3) === 2 &&
        snilsValid(digitsOf(g, k, k + 4))
      )
        return standalone(g, k, k + 4);
      if (shape(g, k, G_3_3_3, ' -') && sinValid(digitsOf(g, k, k + 3))) return standalone(g, k, k + 3);
      return undefined;
    case 4:
      if (shape(g, k, G_4_4_4, ' -')) {
        const d = digitsOf(g, k, k + 3);
        if (aadhaarValid(d) || myNumberValid(d)) return standalone(g, k, k + 3);
      }
      if (shape(g, k, G_4_2_3, '.') && bsnValid(digitsOf(g, k, k + 3))) return standalone(g, k, k + 3);
      if (shape(g, k, G_4_6, ' ') && svnrValid(digitsOf(g, k, k + 2))) return standalone(g, k, k + 2);
      return undefined;
    case 5:
      if (shape(g, k, G_5_7_1, '-') && cnicValid(digitsOf(g, k, k + 3))) return standalone(g, k, k + 3);
      return undefined;
    case 6:
    case 8:
      return dated(g, k);
    default:
      return undefined;
  }
}

/** SE personnummer (YYMMDD-NNNC, YYYYMMDD-NNNC, `+` past 100), DK CPR (DDMMYY-SSSS), KR RRN (YYMMDD-NNNNNNN). */
function dated(g: Groups, k: number): Match | undefined {
  if (k + 1 >= g.count) return undefined;
  const first = groupLength(g, k);
  const second = groupLength(g, k + 1);
  const sep = separator(g, k + 1);
  if (second === 4 && (sep === '-' || sep === '+')) {
    const d = digitsOf(g, k, k + 2);
    if (personnummerValid(d.slice(-10))) return standalone(g, k, k + 2);
    // DK CPR has had no check digit since 2007: the date is all there is.
    if (first === 6 && sep === '-' && datePrefixValid(d, true) && g.text.charCodeAt(g.ends[k + 1]!) !== 45) {
      return standalone(g, k, k + 2);
    }
  }
  // CZ/SK rodné číslo, YYMMDD/NNNC.
  if (first === 6 && second === 4 && sep === '/' && rodneCisloValid(digitsOf(g, k, k + 2))) {
    return standalone(g, k, k + 2);
  }
  // Latvian personas kods, DDMMYY-CNNNN; Malaysian MyKad, YYMMDD-PB-NNNN.
  if (first === 6 && second === 5 && sep === '-' && latvianIdValid(digitsOf(g, k, k + 2))) {
    return standalone(g, k, k + 2);
  }
  if (first === 6 && shape(g, k, G_6_2_4, '-') && myKadValid(digitsOf(g, k, k + 3)))
    return standalone(g, k, k + 3);
  if (first === 6 && second === 7 && sep === '-') {
    const d = digitsOf(g, k, k + 2);
    if (datePrefixValid(d, false) && '1234'.includes(d[6]!)) return standalone(g, k, k + 2);
  }
  return undefined;
}

const NIR_SPACED = [1, 2, 2, 2, 3, 3, 2];

/**
 * Digits with capitals around them: HK identity card (`A123456(3)`, `AB987654(A)`), Taiwan's national id
 * (`A123456789`), Ireland's PPS number (`1234567T`, `1234567TW`). Each confirmed by its check character.
 */
export function matchCapitalsId(g: Groups, k: number): Match | undefined {
  const text = g.text;
  const start = g.starts[k]!;
  const end = g.ends[k]!;
  const length = end - start;
  let lead = start;
  while (lead > start - 2 && isUpper(text.charCodeAt(lead - 1))) lead--;
  const wordStart = !isUpper(text.charCodeAt(lead - 1)) && !isDigit(text.charCodeAt(lead - 1));
  if (length === 6 && lead < start && wordStart) {
    // HKID: the check character in parentheses, or glued.
    const paren = text.charCodeAt(end) === 40;
    const at = paren ? end + 1 : end;
    const stop = paren ? at + 2 : at + 1;
    // Glued, a letter check would read as a NINO's suffix (`AB123456A`): only a digit check goes unbracketed.
    if (paren ? text.charCodeAt(at + 1) === 41 : isDigit(text.charCodeAt(at))) {
      if (hkidValid(text.slice(lead, start + 6) + text[at]) && !isUpper(text.charCodeAt(stop)))
        return consumeTo(g, k, lead, stop);
    }
  }
  if (length === 9 && lead === start - 1 && wordStart && taiwanIdValid(text.slice(lead, end))) {
    if (!isUpper(text.charCodeAt(end))) return consumeTo(g, k, lead, end);
  }
  if (length === 7 && lead === start && !isUpper(text.charCodeAt(start - 1))) {
    let tail = end;
    while (tail < end + 2 && isUpper(text.charCodeAt(tail))) tail++;
    if (tail > end && !isUpper(text.charCodeAt(tail)) && !isDigit(text.charCodeAt(tail))) {
      if (ppsValid(text.slice(start, tail))) return consumeTo(g, k, start, tail);
    }
  }
  return undefined;
}

/** A match from `start` to `end`, consuming the groups that begin before `end`. */
function consumeTo(g: Groups, k: number, start: number, end: number): Match {
  let next = k + 1;
  while (next < g.count && g.starts[next]! < end) next++;
  return { next, start, end, kind: 'national_id' };
}

/**
 * Indian PAN of a person (`ABCPE1234F`): ten capitals and digits in a fixed pattern. It holds four digits only,
 * so the number clusters never reach it: a regex finds it, run only when the text has an upper-case `P`
 * followed by a letter somewhere (every PAN does).
 */
const PAN = /[A-Z]{3}P[A-Z]\d{4}[A-Z]/g;

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122);
}

export function scanPans(text: string, emit: (start: number, end: number, kind: string) => void): void {
  if (text.indexOf('P') === -1) return;
  PAN.lastIndex = 0;
  for (let m = PAN.exec(text); m !== null; m = PAN.exec(text)) {
    // A word of its own, not the inside of a longer code.
    if (isWordChar(text.charCodeAt(m.index - 1)) || isWordChar(text.charCodeAt(m.index + 10))) continue;
    if (panValid(m[0])) emit(m.index, m.index + 10, 'national_id');
  }
}

/** Identifiers with letters: FI HETU (131052-308T, 131052A308T) and CN (…X). */
export function matchLetteredId(g: Groups, k: number): Match | undefined {
  const text = g.text;
  const start = g.starts[k]!;
  if (groupLength(g, k) === 6) {
    const candidate = text.slice(start, start + 11);
    if (
      hetuValid(candidate) &&
      !isUpper(text.charCodeAt(start + 11)) &&
      !isDigit(text.charCodeAt(start + 11))
    ) {
      let next = k + 1;
      while (next < g.count && g.starts[next]! < start + 11) next++;
      return foundAt(g, k, next, start, start + 11);
    }
  }
  if (
    groupLength(g, k) === 17 &&
    text.charCodeAt(g.ends[k]!) === 88 &&
    chineseIdValid(`${digitsOf(g, k, k + 1)}X`)
  ) {
    return foundAt(g, k, k + 1, start, g.ends[k]! + 1);
  }
  return undefined;
}

/**
 * 3-3-3 groups are also amounts and phone numbers: AU TFN and NZ IRD (a mod-11 check one number in eleven
 * passes) count there only near a word naming an identifier.
 */
export function matchNamedGroupedId(g: Groups, k: number, context: IdContext): Match | undefined {
  if (!shape(g, k, G_3_3_3, ' -') || !isolated(g, k, 3)) return undefined;
  const nine = digitsOf(g, k, k + 3);
  return (tfnValid(nine) || irdValid(nine)) && context.near(g.starts[k]!) ? foundAt(g, k, k + 3) : undefined;
}

/** Contiguous digits: the strong schemes on their own, the weak ones only near a word naming an identifier. */
export function matchBareId(g: Groups, k: number, context: IdContext): Match | undefined {
  const length = groupLength(g, k);
  if (length < 8 || length > 18) return undefined;
  if (!isolated(g, k, 1)) return undefined;
  const d = digitsOf(g, k, k + 1);
  const found = foundAt;
  // A word naming one scheme decides by that scheme's check when the number has its length.
  const named = context.namedScheme(g.starts[k]!);
  if (named !== undefined) {
    for (const [word, checkedLength, valid] of NAMED_CHECKS) {
      if (checkedLength !== length || !word.test(named)) continue;
      return valid(d) ? found(g, k, k + 1) : { ...found(g, k, k + 1), kind: '' };
    }
  }
  const byScheme = bareByScheme(g, k, d, context);
  if (byScheme !== undefined) return byScheme;
  // Under a word naming an identifier scheme whose check is not known here (NIN, NIK, passport, …), the
  // number is that identifier.
  return named !== undefined && length >= 8 ? found(g, k, k + 1) : undefined;
}

function bareByScheme(g: Groups, k: number, d: string, context: IdContext): Match | undefined {
  const found = foundAt;
  switch (d.length) {
    case 18:
      return chineseIdValid(d) ? found(g, k, k + 1) : undefined;
    case 11:
      // Named a CPF: its own check decides; failing it, the number is nothing (not another id, not a phone).
      if (context.namesCpf(g.starts[k]!))
        return cpfValid(d) ? found(g, k, k + 1) : { ...found(g, k, k + 1), kind: '' };
      if (cpfValid(d) || norwegianIdValid(d) || steuerIdValid(d) || tcknValid(d)) return found(g, k, k + 1);
      return (peselValid(d) ||
        cuitValid(d) ||
        isikukoodValid(d) ||
        oibValid(d) ||
        amkaValid(d) ||
        latvianIdValid(d)) &&
        context.near(g.starts[k]!)
        ? found(g, k, k + 1)
        : undefined;
    case 13:
      if (ahvValid(d)) return found(g, k, k + 1);
      // ZA and RO ids are 13 digits like an EAN-13 barcode: one that passes the GS1 check needs a naming word.
      return (zaIdValid(d) || cnpValid(d) || jmbgValid(d) || thaiIdValid(d)) &&
        (!ean13Valid(d) || context.near(g.starts[k]!))
        ? found(g, k, k + 1)
        : undefined;
    case 14:
      return egyptIdValid(d) && context.near(g.starts[k]!) ? found(g, k, k + 1) : undefined;
    case 15:
      if (emiratesIdValid(d)) return found(g, k, k + 1);
      return nirValid(d) ? found(g, k, k + 1) : undefined;
    case 9:
      return (bsnValid(d) ||
        ssnValid(d) ||
        sinValid(d) ||
        tfnValid(d) ||
        nifPtValid(d) ||
        irdValid(d) ||
        israelIdValid(d)) &&
        context.near(g.starts[k]!)
        ? found(g, k, k + 1)
        : undefined;
    case 10:
      return (personnummerValid(d) ||
        rodneCisloValid(d) ||
        nhsValid(d) ||
        egnValid(d) ||
        svnrValid(d) ||
        rnokppValid(d)) &&
        context.near(g.starts[k]!)
        ? found(g, k, k + 1)
        : undefined;
    case 12:
      return (aadhaarValid(d) ||
        myNumberValid(d) ||
        personnummerValid(d.slice(2)) ||
        kzIinValid(d) ||
        innPersonValid(d) ||
        myKadValid(d)) &&
        context.near(g.starts[k]!)
        ? found(g, k, k + 1)
        : undefined;
    default:
      return undefined;
  }
}
