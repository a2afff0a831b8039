import { describe, expect, it } from 'vitest';
import {
  aadhaarValid,
  ahvValid,
  belgianIdValid,
  bsnValid,
  cardIssued,
  chineseIdValid,
  codiceFiscaleValid,
  cpfValid,
  githubChecksumValid,
  hetuValid,
  ibanChecksumValid,
  ibanLength,
  luhnValid,
  myNumberValid,
  ninoPrefixValid,
  nirValid,
  norwegianIdValid,
  personnummerValid,
  peselValid,
  sinValid,
  spanishIdValid,
  ssnValid,
  steuerIdValid,
} from './checksums.ts';
import { oneDigitOff } from './test-fixtures.ts';

// Published examples from the issuers' documentation and the standard references of each scheme.
const CASES: [name: string, check: (v: string) => boolean, valid: string[]][] = [
  ['Luhn', luhnValid, ['4111111111111111', '378282246310005', '5555555555554444']],
  [
    'IBAN mod 97',
    ibanChecksumValid,
    ['GB82WEST12345698765432', 'DE89370400440532013000', 'NL91ABNA0417164300'],
  ],
  ['DE Steuer-ID', steuerIdValid, ['86095742719', '47036892816', '65929970489']],
  ['FR NIR', nirValid, ['255081416802538', '184127645108946', '269054958815780']],
  ['IT codice fiscale', codiceFiscaleValid, ['RSSMRA85T10A562S', 'MRTMTT25D09F205Z']],
  ['NL BSN', bsnValid, ['111222333', '123456782']],
  ['SE personnummer', personnummerValid, ['8112289874', '6408233234']],
  ['IN Aadhaar', aadhaarValid, ['234123412346', '499118665246']],
  ['BR CPF', cpfValid, ['52998224725', '11144477735']],
  ['PL PESEL', peselValid, ['44051401359', '02070803628']],
  ['NO fødselsnummer', norwegianIdValid, ['01010750160', '15076500565']],
  ['BE national number', belgianIdValid, ['85073003328']],
  ['CH AHV', ahvValid, ['7569217076985']],
  ['CA SIN', sinValid, ['130692544']],
  ['JP My Number', myNumberValid, ['123456789018']],
];

describe('check digits', () => {
  it.each(CASES)(
    '%s accepts published examples and refuses every one-digit change',
    (_name, check, valid) => {
      for (const value of valid) {
        expect(check(value)).toBe(true);
        for (const changed of oneDigitOff(value)) expect(check(changed), changed).toBe(false);
      }
    },
  );

  it('Chinese resident id: the MOD 11-2 check character, X included', () => {
    expect(chineseIdValid('11010519491231002X')).toBe(true);
    expect(chineseIdValid('110105194912310021')).toBe(false);
    expect(chineseIdValid('11010519491331002X')).toBe(false); // month 13
  });

  it('Finnish HETU: the mod-31 check character and a real date', () => {
    expect(hetuValid('131052-308T')).toBe(true);
    expect(hetuValid('131052-308U')).toBe(false);
    expect(hetuValid('131352-308T')).toBe(false);
  });

  it('Spanish DNI and NIE letters', () => {
    expect(spanishIdValid('12345678Z')).toBe(true);
    expect(spanishIdValid('X1234567L')).toBe(true);
    expect(spanishIdValid('12345678A')).toBe(false);
    expect(spanishIdValid('Y1234567L')).toBe(false);
  });

  it('US SSN issuing rules', () => {
    expect(ssnValid('123456789')).toBe(true);
    for (const never of ['000123456', '666123456', '912345678', '123004567', '123450000']) {
      expect(ssnValid(never), never).toBe(false);
    }
  });

  it('UK NINO prefixes', () => {
    expect(ninoPrefixValid('AB')).toBe(true);
    for (const never of ['GB', 'BG', 'ZZ', 'DA', 'AO', 'QQ'])
      expect(ninoPrefixValid(never), never).toBe(false);
  });

  it('card issuers and IBAN lengths', () => {
    expect(cardIssued('4111111111111111')).toBe(true);
    expect(cardIssued('378282246310005')).toBe(true);
    expect(cardIssued('1234567812345670')).toBe(false); // Luhn-valid, no network
    expect(ibanLength('DE')).toBe(22);
    expect(ibanLength('XX')).toBeUndefined();
  });

  it("GitHub tokens' CRC32 checksum", () => {
    // Body built here the way GitHub documents it: 30 base62 characters, then CRC32 as 6 base62 digits.
    const entropy = 'zQWBuTSOoRi4A9spHcVY5ncnsDkxkJ';
    const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
    let crc = 0xffffffff;
    for (const ch of entropy) {
      crc ^= ch.charCodeAt(0);
      for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
    }
    crc = (crc ^ 0xffffffff) >>> 0;
    let tail = '';
    for (let i = 0; i < 6; i++) {
      tail = alphabet[crc % 62] + tail;
      crc = Math.floor(crc / 62);
    }
    expect(githubChecksumValid(entropy + tail)).toBe(true);
    expect(githubChecksumValid(`${entropy.slice(0, -1)}X${tail}`)).toBe(false);
  });
});
