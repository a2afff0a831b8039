/**
 * Dev-part personal data, from the public numbering plans and identifier standards: phone numbers in each
 * country's own grouping, IBANs (ISO 13616, mod 97), card numbers (ISO/IEC 7812 ranges, Luhn), and national
 * identifiers with their published check digits.
 */
import { ibanCheck, iso7064Mod1110, luhnDigit, verhoeffDigit, weightedSum } from '../checksums.ts';
import { DIGITS, type Rng, UPPER } from '../rng.ts';

export interface Personal {
  readonly family: 'email' | 'phone' | 'iban' | 'card' | 'national-id';
  readonly kind: string;
  readonly value: string;
}

const p = (family: Personal['family'], kind: string, value: string): Personal => ({ family, kind, value });

export const FIRST = [
  'anna',
  'lukas',
  'marie',
  'jonas',
  'sofia',
  'mateo',
  'aisha',
  'wei',
  'olga',
  'kenji',
  'priya',
  'liam',
  'chloe',
  'omar',
  'ines',
  'noah',
];
export const LAST = [
  'schmidt',
  'dubois',
  'garcia',
  'rossi',
  'jansen',
  'nilsson',
  'kowalski',
  'smith',
  'sharma',
  'silva',
  'tanaka',
  'okafor',
  'murphy',
  'novak',
];
const DOMAINS = [
  'example.com',
  'mail.example.org',
  'acme-corp.io',
  'gmail.com',
  'outlook.de',
  'uni-heidelberg.de',
  'company.co.uk',
  'startup.dev',
];

export function email(r: Rng): Personal {
  const f = r.pick(FIRST);
  const l = r.pick(LAST);
  const local = r.pick([
    `${f}.${l}`,
    `${f}${r.int(1, 99)}`,
    `${f[0]}${l}`,
    `${f}_${l}`,
    `${f}.${l}+${r.pick(['billing', 'github', 'news'])}`,
    `${l}.${f}${r.int(70, 99)}`,
  ]);
  return p('email', 'email', `${local}@${r.pick(DOMAINS)}`);
}

const d = (r: Rng, n: number): string => r.chars(DIGITS, n);
const nz = (r: Rng): string => String(r.int(2, 9));

/** Phone numbers as each country writes them, international and national forms. */
const PHONES: readonly [string, (r: Rng) => string][] = [
  ['US', (r) => `(${nz(r)}${d(r, 2)}) ${nz(r)}${d(r, 2)}-${d(r, 4)}`],
  ['US', (r) => `+1 ${nz(r)}${d(r, 2)}-${nz(r)}${d(r, 2)}-${d(r, 4)}`],
  ['US', (r) => `${nz(r)}${d(r, 2)}.${nz(r)}${d(r, 2)}.${d(r, 4)}`],
  ['GB', (r) => `+44 20 7${d(r, 3)} ${d(r, 4)}`],
  ['GB', (r) => `07${r.int(4, 9)}${d(r, 2)} ${d(r, 6)}`],
  ['DE', (r) => `+49 30 ${d(r, 8)}`],
  ['DE', (r) => `0151 ${d(r, 8)}`],
  ['DE', (r) => `+49 (0) 89 ${d(r, 3)} ${d(r, 4)}`],
  ['FR', (r) => `+33 ${r.int(1, 7)} ${d(r, 2)} ${d(r, 2)} ${d(r, 2)} ${d(r, 2)}`],
  ['FR', (r) => `0${r.pick(['6', '7', '1'])} ${d(r, 2)} ${d(r, 2)} ${d(r, 2)} ${d(r, 2)}`],
  ['ES', (r) => `+34 6${d(r, 2)} ${d(r, 3)} ${d(r, 3)}`],
  ['ES', (r) => `91 ${d(r, 3)} ${d(r, 2)} ${d(r, 2)}`],
  ['NL', (r) => `+31 6 ${d(r, 8)}`],
  ['NL', (r) => `020-${d(r, 7)}`],
  ['IN', (r) => `+91 ${r.int(6, 9)}${d(r, 4)} ${d(r, 5)}`],
  ['IT', (r) => `+39 3${d(r, 2)} ${d(r, 3)} ${d(r, 4)}`],
  ['SE', (r) => `+46 70 ${d(r, 3)} ${d(r, 2)} ${d(r, 2)}`],
];

