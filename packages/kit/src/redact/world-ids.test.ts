import { describe, expect, it } from 'vitest';
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
} from './world-ids.ts';

describe('national identifier checks, third set', () => {
  it.each([
    // Published examples: the NHS number on NHS Digital's data dictionary page, the SVNR and Latvian examples
    // from their registries' descriptions, a Bulgarian EGN worked through by hand (month 23 = March 1875).
    ['NHS', nhsValid, '9434765919', '9434765918'],
    ['SVNR', svnrValid, '1237010180', '1238010180'],
    ['Latvian personas kods', latvianIdValid, '16117519997', '16117519998'],
    ['EGN', egnValid, '7523169263', '7523169264'],
    ['Teudat Zehut', israelIdValid, '000000018', '000000019'],
    ['AMKA', amkaValid, '15038511893', '15038511894'],
    ['Emirates ID', emiratesIdValid, '784198592867893', '784198592867894'],
    ['Kazakh IIN', kzIinValid, '850315511304', '850315511305'],
    ['RNOKPP', rnokppValid, '5738613914', '5738613915'],
    ['INN of a person', innPersonValid, '665571422152', '665571422153'],
  ])('%s: a valid number passes, a changed check digit fails', (_name, valid, good, bad) => {
    expect(valid(good)).toBe(true);
    expect(valid(bad)).toBe(false);
  });

  it('checks the structure of the schemes without a check digit', () => {
    expect(myKadValid('850315145678')).toBe(true);
    expect(myKadValid('851315145678')).toBe(false); // month 13
    expect(myKadValid('850315705678')).toBe(false); // place code 70 is not issued
    expect(cnicValid('3520212345671')).toBe(true);
    expect(cnicValid('9520212345671')).toBe(false); // no province 9
    expect(itinValid('912701234')).toBe(true);
    expect(itinValid('912931234')).toBe(false); // group 93 is not an ITIN group
    expect(egyptIdValid('28503150112345')).toBe(true);
    expect(egyptIdValid('28503155012345')).toBe(false); // governorate 50
    expect(panValid('ABCPE1234F')).toBe(true);
    expect(panValid('ABCCE1234F')).toBe(false); // a company, not a person
  });
});
