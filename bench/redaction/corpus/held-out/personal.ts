/**
 * HELD-OUT PART — redact-engine (and anyone improving the detectors) must not read the files in this folder.
 *
 * Personal data in other countries' formats than the dev part: national numbering plans written the local way,
 * IBANs of other countries, other card brands, and national identifiers with their published check digits.
 */
import { ibanCheck, luhnDigit, mod97, weightedSum } from '../checksums.ts';
import { DIGITS, type Rng, UPPER } from '../rng.ts';

export interface Item {
  readonly family: 'email' | 'phone' | 'iban' | 'card' | 'national-id';
  readonly kind: string;
  readonly value: string;
}

const item = (family: Item['family'], kind: string, value: string): Item => ({ family, kind, value });
const d = (r: Rng, n: number): string => r.chars(DIGITS, n);
const pad = (n: number, w: number): string => String(n).padStart(w, '0');

const GIVEN = [
  'Hiroshi',
  'Fernanda',
  'Mateusz',
  'Aino',
  'Siobhan',
  'Thabo',
  'Camille',
  'Jakob',
  'Lucía',
  'Dmitri',
  'Ngozi',
  'Lars',
];
const FAMILY = [
  'Nakamura',
  'Oliveira',
  'Wiśniewski',
  'Korhonen',
  'O’Brien',
  'Dlamini',
  'Lefèvre',
  'Gruber',
  'Fernández',
  'Ivanov',
];
export const personName = (r: Rng): string => `${r.pick(GIVEN)} ${r.pick(FAMILY)}`;

const ascii = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();

export function heldOutEmail(r: Rng): Item {
  const given = ascii(r.pick(GIVEN));
  const fam = ascii(r.pick(FAMILY));
  const local = r.pick([
    `${given}.${fam}`,
    `${given[0]}.${fam}`,
    `${fam}${r.int(1, 999)}`,
    `${given}-${fam}`,
    `${given.toUpperCase()}.${fam.toUpperCase()}`,
    `${given}+${r.pick(['sales', 'ci', 'test'])}`,
  ]);
  const domain = r.pick([
    'posteo.de',
    'web.de',
    'yahoo.co.jp',
    'uol.com.br',
    'wp.pl',
    'kolumbus.fi',
    'eircom.net',
    'mweb.co.za',
    'orange.fr',
    'hospital.example.ch',
    'gov.example.au',
  ]);
  return item('email', 'email', `${local}@${domain}`);
}

const PHONES: readonly [string, (r: Rng) => string][] = [
  ['JP', (r) => `03-${d(r, 4)}-${d(r, 4)}`],
  ['JP', (r) => `090-${d(r, 4)}-${d(r, 4)}`],
  ['BR', (r) => `(11) 9${d(r, 4)}-${d(r, 4)}`],
  ['BR', (r) => `+55 21 9${d(r, 4)}-${d(r, 4)}`],
  ['AU', (r) => `(02) ${d(r, 4)} ${d(r, 4)}`],
  ['AU', (r) => `04${d(r, 2)} ${d(r, 3)} ${d(r, 3)}`],
  ['CH', (r) => `044 ${d(r, 3)} ${d(r, 2)} ${d(r, 2)}`],
  ['CH', (r) => `+41 79 ${d(r, 3)} ${d(r, 2)} ${d(r, 2)}`],
  ['PL', (r) => `+48 ${r.int(5, 8)}${d(r, 2)} ${d(r, 3)} ${d(r, 3)}`],
  ['MX', (r) => `+52 55 ${d(r, 4)} ${d(r, 4)}`],
  ['ZA', (r) => `082 ${d(r, 3)} ${d(r, 4)}`],
  ['IE', (r) => `087 ${d(r, 3)} ${d(r, 4)}`],
  ['BE', (r) => `0470 ${d(r, 2)} ${d(r, 2)} ${d(r, 2)}`],
  ['AT', (r) => `+43 664 ${d(r, 7)}`],
  ['PT', (r) => `+351 912 ${d(r, 3)} ${d(r, 3)}`],
  ['KR', (r) => `010-${d(r, 4)}-${d(r, 4)}`],
  ['SG', (r) => `+65 ${r.pick(['8', '9'])}${d(r, 3)} ${d(r, 4)}`],
  ['FI', (r) => `040 ${d(r, 3)} ${d(r, 4)}`],
  ['NO', (r) => `+47 ${r.pick(['4', '9'])}${d(r, 2)} ${d(r, 2)} ${d(r, 3)}`],
  ['US', (r) => `1-${r.int(2, 9)}${d(r, 2)}-${r.int(2, 9)}${d(r, 2)}-${d(r, 4)}`],
  ['GB', (r) => `(0161) ${d(r, 3)} ${d(r, 4)}`],
  ['DE', (r) => `0 89 / ${d(r, 2)} ${d(r, 2)} ${d(r, 2)}`],
  ['FR', (r) => `+33 (0)6.${d(r, 2)}.${d(r, 2)}.${d(r, 2)}.${d(r, 2)}`],
];

