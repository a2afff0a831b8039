import { crc32 } from 'node:zlib';

/**
 * Check digits and issuing rules that turn "looks like a number" into "is one": a match that fails them is left
 * alone, which is what keeps order numbers, ids and timestamps out of the redaction counts. Inputs are plain
 * digit strings (separators removed) unless a function says otherwise. Sources: the published algorithms of
 * each scheme (ISO/IEC 7812, ISO 13616, ISO 7064, and the national identifier specifications).
 */

const d = (s: string, i: number): number => s.charCodeAt(i) - 48;

function weighted(digits: string, weights: readonly number[], offset = 0): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += d(digits, offset + i) * weights[i]!;
  return sum;
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let v = d(digits, i);
    if (double) {
      v *= 2;
      if (v > 9) v -= 9;
    }
    sum += v;
    double = !double;
  }
  return sum % 10 === 0;
}

/** `Number(digits.slice(0, count))` without the copy: the value of the first `count` digits (fewer if shorter). */
function prefixValue(digits: string, count: number): number {
  let value = 0;
  for (let i = 0; i < count && i < digits.length; i++) value = value * 10 + d(digits, i);
  return value;
}

/** Issuer prefixes and lengths of the card networks, so a Luhn-valid id that no network issues is not a card. */
export function cardIssued(digits: string): boolean {
  const n = digits.length;
  const p2 = prefixValue(digits, 2);
  const p3 = prefixValue(digits, 3);
  const p4 = prefixValue(digits, 4);
  const p6 = prefixValue(digits, 6);
  if (digits[0] === '4') return n === 13 || n === 16 || n === 19; // Visa (Electron, Dankort co-brands)
  if (p4 === 2131 || p4 === 1800) return n === 15; // JCB's 15-digit ranges
  if (digits[0] === '1') return n === 15; // UATP
  if (p4 >= 2200 && p4 <= 2204) return n >= 16; // Mir
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) return n === 16; // Mastercard
  if (p2 === 34 || p2 === 37) return n === 15; // American Express
  if (p4 === 6011 || p2 === 65 || (p3 >= 644 && p3 <= 649) || (p6 >= 622126 && p6 <= 622925)) return n >= 16; // Discover
  if (p4 >= 3528 && p4 <= 3589) return n >= 16; // JCB
  if (p3 === 353 || p3 === 356) return n === 16; // RuPay co-brands
  if ((p3 >= 300 && p3 <= 305) || p4 === 3095 || p2 === 36 || p2 === 38 || p2 === 39) return n >= 14; // Diners Club
  if (p2 === 62 || p2 === 81) return n >= 16; // UnionPay
  if (p6 === 606282) return n === 16 || n === 19; // Hipercard
  if (p2 === 60 || p2 === 82 || p3 === 508) return n === 16; // RuPay
  if (p4 === 9792) return n === 16; // Troy
  if (p3 === 636) return n >= 16; // InterPayment
  if (p2 === 50 || (p2 >= 56 && p2 <= 69)) return n >= 12; // Maestro, Verve (506…, 650…)
  return false;
}

/** Lengths of IBANs per country (ISO 13616 registry); an unknown country is not an IBAN. */
const IBAN_LENGTHS = new Map(
  (
    'AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27 DK18 DO28 EE20 ' +
    'EG29 ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HN28 HR21 HU28 IE22 IL23 IQ23 IS26 IT27 JO30 ' +
    'KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24 ME22 MK19 MN20 MR27 MT31 MU30 NI28 NL18 NO15 OM23 ' +
    'PK24 PL28 PS29 PT25 QA29 RO24 RS22 RU33 SA24 SC31 SD18 SE24 SI19 SK24 SM27 SO23 ST25 SV28 TL23 TN24 TR26 ' +
    'UA29 VA22 VG24 XK20 YE30'
  )
    .split(' ')
    .map((entry) => [entry.slice(0, 2), Number(entry.slice(2))] as const),
);

export function ibanLength(country: string): number | undefined {
  return IBAN_LENGTHS.get(country);
}