export function phone(r: Rng): Personal {
  const [country, make] = r.pick(PHONES);
  return p('phone', `phone-${country}`, make(r));
}

/** BBAN shapes per country (ISO 13616 registry), with the national check digits where a country has them. */
const BBANS: readonly [string, (r: Rng) => string][] = [
  ['DE', (r) => d(r, 18)],
  ['GB', (r) => r.chars(UPPER, 4) + d(r, 14)],
  ['NL', (r) => r.chars(UPPER, 4) + d(r, 10)],
  [
    'FR',
    (r) => {
      const bank = d(r, 5);
      const branch = d(r, 5);
      const account = d(r, 11);
      const key = 97 - ((89 * Number(bank) + 15 * Number(branch) + 3 * (Number(account) % 97)) % 97);
      return bank + branch + account + String(key).padStart(2, '0');
    },
  ],
  [
    'ES',
    (r) => {
      const bank = d(r, 4);
      const branch = d(r, 4);
      const account = d(r, 10);
      const ctl = (digits: string, weights: number[]): string => {
        const v = 11 - (weightedSum(digits, weights) % 11);
        return String(v === 11 ? 0 : v === 10 ? 1 : v);
      };
      const w = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6];
      return bank + branch + ctl(`00${bank}${branch}`, w) + ctl(account, w) + account;
    },
  ],
  ['IT', (r) => r.chars(UPPER, 1) + d(r, 10) + d(r, 12)],
];

export function iban(r: Rng): Personal {
  const [country, make] = r.pick(BBANS);
  const bban = make(r);
  const compact = country + ibanCheck(country, bban) + bban;
  const value = r.chance(0.6) ? compact.match(/.{1,4}/g)!.join(' ') : compact;
  return p('iban', `iban-${country}`, value);
}

/** A card number of `length` digits starting with `prefix`, Luhn-valid. */
export function cardNumber(r: Rng, prefix: string, length: number): string {
  const payload = prefix + d(r, length - prefix.length - 1);
  return payload + luhnDigit(payload);
}

const group = (digits: string, sizes: number[], sep: string): string => {
  const out: string[] = [];
  let at = 0;
  for (const n of sizes) {
    out.push(digits.slice(at, at + n));
    at += n;
  }
  return out.join(sep);
};

export function card(r: Rng): Personal {
  const brand = r.pick(['visa', 'mastercard', 'mastercard-2', 'amex']);
  const sep = r.pick([' ', '-', '']);
  if (brand === 'amex')
    return p('card', 'card-amex', group(cardNumber(r, r.pick(['34', '37']), 15), [4, 6, 5], sep));
  const prefix =
    brand === 'visa' ? '4' : brand === 'mastercard' ? String(r.int(51, 55)) : String(r.int(2221, 2720));
  return p('card', `card-${brand.replace('-2', '')}`, group(cardNumber(r, prefix, 16), [4, 4, 4, 4], sep));
}

const UK_FIRST = 'ABCEGHJKLMNOPRSTWXYZ';
const UK_SECOND = 'ABCEGHJKLMNPRSTWXYZ';
const ES_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';

const CF_ODD: Record<string, number> = {};
[1, 0, 5, 7, 9, 13, 15, 17, 19, 21].forEach((v, i) => {
  CF_ODD[String(i)] = v;
});
[1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23].forEach(
  (v, i) => {
    CF_ODD[UPPER[i]!] = v;
  },
);
const cfEven = (c: string): number => (c >= 'A' ? c.charCodeAt(0) - 65 : Number(c));

