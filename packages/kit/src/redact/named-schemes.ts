import { aadhaarValid, bsnValid, cpfValid, personnummerValid, steuerIdValid } from './checksums.ts';

/**
 * Field names that name one identifier scheme with a check digit. Under such a name a value is redacted as
 * personal data whatever its format, except when it has the scheme's length and fails the scheme's check:
 * then it is not that identifier (a filler, a test value, a typo), and saying so is the name's own evidence.
 */
const SCHEMES: readonly [suffix: string, lengths: readonly number[], valid: (digits: string) => boolean][] = [
  ['cpf', [11], cpfValid],
  ['bsn', [9], bsnValid],
  ['aadhaar', [12], aadhaarValid],
  ['steuerid', [11], steuerIdValid],
  ['personnummer', [10, 12], (d) => personnummerValid(d.slice(-10))],
];

/** `norm` is a normalised field name (lower case, no separators); `value` the raw value. */
export function failsNamedScheme(norm: string, value: string): boolean {
  for (const [suffix, lengths, valid] of SCHEMES) {
    if (!norm.endsWith(suffix)) continue;
    let digits = '';
    for (let i = 0; i < value.length && digits.length <= 12; i++) {
      const c = value.charCodeAt(i);
      if (c >= 48 && c <= 57) digits += value[i];
    }
    return lengths.includes(digits.length) && !valid(digits);
  }
  return false;
}
