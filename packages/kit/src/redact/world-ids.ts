/**
 * A third set of national identifiers' published rules (see checksums.ts and id-checksums.ts for the others):
 * UK NHS number, Israeli Teudat Zehut, Bulgarian EGN, Greek AMKA, Austrian SVNR, Latvian personas kods,
 * UAE Emirates ID, Malaysian MyKad, Pakistani CNIC, Kazakh IIN, Ukrainian RNOKPP, Russian personal INN,
 * US ITIN, Egyptian national id, Indian PAN. Inputs are plain digit strings unless a function
 * says otherwise.
 */

import { luhnValid } from './checksums.ts';

const d = (s: string, i: number): number => s.charCodeAt(i) - 48;

function weightedSum(digits: string, weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += d(digits, i) * weights[i]!;
  return sum;
}

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validDate(month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= DAYS[month - 1]!;
}

/** UK NHS number: 10 digits, weights 10..2 over the first nine, check = 11 − sum mod 11 (11 → 0, 10 invalid). */
export function nhsValid(digits: string): boolean {
  if (digits.length !== 10) return false;
  const check = 11 - (weightedSum(digits, [10, 9, 8, 7, 6, 5, 4, 3, 2]) % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === d(digits, 9);
}

/** Israeli Teudat Zehut: 9 digits (shorter ones padded with zeros), Luhn with weights 1,2 from the left. */
export function israelIdValid(digits: string): boolean {
  return digits.length === 9 && digits !== '000000000' && luhnValid(digits);
}

/** Bulgarian EGN: YYMMDD (month + 20 before 1900, + 40 from 2000), 3 digits, a weighted mod-11 check (10 → 0). */
export function egnValid(digits: string): boolean {
  if (digits.length !== 10) return false;
  let month = Number(digits.slice(2, 4));
  if (month > 40) month -= 40;
  else if (month > 20) month -= 20;
  if (!validDate(month, Number(digits.slice(4, 6)))) return false;
  const rest = weightedSum(digits, [2, 4, 8, 5, 10, 9, 7, 3, 6]) % 11;
  return (rest === 10 ? 0 : rest) === d(digits, 9);
}

/** Greek AMKA: DDMMYY and five digits, the whole passing Luhn. */
export function amkaValid(digits: string): boolean {
  if (digits.length !== 11) return false;
  return validDate(Number(digits.slice(2, 4)), Number(digits.slice(0, 2))) && luhnValid(digits);
}

/** Austrian social insurance number (SVNR): NNN C DDMMYY, C = weighted sum mod 11 (10 is never issued). */
export function svnrValid(digits: string): boolean {
  if (digits.length !== 10 || digits[0] === '0') return false;
  if (!validDate(Number(digits.slice(6, 8)), Number(digits.slice(4, 6)))) return false;
  const sum = weightedSum(digits, [3, 7, 9, 0, 5, 8, 4, 2, 1, 6]) % 11;
  return sum !== 10 && sum === d(digits, 3);
}

/**
 * Latvian personas kods: DDMMYY-CNNNN with check (1101 − Σ w·d) mod 11, w = 1,6,3,7,9,10,5,8,4,2; or, since
 * 2017, `32` and nine digits with no date.
 */
export function latvianIdValid(digits: string): boolean {
  if (digits.length !== 11) return false;
  if (digits.startsWith('32')) return true;
  if (!validDate(Number(digits.slice(2, 4)), Number(digits.slice(0, 2)))) return false;
  const check = (1101 - weightedSum(digits, [1, 6, 3, 7, 9, 10, 5, 8, 4, 2])) % 11;
  return check === d(digits, 10);
}

/** UAE Emirates ID: 784, the birth year, seven digits and a Luhn check (15 digits). */
export function emiratesIdValid(digits: string): boolean {
  if (digits.length !== 15 || !digits.startsWith('784')) return false;
  const year = Number(digits.slice(3, 7));
  return year >= 1900 && year <= 2099 && luhnValid(digits);
}

/** Malaysian MyKad place-of-birth codes: states 01–16, 21–59, and the foreign codes 60–68, 71–72, 74–79, 82–93, 98–99. */
function myKadPlace(code: number): boolean {
  return (
    (code >= 1 && code <= 16) ||
    (code >= 21 && code <= 68) ||
    code === 71 ||
    code === 72 ||
    (code >= 74 && code <= 79) ||
    (code >= 82 && code <= 93) ||
    code === 98 ||
    code === 99
  );
}

/** Malaysian MyKad: YYMMDD-PB-NNNN, a birth date and a place-of-birth code (12 digits). */
export function myKadValid(digits: string): boolean {
  if (digits.length !== 12) return false;
  return (
    validDate(Number(digits.slice(2, 4)), Number(digits.slice(4, 6))) &&
    myKadPlace(Number(digits.slice(6, 8)))
  );
}

/** Pakistani CNIC: 13 digits printed 5-7-1, the first (the province) 1–7. No check digit. */
export function cnicValid(digits: string): boolean {
  return digits.length === 13 && digits[0]! >= '1' && digits[0]! <= '7';
}

/** Kazakh IIN: YYMMDD, a century/sex digit 1–6, four digits and a two-pass weighted mod-11 check. */
export function kzIinValid(digits: string): boolean {
  if (digits.length !== 12) return false;
  if (!validDate(Number(digits.slice(2, 4)), Number(digits.slice(4, 6)))) return false;
  if (digits[6]! < '1' || digits[6]! > '6') return false;
  let check = weightedSum(digits, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]) % 11;
  if (check === 10) check = weightedSum(digits, [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]) % 11;
  return check !== 10 && check === d(digits, 11);
}