/** The same lengths indexed by the two capitals' codes, `(c0 - 65) * 26 + (c1 - 65)`; 0 for no country. */
const IBAN_LENGTH_BY_CODE = new Uint8Array(26 * 26);
for (const [country, length] of IBAN_LENGTHS)
  IBAN_LENGTH_BY_CODE[(country.charCodeAt(0) - 65) * 26 + country.charCodeAt(1) - 65] = length;

/** `ibanLength` of the two characters at `at` of `text`, without slicing them out; 0 for no country. */
export function ibanLengthAt(text: string, at: number): number {
  const c0 = text.charCodeAt(at) - 65;
  const c1 = text.charCodeAt(at + 1) - 65;
  return c0 >= 0 && c0 < 26 && c1 >= 0 && c1 < 26 ? IBAN_LENGTH_BY_CODE[c0 * 26 + c1]! : 0;
}

/** One step of ISO 7064 mod 97-10 over an IBAN character (digit or capital, letters as 10..35). */
export function ibanMod97Step(rest: number, c: number): number {
  return c <= 57 ? (rest * 10 + (c - 48)) % 97 : (rest * 100 + (c - 55)) % 97;
}

/** ISO 7064 mod 97-10 over the rearranged IBAN (letters as 10..35); valid IBANs leave remainder 1. */
export function ibanChecksumValid(iban: string): boolean {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let rest = 0;
  for (let i = 0; i < rearranged.length; i++) {
    const c = rearranged.charCodeAt(i);
    if (c >= 48 && c <= 57) rest = (rest * 10 + (c - 48)) % 97;
    else if (c >= 65 && c <= 90) rest = (rest * 100 + (c - 55)) % 97;
    else return false;
  }
  return rest === 1;
}

/** US SSN: area 000, 666 and 900–999, group 00 and serial 0000 are never issued. */
export function ssnValid(digits: string): boolean {
  const area = digits.slice(0, 3);
  return (
    area !== '000' &&
    area !== '666' &&
    area[0] !== '9' &&
    digits.slice(3, 5) !== '00' &&
    !digits.endsWith('0000')
  );
}

const NINO_BAD_PREFIXES = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);
const NINO_FIRST = 'ABCEGHJKLMNOPRSTWXYZ';
const NINO_SECOND = 'ABCEGHJKLMNPRSTWXYZ';

/** UK National Insurance number prefix: allocated letters only (no D F I Q U V; no O second), minus the excluded pairs. */
export function ninoPrefixValid(prefix: string): boolean {
  return (
    NINO_FIRST.includes(prefix[0] ?? '-') &&
    NINO_SECOND.includes(prefix[1] ?? '-') &&
    !NINO_BAD_PREFIXES.has(prefix)
  );
}

const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';

/** Spanish DNI (8 digits + letter) or NIE (X/Y/Z + 7 digits + letter): the letter is the number mod 23. */
export function spanishIdValid(id: string): boolean {
  const lead = 'XYZ'.indexOf(id[0] ?? '');
  const digits = lead >= 0 ? `${lead}${id.slice(1, -1)}` : id.slice(0, -1);
  if (digits.length !== 8) return false;
  return DNI_LETTERS[Number(digits) % 23] === id[id.length - 1];
}

/** ISO 7064 MOD 11,10 check digit of `digits`. */
export function iso7064Mod1110(digits: string): number {
  let product = 10;
  for (let i = 0; i < digits.length; i++) {
    let sum = (d(digits, i) + product) % 10;
    if (sum === 0) sum = 10;
    product = (sum * 2) % 11;
  }
  const check = 11 - product;
  return check === 10 ? 0 : check;
}

/**
 * German Steuerliche Identifikationsnummer: 11 digits, the first not 0; among the first ten one digit appears
 * two or three times and every other at most once; the last is the ISO 7064 MOD 11,10 check digit.
 */
export function steuerIdValid(digits: string): boolean {
  if (digits.length !== 11 || digits[0] === '0') return false;
  const seen = new Uint8Array(10);
  for (let i = 0; i < 10; i++) seen[d(digits, i)]!++;
  let repeated = 0;
  for (const count of seen) {
    if (count > 3) return false;
    if (count >= 2) repeated++;
  }
  return repeated === 1 && iso7064Mod1110(digits.slice(0, 10)) === d(digits, 10);
}

