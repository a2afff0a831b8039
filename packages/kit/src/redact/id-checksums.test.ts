import { describe, expect, it } from 'vitest';
import {
  cnpValid,
  cuitValid,
  ean13Valid,
  isikukoodValid,
  nricValid,
  oibValid,
  rodneCisloValid,
  rutValid,
  tcknValid,
  zaIdValid,
} from './id-checksums.ts';
import { oneDigitOff } from './test-fixtures.ts';

// Published examples from each scheme's documentation and standard references.
const CASES: [name: string, check: (v: string) => boolean, valid: string[]][] = [
  ['GS1 EAN-13', ean13Valid, ['4006381333931', '9780306406157']],
  ['TR T.C. Kimlik No', tcknValid, ['10000000146']],
  ['RO CNP', cnpValid, ['1800101221144']],
  ['ZA identity number', zaIdValid, ['8001015009087']],
  ['AR CUIT', cuitValid, ['20172543597']],
  ['HR OIB', oibValid, ['69435151530', '94577403194']],
];

describe('more national check digits', () => {
  it.each(CASES)('%s accepts published examples and refuses every one-digit change', (_n, check, valid) => {
    for (const value of valid) {
      expect(check(value)).toBe(true);
      for (const changed of oneDigitOff(value)) expect(check(changed), changed).toBe(false);
    }
  });

  it('Chilean RUT: mod 11 over 2..7, K for 10', () => {
    expect(rutValid('12345678', '5')).toBe(true);
    expect(rutValid('12345678', '4')).toBe(false);
    expect(rutValid('7654321', '6')).toBe(true);
    // 11 - 1 = 10 → K: find a body whose check is K and accept it in either case.
    const body = ['10000013', '10000021', '10000030', '10000048', '10000056', '10000064', '10000072'].find(
      (b) => rutValid(b, 'K'),
    );
    expect(body).toBeDefined();
    expect(rutValid(body!, 'k')).toBe(true);
  });

  it('Czech/Slovak rodné číslo: divisible by 11 with a (women +50) birth month', () => {
    expect(rodneCisloValid('7801233540')).toBe(true);
    expect(rodneCisloValid('7801233541')).toBe(false);
    expect(rodneCisloValid('7851233540')).toBe(false); // same digits, women's month: no longer divisible
    expect(rodneCisloValid('7813233549')).toBe(false); // month 13
  });

  it('Estonian isikukood: date and the two-pass mod 11 check', () => {
    for (const id of ['37605030299', '49403136526']) expect(isikukoodValid(id), id).toBe(true);
    // The fallback pass makes some first-digit changes collide; the check digit itself and the date never do.
    expect(isikukoodValid('37605030298')).toBe(false);
    expect(isikukoodValid('37613030299')).toBe(false);
    expect(isikukoodValid('77605030299')).toBe(false);
  });

  it('Singapore NRIC/FIN check letters', () => {
    for (const id of ['S1234567D', 'T1234567J', 'F1234567N', 'G1234567X'])
      expect(nricValid(id), id).toBe(true);
    expect(nricValid('S1234567E')).toBe(false);
    expect(nricValid('A1234567D')).toBe(false);
  });
});
