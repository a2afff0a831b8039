import { ALNUM, classOf, isDigit, isUpper } from '../chars.ts';
import { codiceFiscaleValid } from '../checksums.ts';
import type { Emit } from '../detector.ts';
import { ibanEndAt } from './payment.ts';

/**
 * Identifiers written as one word of capitals and digits, found inside token runs: compact IBANs (their BBAN
 * may hold letters: `GB82WEST1234…`), the Italian codice fiscale (16 characters with a check letter) and the
 * Mexican CURP (18, with a check digit).
 */

const CURP =
  /^[A-Z][AEIOUX][A-Z]{2}\d{6}[HMX](?:AS|B[CS]|C[CLMSH]|D[FG]|G[TR]|HG|JC|M[CNS]|N[ETL]|OC|PL|Q[TR]|S[PLR]|T[CSL]|VZ|YN|ZS|NE)[B-DF-HJ-NP-TV-Z]{3}[A-Z\d]\d$/;
const CURP_CHARS = '0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ';

function curpValid(id: string): boolean {
  if (!CURP.test(id)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CURP_CHARS.indexOf(id[i]!) * (18 - i);
  return (10 - (sum % 10)) % 10 === Number(id[17]);
}

function wordEnd(text: string, at: number, limit: number): number {
  let i = at;
  while (i < limit && (classOf(text.charCodeAt(i)) & ALNUM) !== 0) i++;
  return i;
}

/** Kinds and probes of the compact identifiers, for the run detector. */
export const COMPACT_ID_KINDS: readonly string[] = ['national_id', 'iban'];
export const COMPACT_ID_PROBES: readonly string[] = ['RSSMRA85T10A562S', 'ABCD', 'DE89'];

/**
 * A compact identifier starting at the segment start `at` (a capital letter) inside a run ending at `end`:
 * emits it and returns its end, or returns -1.
 */
export function matchCompactId(text: string, at: number, end: number, emit: Emit): number {
  if (
    isUpper(text.charCodeAt(at + 1)) &&
    isDigit(text.charCodeAt(at + 2)) &&
    isDigit(text.charCodeAt(at + 3))
  ) {
    const iban = ibanEndAt(text, at);
    if (iban > at) {
      emit(at, iban, 'iban');
      return iban;
    }
  }
  // A codice fiscale has 16 characters, a CURP 18: a shorter word is neither.
  if ((classOf(text.charCodeAt(at + 15)) & ALNUM) === 0) return -1;
  const stop = wordEnd(text, at, Math.min(end, at + 19));
  const length = stop - at;
  if (length === 16 && codiceFiscaleValid(text.slice(at, stop))) {
    emit(at, stop, 'national_id');
    return stop;
  }
  if (length === 18 && curpValid(text.slice(at, stop))) {
    emit(at, stop, 'national_id');
    return stop;
  }
  return -1;
}
