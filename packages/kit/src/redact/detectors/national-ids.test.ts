import { describe, it } from 'vitest';
import { expectKept, expectRedacted } from '../test-expect.ts';

describe('national identifiers, third set and named schemes', () => {
  it.each([
    ['a UK NHS number, spaced', 'NHS number ', '943 476 5919', '\n'],
    ['an NHS number bare, named', 'NHS: ', '9434765919', '\n'],
    ['an Austrian SVNR', 'SVNR ', '1237 010180', '\n'],
    ['a Latvian personas kods', 'kods ', '161175-19997', '\n'],
    ['an Emirates ID', 'ID ', '784-1985-9286789-3', '\n'],
    ['a Malaysian MyKad', 'IC ', '850315-14-5678', '\n'],
    ['a Pakistani CNIC', 'CNIC ', '35202-1234567-1', '\n'],
    ['a US ITIN, named', 'ITIN: ', '912701234', '\n'],
    ['an Israeli id, named', 'Teudat Zehut: ', '000000018', '\n'],
    ['a Bulgarian EGN, named', 'EGN ', '7523169263', '\n'],
    ['a Greek AMKA, named', 'AMKA: ', '15038511893', '\n'],
    ['a Kazakh IIN, named', 'IIN ', '850315511304', '\n'],
    ['an Egyptian id, named', 'national id ', '28503150112345', '\n'],
    ['a number under a scheme whose check is not known here', 'NIN: ', '12345678901', '\n'],
    ['a passport number of digits', 'Passport no. ', '548712396', '\n'],
  ])('%s', (_name, before, id, after) => {
    expectRedacted(before, id, after, 'national_id');
  });

  it.each([
    ['an SSN that is never issued, named', 'SSN 000123456 (void)'],
    ['an Aadhaar failing its check, named', 'Aadhaar 234123412345'],
    ['an NHS number failing its check, named', 'NHS: 9434765918'],
    ['an order number', 'Order 84720193 shipped'],
    ['a run id', 'run 1234567890 finished'],
    ['a 9xx number in SSN form (never issued as an SSN), unnamed', 'ref 912-70-1234'],
  ])('keeps %s', (_name, text) => {
    expectKept(text);
  });
});