/** National identifiers with their published check digits. */
const NATIONAL_IDS: readonly [string, (r: Rng) => string][] = [
  [
    'US-SSN',
    (r) => {
      let area = r.int(1, 899);
      if (area === 666) area = 665;
      return `${String(area).padStart(3, '0')}-${String(r.int(1, 99)).padStart(2, '0')}-${String(r.int(1, 9999)).padStart(4, '0')}`;
    },
  ],
  [
    'UK-NINO',
    (r) => {
      let prefix = r.chars(UK_FIRST, 1) + r.chars(UK_SECOND, 1);
      if (['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ'].includes(prefix)) prefix = 'AB';
      const digits = d(r, 6);
      const suffix = r.chars('ABCD', 1);
      return r.chance(0.5)
        ? `${prefix} ${digits.slice(0, 2)} ${digits.slice(2, 4)} ${digits.slice(4)} ${suffix}`
        : prefix + digits + suffix;
    },
  ],
  [
    'DE-STEUER-ID',
    (r) => {
      // One digit appears exactly twice in the first ten, the others at most once; the first is not 0.
      let digits: string[];
      do {
        const pool = r.shuffle([...DIGITS]);
        const twice = pool[0]!;
        digits = r.shuffle([twice, twice, ...pool.slice(1, 9)]);
      } while (digits[0] === '0');
      const payload = digits.join('');
      const id = payload + iso7064Mod1110(payload);
      return r.chance(0.5) ? `${id.slice(0, 2)} ${id.slice(2, 5)} ${id.slice(5, 8)} ${id.slice(8)}` : id;
    },
  ],
  [
    'FR-NIR',
    (r) => {
      const body = `${r.int(1, 2)}${d(r, 2)}${String(r.int(1, 12)).padStart(2, '0')}${String(r.pick([r.int(1, 19), r.int(21, 95)])).padStart(2, '0')}${String(r.int(1, 990)).padStart(3, '0')}${String(r.int(1, 999)).padStart(3, '0')}`;
      const key = String(97 - Number(BigInt(body) % 97n)).padStart(2, '0');
      return r.chance(0.5)
        ? `${body[0]} ${body.slice(1, 3)} ${body.slice(3, 5)} ${body.slice(5, 7)} ${body.slice(7, 10)} ${body.slice(10)} ${key}`
        : body + key;
    },
  ],
  [
    'ES-DNI',
    (r) => {
      const n = d(r, 8);
      return `${n}${r.chance(0.2) ? '-' : ''}${ES_LETTERS[Number(n) % 23]}`;
    },
  ],
  [
    'ES-NIE',
    (r) => {
      const lead = r.int(0, 2);
      const n = d(r, 7);
      return `${'XYZ'[lead]}${n}${ES_LETTERS[Number(`${lead}${n}`) % 23]}`;
    },
  ],
  [
    'IT-CF',
    (r) => {
      const consonants = 'BCDFGHJKLMNPQRSTVZ';
      const body =
        r.chars(consonants, 3) +
        r.chars(consonants, 3) +
        d(r, 2) +
        r.chars('ABCDEHLMPRST', 1) +
        String(r.pick([r.int(1, 31), r.int(41, 71)])).padStart(2, '0') +
        r.chars('ABCDEFGHILM', 1) +
        d(r, 3);
      let sum = 0;
      for (let i = 0; i < 15; i++) sum += i % 2 === 0 ? CF_ODD[body[i]!]! : cfEven(body[i]!);
      return body + UPPER[sum % 26];
    },
  ],
  [
    'NL-BSN',
    (r) => {
      for (;;) {
        const first8 = String(r.int(1, 9)) + d(r, 7);
        const s = weightedSum(first8, [9, 8, 7, 6, 5, 4, 3, 2]);
        const last = s % 11;
        if (last <= 9) return first8 + last;
      }
    },
  ],
  [
    'SE-PERSONNUMMER',
    (r) => {
      const date = `${d(r, 2)}${String(r.int(1, 12)).padStart(2, '0')}${String(r.int(1, 28)).padStart(2, '0')}`;
      const serial = d(r, 3);
      return `${date}${r.pick(['-', '-', '+', ''])}${serial}${luhnDigit(date + serial)}`;
    },
  ],
  [
    'IN-AADHAAR',
    (r) => {
      const payload = String(r.int(2, 9)) + d(r, 10);
      const id = payload + verhoeffDigit(payload);
      return r.chance(0.7) ? id.match(/.{4}/g)!.join(r.pick([' ', '-'])) : id;
    },
  ],
  [
    'BR-CPF',
    (r) => {
      const nine = d(r, 9);
      const dv = (digits: string): number =>
        ((weightedSum(
          digits,
          [...Array(digits.length)].map((_, i) => digits.length + 1 - i),
        ) *
          10) %
          11) %
        10;
      const ten = nine + dv(nine);
      const id = ten + dv(ten);
      return r.chance(0.7) ? `${id.slice(0, 3)}.${id.slice(3, 6)}.${id.slice(6, 9)}-${id.slice(9)}` : id;
    },
  ],
];

export function nationalId(r: Rng): Personal {
  const [kind, make] = r.pick(NATIONAL_IDS);
  return p('national-id', kind, make(r));
}
