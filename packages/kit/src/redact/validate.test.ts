import { describe, expect, it } from 'vitest';
import {
  cardIssued,
  ibanChecksumValid,
  ibanLength,
  luhnValid,
  ninoPrefixValid,
  spanishIdValid,
  ssnValid,
} from './validate.ts';

describe('checksums and issuing rules', () => {
  it('Luhn', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('378282246310005')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
  });

  it('card issuer ranges and lengths', () => {
    expect(cardIssued('4111111111111111')).toBe(true);
    expect(cardIssued('5555555555554444')).toBe(true);
    expect(cardIssued('2223003122003222')).toBe(true);
    expect(cardIssued('378282246310005')).toBe(true);
    expect(cardIssued('6011111111111117')).toBe(true);
    expect(cardIssued('1234567812345670')).toBe(false);
    expect(cardIssued('37828224631000')).toBe(false);
  });

  it('IBAN mod 97 and registered lengths', () => {
    expect(ibanChecksumValid('DE89370400440532013000')).toBe(true);
    expect(ibanChecksumValid('GB82WEST12345698765432')).toBe(true);
    expect(ibanChecksumValid('DE89370400440532013001')).toBe(false);
    expect(ibanLength('DE')).toBe(22);
    expect(ibanLength('NO')).toBe(15);
    expect(ibanLength('XX')).toBeUndefined();
  });

  it('SSN areas, groups and serials that are never issued', () => {
    expect(ssnValid('123', '45', '6789')).toBe(true);
    expect(ssnValid('000', '45', '6789')).toBe(false);
    expect(ssnValid('666', '45', '6789')).toBe(false);
    expect(ssnValid('901', '45', '6789')).toBe(false);
    expect(ssnValid('123', '00', '6789')).toBe(false);
    expect(ssnValid('123', '45', '0000')).toBe(false);
  });

  it('NINO prefixes and Spanish id letters', () => {
    expect(ninoPrefixValid('AB')).toBe(true);
    expect(ninoPrefixValid('GB')).toBe(false);
    expect(spanishIdValid('12345678Z')).toBe(true);
    expect(spanishIdValid('12345678A')).toBe(false);
    expect(spanishIdValid('X1234567L')).toBe(true);
  });
});
