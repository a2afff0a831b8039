/**
 * More national identifiers' published check rules (the first set is in checksums.ts), and the GS1 EAN-13 check
 * that tells a barcode from a 13-digit card or identifier. Inputs are plain digit strings unless a function
 * says otherwise.
 */

import { iso7064Mod1110, luhnValid } from './checksums.ts';

const d = (s: string, i: number): number => s.charCodeAt(i) - 48;

function validDate(month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/** GS1 EAN-13 / GTIN-13: weights 1,3 alternating from the left, the 13th digit brings the sum to a multiple of 10. */
export function ean13Valid(digits: string): boolean {
  if (digits.length !== 13) return false;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += d(digits, i) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10 === d(digits, 12);
}

/** Chilean RUT/RUN: body digits then a check `0-9` or `K`, mod 11 over weights 2..7 repeating from the right. */
export function rutValid(body: string, check: string): boolean {
  if (body.length < 7 || body.length > 8) return false;
  let sum = 0;
  for (let i = body.length - 1, w = 2; i >= 0; i--, w = w === 7 ? 2 : w + 1) sum += d(body, i) * w;
  const v = 11 - (sum % 11);
  const expected = v === 11 ? '0' : v === 10 ? 'K' : String(v);
  return expected === check.toUpperCase();
}

/**
 * Turkish T.C. Kimlik No: 11 digits, the first not 0; the 10th is (7 × the odd-place sum − the even-place sum)
 * mod 10 and the 11th the sum of the first ten mod 10.
 */
export function tcknValid(digits: string): boolean {
  if (digits.length !== 11 || digits[0] === '0') return false;
  let odd = 0;
  let even = 0;
  for (let i = 0; i < 9; i++) {
    if (i % 2 === 0) odd += d(digits, i);
    else even += d(digits, i);
  }
  if ((((odd * 7 - even) % 10) + 10) % 10 !== d(digits, 9)) return false;
  return (odd + even + d(digits, 9)) % 10 === d(digits, 10);
}

const CNP_WEIGHTS = [2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9];

/**
 * Romanian CNP: S YYMMDD JJ NNN C — sex/century 1–9, a birth date, a county code (01–52, or 70 and 80–83 for
 * residents abroad and other codes), and C = weighted sum mod 11 (10 counts as 1).
 */
export function cnpValid(digits: string): boolean {
  if (digits.length !== 13 || digits[0] === '0') return false;
  if (!validDate(Number(digits.slice(3, 5)), Number(digits.slice(5, 7)))) return false;
  const county = Number(digits.slice(7, 9));
  if (!((county >= 1 && county <= 52) || county === 70 || (county >= 80 && county <= 83))) return false;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += d(digits, i) * CNP_WEIGHTS[i]!;
  const rest = sum % 11;
  return (rest === 10 ? 1 : rest) === d(digits, 12);
}

/** South African ID: YYMMDD SSSS C A Z — a birth date, citizenship 0, 1 or 2, and a Luhn check digit. */
export function zaIdValid(digits: string): boolean {
  if (digits.length !== 13) return false;
  if (!validDate(Number(digits.slice(2, 4)), Number(digits.slice(4, 6)))) return false;
  if (digits[10]! > '2') return false;
  return luhnValid(digits);
}

const CUIT_WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

/** Argentinian CUIT/CUIL: type 20/23/24/27/30/33/34, 8 digits, and a mod-11 check digit. */
export function cuitValid(digits: string): boolean {
  if (digits.length !== 11 || !['20', '23', '24', '27', '30', '33', '34'].includes(digits.slice(0, 2)))
    return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += d(digits, i) * CUIT_WEIGHTS[i]!;
  const v = 11 - (sum % 11);
  if (v === 10) return false;
  return (v === 11 ? 0 : v) === d(digits, 10);
}

/**
 * Czech and Slovak rodné číslo of 10 digits (YYMMDD/NNNC, from 1954): a date whose month may carry +50 (women)
 * or +20/+70 (from 2004), and the whole number divisible by 11 (or the first nine mod 11 = 10 and C = 0).
 */
export function rodneCisloValid(digits: string): boolean {
  if (digits.length !== 10) return false;
  let month = Number(digits.slice(2, 4));
  if (month > 70) month -= 70;
  else if (month > 50) month -= 50;
  else if (month > 20) month -= 20;
  if (!validDate(month, Number(digits.slice(4, 6)))) return false;
  const nine = Number(digits.slice(0, 9)) % 11;
  return nine === 10 ? d(digits, 9) === 0 : nine === d(digits, 9);
}

/** Estonian isikukood / Lithuanian asmens kodas: G YYMMDD NNN C, the check by the two-pass weighted mod 11. */
export function isikukoodValid(digits: string): boolean {
  if (digits.length !== 11 || digits[0]! < '1' || digits[0]! > '6') return false;
  if (!validDate(Number(digits.slice(3, 5)), Number(digits.slice(5, 7)))) return false;
  const pass = (weights: readonly number[]): number => {
    let sum = 0;
    for (let i = 0; i < 10; i++) sum += d(digits, i) * weights[i]!;
    return sum % 11;
  };
  let check = pass([1, 2, 3, 4, 5, 6, 7, 8, 9, 1]);
  if (check === 10) check = pass([3, 4, 5, 6, 7, 8, 9, 1, 2, 3]) % 10;
  return check === d(digits, 10);
}

/** Croatian OIB: 11 digits, ISO 7064 MOD 11,10. */
export function oibValid(digits: string): boolean {
  return digits.length === 11 && iso7064Mod1110(digits.slice(0, 10)) === d(digits, 10);
}

/** Singapore NRIC/FIN: S/T/F/G + 7 digits + a check letter over weights 2,7,6,5,4,3,2 (+4 for T and G). */
export function nricValid(id: string): boolean {
  if (!/^[STFG]\d{7}[A-Z]$/.test(id)) return false;
  const weights = [2, 7, 6, 5, 4, 3, 2];
  let sum = 0;
  for (let i = 0; i < 7; i++) sum += d(id, i + 1) * weights[i]!;
  const first = id[0]!;
  if (first === 'T' || first === 'G') sum += 4;
  const table = first === 'S' || first === 'T' ? 'JZIHGFEDCBA' : 'XWUTRQPNMLK';
  return table[sum % 11] === id[8];
}

/** Australian TFN: 9 digits, weights 1,4,3,7,5,8,6,9,10, the sum divisible by 11. */
export function tfnValid(digits: string): boolean {
  if (digits.length !== 9) return false;
  const w = [1, 4, 3, 7, 5, 8, 6, 9, 10];
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += d(digits, i) * w[i]!;
  return sum % 11 === 0;
}

/** New Zealand IRD number: 8 or 9 digits (8 padded with a 0), weights 3,2,7,6,5,4,3,2 then 7,4,3,2,5,2,7,6. */
export function irdValid(input: string): boolean {
  if (input.length < 8 || input.length > 9) return false;
  const digits = input.padStart(9, '0');
  const body = digits.slice(0, 8);
  const n = Number(digits);
  if (n < 10_000_000 || n > 150_000_000) return false;
  const check = (weights: readonly number[]): number => {
    let sum = 0;
    for (let i = 0; i < 8; i++) sum += d(body, i) * weights[i]!;
    const r = sum % 11;
    return r === 0 ? 0 : 11 - r;
  };
  let c = check([3, 2, 7, 6, 5, 4, 3, 2]);
  if (c === 10) c = check([7, 4, 3, 2, 5, 2, 7, 6]);
  return c !== 10 && c === d(digits, 8);
}

/** Russian SNILS: 9 digits and a 2-digit check (Σ digit × (9 − i), mod 101, 100 → 00). */
export function snilsValid(digits: string): boolean {
  if (digits.length !== 11) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += d(digits, i) * (9 - i);
  const check = (sum % 101) % 100;
  return check === Number(digits.slice(9));
}

/** Hong Kong identity card: one or two letters, six digits, a check character (mod 11, A = 10). */
export function hkidValid(id: string): boolean {
  const m = /^([A-Z]{1,2})(\d{6})([0-9A])$/.exec(id);
  if (!m) return false;
  const letters = m[1]!.length === 1 ? ` ${m[1]}` : m[1]!;
  let sum = 0;
  for (let i = 0; i < 2; i++) sum += (letters[i] === ' ' ? 36 : letters.charCodeAt(i) - 55) * (9 - i);
  for (let i = 0; i < 6; i++) sum += d(m[2]!, i) * (7 - i);
  const check = (11 - (sum % 11)) % 11;
  return (check === 10 ? 'A' : String(check)) === m[3];
}

const TW_LETTERS = 'ABCDEFGHJKLMNPQRSTUVXYWZIO';

/** Taiwan national identification number: a region letter, 1 or 2, eight digits; weighted mod 10. */
export function taiwanIdValid(id: string): boolean {
  if (!/^[A-Z][12]\d{8}$/.test(id)) return false;
  const code = TW_LETTERS.indexOf(id[0]!) + 10;
  let sum = Math.floor(code / 10) + (code % 10) * 9;
  for (let i = 1; i < 9; i++) sum += d(id, i) * (9 - i);
  sum += d(id, 9);
  return sum % 10 === 0;
}

/** Irish PPS number: seven digits and a check letter (weights 8..2, a second letter weighted 9), mod 23. */
export function ppsValid(id: string): boolean {
  const m = /^(\d{7})([A-W])([A-IW]?)$/.exec(id);
  if (!m) return false;
  let sum = 0;
  for (let i = 0; i < 7; i++) sum += d(m[1]!, i) * (8 - i);
  if (m[3]) sum += (m[3] === 'W' ? 0 : m[3].charCodeAt(0) - 64) * 9;
  const r = sum % 23;
  return (r === 0 ? 'W' : String.fromCharCode(64 + r)) === m[2];
}

/** Former-Yugoslav JMBG / Slovenian EMŠO: DDMMYYY RR BBB K, K = 11 − (weighted sum mod 11), 10/11 → 0. */
export function jmbgValid(digits: string): boolean {
  if (digits.length !== 13) return false;
  if (!validDate(Number(digits.slice(2, 4)), Number(digits.slice(0, 2)))) return false;
  const w = [7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += d(digits, i) * w[i]!;
  let k = 11 - (sum % 11);
  if (k > 9) k = 0;
  return k === d(digits, 12);
}

/** Thai national id: 13 digits, the first 1–8, check = (11 − Σ digit × (13 − i) mod 11) mod 10. */
export function thaiIdValid(digits: string): boolean {
  if (digits.length !== 13 || digits[0] === '0' || digits[0] === '9') return false;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += d(digits, i) * (13 - i);
  return (11 - (sum % 11)) % 10 === d(digits, 12);
}

/** Portuguese NIF: 9 digits, the first 1-3, 5, 6, 8 or 9; check = 11 − (Σ digit × (9 − i) mod 11), 10/11 → 0. */
export function nifPtValid(digits: string): boolean {
  if (digits.length !== 9 || !'1235689'.includes(digits[0]!)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += d(digits, i) * (9 - i);
  const c = 11 - (sum % 11);
  return (c > 9 ? 0 : c) === d(digits, 8);
}

/** Uruguayan cédula: up to seven digits and a check (weights 2,9,8,7,6,3,4; mod 10). */
export function uyCiValid(body: string, check: string): boolean {
  if (body.length < 6 || body.length > 7) return false;
  const digits = body.padStart(7, '0');
  const w = [2, 9, 8, 7, 6, 3, 4];
  let sum = 0;
  for (let i = 0; i < 7; i++) sum += d(digits, i) * w[i]!;
  return (10 - (sum % 10)) % 10 === Number(check);
}