export function heldOutPhone(r: Rng): Item {
  const [country, make] = r.pick(PHONES);
  return item('phone', `phone-${country}`, make(r));
}

const BBANS: readonly [string, number, string][] = [
  // country, BBAN length, shape: n = digit, a = upper letter, c = letter or digit
  ['BE', 12, 'n'],
  ['CH', 17, 'n'],
  ['AT', 16, 'n'],
  ['PL', 24, 'n'],
  ['SE', 20, 'n'],
  ['NO', 11, 'n'],
  ['DK', 14, 'n'],
  ['PT', 21, 'n'],
  ['IE', 18, 'a4n'],
  ['FI', 14, 'n'],
  ['LU', 16, 'n'],
  ['CZ', 20, 'n'],
  ['SA', 20, 'n'],
  ['GR', 23, 'n'],
];

export function heldOutIban(r: Rng): Item {
  const [country, length, shape] = r.pick(BBANS);
  const bban = shape === 'a4n' ? r.chars(UPPER, 4) + d(r, length - 4) : d(r, length);
  const compact = country + ibanCheck(country, bban) + bban;
  const style = r.int(0, 2);
  const value =
    style === 0
      ? compact
      : style === 1
        ? compact.match(/.{1,4}/g)!.join(' ')
        : compact.match(/.{1,4}/g)!.join('-');
  return item('iban', `iban-${country}`, value);
}

function luhnNumber(r: Rng, prefix: string, length: number): string {
  const payload = prefix + d(r, length - prefix.length - 1);
  return payload + luhnDigit(payload);
}

const CARDS: readonly [string, (r: Rng) => string, number[]][] = [
  ['discover', (r) => luhnNumber(r, r.pick(['6011', '65', '644']), 16), [4, 4, 4, 4]],
  ['jcb', (r) => luhnNumber(r, String(r.int(3528, 3589)), 16), [4, 4, 4, 4]],
  ['diners', (r) => luhnNumber(r, r.pick(['36', '38', '300']), 14), [4, 6, 4]],
  ['unionpay', (r) => luhnNumber(r, '62', 19), [6, 13]],
  ['maestro', (r) => luhnNumber(r, r.pick(['6759', '5018', '6304']), 18), [4, 4, 4, 4, 2]],
  ['visa', (r) => luhnNumber(r, '4', 16), [16]],
];

export function heldOutCard(r: Rng): Item {
  const [brand, make, groups] = r.pick(CARDS);
  const digits = make(r);
  const sep = r.pick([' ', '-', '.']);
  const parts: string[] = [];
  let at = 0;
  for (const g of groups) {
    parts.push(digits.slice(at, at + g));
    at += g;
  }
  return item('card', `card-${brand}`, parts.join(sep));
}

const HETU_CHARS = '0123456789ABCDEFHJKLMNPRSTUVWXY';