/** Ukrainian RNOKPP (individual tax number): 10 digits, weights −1,5,7,9,4,6,10,5,7, mod 11 mod 10. */
export function rnokppValid(digits: string): boolean {
  if (digits.length !== 10) return false;
  const sum = weightedSum(digits, [-1, 5, 7, 9, 4, 6, 10, 5, 7]);
  return (((sum % 11) + 11) % 11) % 10 === d(digits, 9);
}

/** Russian INN of a person: 12 digits, two check digits (weighted mod 11 mod 10). */
export function innPersonValid(digits: string): boolean {
  if (digits.length !== 12) return false;
  const first = (weightedSum(digits, [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) % 11) % 10;
  const second = (weightedSum(digits, [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) % 11) % 10;
  return first === d(digits, 10) && second === d(digits, 11);
}

/** US ITIN: 9XX-GG-NNNN with the group 50–65, 70–88, 90–92 or 94–99. */
export function itinValid(digits: string): boolean {
  if (digits.length !== 9 || digits[0] !== '9') return false;
  const group = Number(digits.slice(3, 5));
  return (
    (group >= 50 && group <= 65) ||
    (group >= 70 && group <= 88) ||
    (group >= 90 && group <= 92) ||
    group >= 94
  );
}

const EG_GOVERNORATES = new Set([
  1, 2, 3, 4, 11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 23, 24, 25, 26, 27, 28, 29, 31, 32, 33, 34, 35, 88,
]);

/** Egyptian national id: a century digit (2 or 3), YYMMDD, a governorate code, five digits and a check (14). */
export function egyptIdValid(digits: string): boolean {
  if (digits.length !== 14 || (digits[0] !== '2' && digits[0] !== '3')) return false;
  return (
    validDate(Number(digits.slice(3, 5)), Number(digits.slice(5, 7))) &&
    EG_GOVERNORATES.has(Number(digits.slice(7, 9)))
  );
}

/** Indian PAN of a person: three letters, `P` (an individual), the surname's initial, four digits, a letter. */
export function panValid(id: string): boolean {
  return /^[A-Z]{3}P[A-Z]\d{4}[A-Z]$/.test(id);
}