/**
 * French NIR (numéro de sécurité sociale): 13 characters then a 2-digit key = 97 − (number mod 97); Corsican
 * departments 2A / 2B count as 19 / 18. The first digit is the sex (1, 2, or 3/4/7/8 for provisional numbers).
 */
export function nirValid(id: string): boolean {
  if (id.length !== 15 || !'123478'.includes(id[0]!)) return false;
  const body = id
    .slice(0, 13)
    .replace(/^(.{5})2A/, '$119')
    .replace(/^(.{5})2B/, '$118');
  if (!/^\d{13}$/.test(body) || !/^\d{2}$/.test(id.slice(13))) return false;
  const month = Number(body.slice(3, 5));
  if (month < 1 || (month > 12 && month < 20) || month > 99) return false;
  return 97 - Number(BigInt(body) % 97n) === Number(id.slice(13));
}

const CF_ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];

/** Position value of a codice fiscale character; letters that stand in for digits (omocodia) count as letters. */
function cfValue(c: number): number {
  return c >= 65 ? c - 65 : c - 48;
}

/** Italian codice fiscale: 16 characters, the last a check letter over the odd/even position tables. */
export function codiceFiscaleValid(id: string): boolean {
  if (!/^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/.test(id))
    return false;
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const c = id.charCodeAt(i);
    const v = cfValue(c);
    sum += i % 2 === 0 ? CF_ODD[v]! : v;
  }
  return String.fromCharCode(65 + (sum % 26)) === id[15];
}

/** Dutch BSN: 9 digits passing the "11-proef" (weights 9..2 and −1 for the last). */
export function bsnValid(digits: string): boolean {
  if (digits.length !== 9 || /^0+$/.test(digits)) return false;
  return (weighted(digits, [9, 8, 7, 6, 5, 4, 3, 2]) - d(digits, 8)) % 11 === 0;
}