const IDS: readonly [string, (r: Rng) => string][] = [
  [
    'PL-PESEL',
    (r) => {
      const body = `${d(r, 2)}${pad(r.int(1, 12), 2)}${pad(r.int(1, 28), 2)}${d(r, 4)}`;
      const check = (10 - (weightedSum(body, [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]) % 10)) % 10;
      return body + check;
    },
  ],
  [
    'FI-HETU',
    (r) => {
      const date = `${pad(r.int(1, 28), 2)}${pad(r.int(1, 12), 2)}${d(r, 2)}`;
      const serial = pad(r.int(2, 899), 3);
      return `${date}${r.pick(['-', 'A', '+'])}${serial}${HETU_CHARS[Number(date + serial) % 31]}`;
    },
  ],
  [
    'NO-FNR',
    (r) => {
      for (;;) {
        const nine = `${pad(r.int(1, 28), 2)}${pad(r.int(1, 12), 2)}${d(r, 2)}${d(r, 3)}`;
        const k1 = 11 - (weightedSum(nine, [3, 7, 6, 1, 8, 9, 4, 5, 2]) % 11);
        const c1 = k1 === 11 ? 0 : k1;
        if (c1 === 10) continue;
        const ten = nine + c1;
        const k2 = 11 - (weightedSum(ten, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) % 11);
        const c2 = k2 === 11 ? 0 : k2;
        if (c2 === 10) continue;
        return ten + c2;
      }
    },
  ],
  ['DK-CPR', (r) => `${pad(r.int(1, 28), 2)}${pad(r.int(1, 12), 2)}${d(r, 2)}-${d(r, 4)}`],
  [
    'BE-NRN',
    (r) => {
      const body = `${d(r, 2)}${pad(r.int(1, 12), 2)}${pad(r.int(1, 28), 2)}${pad(r.int(1, 997), 3)}`;
      const check = pad(97 - mod97(body), 2);
      return `${body.slice(0, 2)}.${body.slice(2, 4)}.${body.slice(4, 6)}-${body.slice(6)}.${check}`;
    },
  ],
  [
    'CA-SIN',
    (r) => {
      const payload = String(r.int(1, 7)) + d(r, 7);
      const sin = payload + luhnDigit(payload);
      return `${sin.slice(0, 3)} ${sin.slice(3, 6)} ${sin.slice(6)}`;
    },
  ],
  [
    'AU-TFN',
    (r) => {
      for (;;) {
        const tfn = d(r, 9);
        if (weightedSum(tfn, [1, 4, 3, 7, 5, 8, 6, 9, 10]) % 11 === 0 && tfn[0] !== '0')
          return `${tfn.slice(0, 3)} ${tfn.slice(3, 6)} ${tfn.slice(6)}`;
      }
    },
  ],
  [
    'CH-AHV',
    (r) => {
      const payload = `756${d(r, 9)}`;
      const sum = weightedSum(payload, [1, 3, 1, 3, 1, 3, 1, 3, 1, 3, 1, 3]);
      const id = payload + ((10 - (sum % 10)) % 10);
      return `${id.slice(0, 3)}.${id.slice(3, 7)}.${id.slice(7, 11)}.${id.slice(11)}`;
    },
  ],
  [
    'PT-NIF',
    (r) => {
      const eight = String(r.pick([1, 2, 3])) + d(r, 7);
      const rest = weightedSum(eight, [9, 8, 7, 6, 5, 4, 3, 2]) % 11;
      return eight + (rest < 2 ? 0 : 11 - rest);
    },
  ],
  [
    'CN-RIC',
    (r) => {
      const body = `${r.pick(['110101', '310104', '440305', '510107'])}${r.int(1950, 2005)}${pad(r.int(1, 12), 2)}${pad(r.int(1, 28), 2)}${d(r, 3)}`;
      const sum = weightedSum(body, [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]);
      return body + '10X98765432'[sum % 11];
    },
  ],
  [
    'ZA-ID',
    (r) => {
      const payload = `${d(r, 2)}${pad(r.int(1, 12), 2)}${pad(r.int(1, 28), 2)}${d(r, 4)}${r.int(0, 1)}8`;
      return payload + luhnDigit(payload);
    },
  ],
  ['US-SSN', (r) => `${pad(r.int(100, 665), 3)} ${pad(r.int(1, 99), 2)} ${pad(r.int(1, 9999), 4)}`],
];

export function heldOutNationalId(r: Rng): Item {
  const [kind, make] = r.pick(IDS);
  return item('national-id', kind, make(r));
}
