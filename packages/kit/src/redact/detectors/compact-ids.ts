import { ALNUM, classOf, isDigit, isUpper } from '../chars.ts';
import { codiceFiscaleValid } from '../checksums.ts';
import { ibanEndAt } from './payment.ts';
import type { RunHandler } from './runs.ts';

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

export function createCompactIdHandler(): RunHandler {
  return {
    kinds: ['national_id', 'iban'],
    probes: ['RSSMRA85T10A562S', 'ABCD'],
    begin() {},
    run(text, start, end, emit) {
      for (let i = start; i < end; i++) {
        if (i > start && (classOf(text.charCodeAt(i - 1)) & ALNUM) !== 0) continue;
        if (!isUpper(text.charCodeAt(i))) continue;
        if (
          isUpper(text.charCodeAt(i + 1)) &&
          isDigit(text.charCodeAt(i + 2)) &&
          isDigit(text.charCodeAt(i + 3))
        ) {
          const iban = ibanEndAt(text, i);
          if (iban > i) {
            emit(i, iban, 'iban');
            i = iban - 1;
            continue;
          }
        }
        const stop = wordEnd(text, i, Math.min(end, i + 19));
        const length = stop - i;
        if (length === 16 && codiceFiscaleValid(text.slice(i, stop))) emit(i, stop, 'national_id');
        else if (length === 18 && curpValid(text.slice(i, stop))) emit(i, stop, 'national_id');
        i = stop - 1 > i ? stop - 1 : i;
      }
    },
  };
}
