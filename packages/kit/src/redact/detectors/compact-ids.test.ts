import { describe, it } from 'vitest';
import { expectKept, expectRedacted } from '../test-expect.ts';

describe('identifiers written as one word', () => {
  it.each([
    ['an Italian codice fiscale', 'RSSMRA85T10A562S', 'national_id'],
    ['a compact IBAN with letters in its BBAN', 'GB82WEST12345698765432', 'iban'],
    ['a compact IBAN', 'NL91ABNA0417164300', 'iban'],
  ])('%s', (_name, id, kind) => {
    expectRedacted('ref: ', id, ' (verified)', kind);
  });

  it.each(['RSSMRA85T10A562X', 'GB83WEST12345698765432', 'ABCDEFGHIJKLMNOP', 'SOMECONSTANTNAME_X'])(
    'keeps %s (a wrong check, or no format)',
    (text) => {
      expectKept(`ref: ${text} (verified)`);
    },
  );
});