function validDate(month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/** Swedish personnummer / samordningsnummer, 10 digits YYMMDDNNNC: a date (day + 60 for the latter) and Luhn. */
export function personnummerValid(digits10: string): boolean {
  if (digits10.length !== 10) return false;
  const month = Number(digits10.slice(2, 4));
  let day = Number(digits10.slice(4, 6));
  if (day > 60) day -= 60;
  return validDate(month, day) && luhnValid(digits10);
}

const VERHOEFF_D = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
  [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
  [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
  [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const VERHOEFF_P = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
  [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
  [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
  [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];

export function verhoeffValid(digits: string): boolean {
  let c = 0;
  for (let i = 0; i < digits.length; i++) {
    c = VERHOEFF_D[c]![VERHOEFF_P[i % 8]![d(digits, digits.length - 1 - i)]!]!;
  }
  return c === 0;
}

/** Indian Aadhaar: 12 digits, not starting with 0 or 1, with a Verhoeff check digit. */
export function aadhaarValid(digits: string): boolean {
  return digits.length === 12 && digits[0]! >= '2' && verhoeffValid(digits);
}

/** Brazilian CPF: 11 digits, two mod-11 check digits; numbers of one repeated digit are invalid. */
export function cpfValid(digits: string): boolean {
  if (digits.length !== 11 || /^(\d)\1{10}$/.test(digits)) return false;
  const dv = (length: number): number => {
    let sum = 0;
    for (let i = 0; i < length; i++) sum += d(digits, i) * (length + 1 - i);
    return ((sum * 10) % 11) % 10;
  };
  return dv(9) === d(digits, 9) && dv(10) === d(digits, 10);
}

/** Polish PESEL: 11 digits, a date whose month carries the century, and a weighted check digit. */
export function peselValid(digits: string): boolean {
  if (digits.length !== 11) return false;
  const month = Number(digits.slice(2, 4)) % 20;
  if (!validDate(month, Number(digits.slice(4, 6)))) return false;
  const sum = weighted(digits, [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]);
  return (10 - (sum % 10)) % 10 === d(digits, 10);
}

/** Norwegian fødselsnummer / D-number: 11 digits DDMMYY + 3 + two mod-11 check digits. */
export function norwegianIdValid(digits: string): boolean {
  if (digits.length !== 11) return false;
  let day = Number(digits.slice(0, 2));
  if (day > 40) day -= 40;
  if (!validDate(Number(digits.slice(2, 4)), day)) return false;
  const check = (weights: readonly number[]): number => {
    const k = 11 - (weighted(digits, weights) % 11);
    return k === 11 ? 0 : k;
  };
  const k1 = check([3, 7, 6, 1, 8, 9, 4, 5, 2]);
  const k2 = check([5, 4, 3, 2, 7, 6, 5, 4, 3, 2]);
  return k1 === d(digits, 9) && k2 === d(digits, 10);
}

const HETU_CHECK = '0123456789ABCDEFHJKLMNPRSTUVWXY';

/** Finnish henkilötunnus DDMMYY C NNN Q: century sign, and Q = HETU_CHECK[(DDMMYYNNN) mod 31]. */
export function hetuValid(id: string): boolean {
  if (!/^\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]$/.test(id)) return false;
  if (!validDate(Number(id.slice(2, 4)), Number(id.slice(0, 2)))) return false;
  return HETU_CHECK[Number(id.slice(0, 6) + id.slice(7, 10)) % 31] === id[10];
}

/** Belgian national number YYMMDDNNNCC: CC = 97 − (first nine mod 97), with a leading 2 for births from 2000. */
export function belgianIdValid(digits: string): boolean {
  if (digits.length !== 11) return false;
  const check = Number(digits.slice(9));
  const body = Number(digits.slice(0, 9));
  return 97 - (body % 97) === check || 97 - ((2_000_000_000 + body) % 97) === check;
}

/** Swiss AHV number 756.XXXX.XXXX.XX: an EAN-13 check digit. */
export function ahvValid(digits: string): boolean {
  if (digits.length !== 13 || !digits.startsWith('756')) return false;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += d(digits, i) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10 === d(digits, 12);
}

const CN_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** Chinese resident identity number: 17 digits (with a YYYYMMDD birth date) and an ISO 7064 MOD 11-2 check. */
export function chineseIdValid(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const year = Number(id.slice(6, 10));
  if (year < 1900 || year > 2100 || !validDate(Number(id.slice(10, 12)), Number(id.slice(12, 14))))
    return false;
  return '10X98765432'[weighted(id, CN_WEIGHTS) % 11] === id[17];
}

/** Canadian SIN: 9 digits, Luhn, never starting with 0 or 8. */
export function sinValid(digits: string): boolean {
  return digits.length === 9 && digits[0] !== '0' && digits[0] !== '8' && luhnValid(digits);
}

/** Japanese My Number: 12 digits, the last a mod-11 check over weights 6..2,7..2 from the left. */
export function myNumberValid(digits: string): boolean {
  if (digits.length !== 12) return false;
  const sum = weighted(digits, [6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2]);
  const rest = sum % 11;
  return (rest <= 1 ? 0 : 11 - rest) === d(digits, 11);
}

/** A YYMMDD or DDMMYY date prefix, for identifiers whose only structure is a birth date. */
export function datePrefixValid(digits: string, dayFirst: boolean): boolean {
  const a = Number(digits.slice(0, 2));
  const m = Number(digits.slice(2, 4));
  const b = Number(digits.slice(4, 6));
  return dayFirst ? validDate(m, a) : validDate(m, b);
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * GitHub's 2021 token format: after the prefix, 30 random base62 characters and a CRC32 of them written as 6
 * base62 digits. A body that passes is a real token whatever else it looks like.
 */
export function githubChecksumValid(body36: string): boolean {
  if (body36.length !== 36) return false;
  let value = 0;
  for (let i = 30; i < 36; i++) {
    const digit = BASE62.indexOf(body36[i]!);
    if (digit < 0) return false;
    value = value * 62 + digit;
  }
  return crc32(body36.slice(0, 30)) === value;
}
