/**
 * More dev formats, each from its public description: IBAN BBAN structures of the SWIFT IBAN registry, card
 * issuer ranges and lengths (ISO/IEC 7812 issuer tables), national identifiers with published check rules,
 * GS1 EAN-13 barcodes (hard negatives), and credential files whose syntax puts a password after a keyword or a
 * position rather than after `=` (.netrc, .pgpass, SQL, Redis, kickstart, PHP, Docker and npm auth).
 */
import { ibanCheck, luhnDigit } from '../checksums.ts';
import { ALNUM, DIGITS, type Rng, UPPER } from '../rng.ts';
import type { Personal } from './personal.ts';

const d = (r: Rng, n: number): string => r.chars(DIGITS, n);

/** BBAN structures from the SWIFT IBAN registry: n digits, a capitals, c alphanumerics (upper case here). */
const BBAN_FORMATS: Record<string, string> = {
  AL: '8n16c',
  AT: '5n11n',
  AZ: '4a20c',
  BA: '3n3n8n2n',
  BE: '3n7n2n',
  BG: '4a4n2n8c',
  BH: '4a14c',
  BR: '8n5n10n1a1c',
  CH: '5n12c',
  CR: '4n14n',
  CY: '3n5n16c',
  CZ: '4n6n10n',
  DK: '4n9n1n',
  EE: '2n2n11n1n',
  EG: '4n4n17n',
  FI: '3n11n',
  GE: '2a16n',
  GR: '3n4n16c',
  HR: '7n10n',
  HU: '3n4n1n15n1n',
  IE: '4a6n8n',
  IL: '3n3n13n',
  IS: '4n2n6n10n',
  JO: '4a4n18c',
  KW: '4a22c',
  KZ: '3n13c',
  LT: '5n11n',
  LU: '3n13c',
  LV: '4a13c',
  MT: '4a5n18c',
  MU: '4a2n2n12n3n3a',
  NO: '4n6n1n',
  PK: '4a16c',
  PL: '8n16n',
  PT: '4n4n11n2n',
  QA: '4a21c',
  RO: '4a16c',
  RS: '3n13n2n',
  SA: '2n18c',
  SC: '4a2n2n16n3a',
  SE: '3n16n1n',
  SI: '5n8n2n',
  SK: '4n6n10n',
  TN: '2n3n13n2n',
  TR: '5n1n16c',
  UA: '6n19c',
  VG: '4a16n',
  XK: '4n10n2n',
};

function bban(r: Rng, format: string): string {
  let out = '';
  for (const [, count, type] of format.matchAll(/(\d+)([nac])/g)) {
    const n = Number(count);
    out += type === 'n' ? d(r, n) : type === 'a' ? r.chars(UPPER, n) : r.chars(UPPER + DIGITS, n);
  }
  return out;
}

/** An IBAN of one of the registry's countries, compact or in the paper format's groups of four. */
export function worldIban(r: Rng): Personal {
  const country = r.pick(Object.keys(BBAN_FORMATS));
  const body = bban(r, BBAN_FORMATS[country]!);
  const compact = country + ibanCheck(country, body) + body;
  const value = r.chance(0.6) ? compact.match(/.{1,4}/g)!.join(' ') : compact;
  return { family: 'iban', kind: `iban-${country}`, value };
}

/** Issuer ranges and lengths (prefix, lengths, printed grouping per length). */
const NETWORKS: readonly [string, () => string, readonly number[]][] = [
  ['visa', () => '4', [13, 16, 19]],
  ['mastercard', () => '5', [16]],
  ['amex', () => '37', [15]],
  ['discover', () => '6011', [16, 19]],
  ['jcb', () => '3530', [16, 19]],
  ['diners', () => '36', [14]],
  ['unionpay', () => '62', [16, 19]],
  ['mir', () => '2201', [16]],
  ['maestro', () => '6759', [16, 19]],
  ['rupay', () => '6521', [16]],
];

function grouping(length: number): number[] {
  if (length === 15) return [4, 6, 5];
  if (length === 14) return [4, 6, 4];
  const out: number[] = [];
  for (let left = length; left > 0; left -= 4) out.push(Math.min(4, left));
  return out;
}

export function worldCard(r: Rng): Personal {
  const [network, prefix, lengths] = r.pick(NETWORKS);
  let head = prefix();
  if (network === 'mastercard') head += String(r.int(1, 5));
  const length = r.pick([...lengths]);
  const payload = head + d(r, length - head.length - 1);
  const digits = payload + luhnDigit(payload);
  const sep = r.pick([' ', '-', '', ' ']);
  const sizes = grouping(length);
  let at = 0;
  const parts = sizes.map((n) => {
    const part = digits.slice(at, at + n);
    at += n;
    return part;
  });
  return { family: 'card', kind: `card-${network}-${length}`, value: parts.join(sep) };
}

/** A birth date as YYMMDD. */
function yymmdd(r: Rng): string {
  return `${d(r, 2)}${String(r.int(1, 12)).padStart(2, '0')}${String(r.int(1, 28)).padStart(2, '0')}`;
}

function mod11Weighted(digits: string, weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += Number(digits[i]) * weights[i]!;
  return sum % 11;
}

/** National identifiers of more countries, each with its published check rule. */
const WORLD_IDS: readonly [string, (r: Rng) => string][] = [
  [
    'CL-RUT',
    (r) => {
      const body = String(r.int(5_000_000, 25_999_999));
      let sum = 0;
      for (let i = body.length - 1, w = 2; i >= 0; i--, w = w === 7 ? 2 : w + 1) sum += Number(body[i]) * w;
      const v = 11 - (sum % 11);
      const check = v === 11 ? '0' : v === 10 ? 'K' : String(v);
      const dotted = body.replace(/\B(?=(\d{3})+$)/g, '.');
      return `${r.chance(0.6) ? dotted : body}-${check}`;
    },
  ],
  [
    'TR-TCKN',
    (r) => {
      const nine = String(r.int(1, 9)) + d(r, 8);
      let odd = 0;
      let even = 0;
      for (let i = 0; i < 9; i++) {
        if (i % 2 === 0) odd += Number(nine[i]);
        else even += Number(nine[i]);
      }
      const tenth = (((odd * 7 - even) % 10) + 10) % 10;
      return `${nine}${tenth}${(odd + even + tenth) % 10}`;
    },
  ],
  [
    'RO-CNP',
    (r) => {
      const county = String(r.int(1, 46)).padStart(2, '0');
      const twelve = `${r.int(1, 6)}${yymmdd(r)}${county}${d(r, 3)}`;
      const rest = mod11Weighted(twelve, [2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9]);
      return twelve + (rest === 10 ? 1 : rest);
    },
  ],
  [
    'ZA-ID',
    (r) => {
      const twelve = `${yymmdd(r)}${d(r, 4)}${r.pick(['0', '1'])}8`;
      return twelve + luhnDigit(twelve);
    },
  ],
  [
    'AR-CUIT',
    (r) => {
      for (;;) {
        const ten = `${r.pick(['20', '23', '27', '30'])}${d(r, 8)}`;
        const v = 11 - mod11Weighted(ten, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]);
        if (v === 10) continue;
        const check = v === 11 ? 0 : v;
        return `${ten.slice(0, 2)}-${ten.slice(2)}-${check}`;
      }
    },
  ],
  [
    'CZ-RODNE-CISLO',
    (r) => {
      for (;;) {
        const date = `${r.int(54, 99)}${String(r.int(1, 12) + (r.chance(0.5) ? 50 : 0)).padStart(2, '0')}${String(r.int(1, 28)).padStart(2, '0')}`;
        const nine = date + d(r, 3);
        const check = Number(nine) % 11;
        if (check === 10) continue;
        return `${date}/${nine.slice(6)}${check}`;
      }
    },
  ],
  [
    'SG-NRIC',
    (r) => {
      const first = r.pick(['S', 'T']);
      const seven = d(r, 7);
      const weights = [2, 7, 6, 5, 4, 3, 2];
      let sum = first === 'T' ? 4 : 0;
      for (let i = 0; i < 7; i++) sum += Number(seven[i]) * weights[i]!;
      return `${first}${seven}${'JZIHGFEDCBA'[sum % 11]}`;
    },
  ],
  [
    'AU-TFN',
    (r) => {
      for (;;) {
        const n = d(r, 9);
        const w = [1, 4, 3, 7, 5, 8, 6, 9, 10];
        let sum = 0;
        for (let i = 0; i < 9; i++) sum += Number(n[i]) * w[i]!;
        if (sum % 11 === 0) return `${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`;
      }
    },
  ],
  [
    'RU-SNILS',
    (r) => {
      const nine = d(r, 9);
      let sum = 0;
      for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (9 - i);
      const check = String((sum % 101) % 100).padStart(2, '0');
      return `${nine.slice(0, 3)}-${nine.slice(3, 6)}-${nine.slice(6)} ${check}`;
    },
  ],
  [
    'TW-ID',
    (r) => {
      const letters = 'ABCDEFGHJKLMNPQRSTUVXYWZIO';
      for (;;) {
        const li = r.int(0, 25);
        const body = `${r.int(1, 2)}${d(r, 7)}`;
        const code = li + 10;
        let sum = Math.floor(code / 10) + (code % 10) * 9;
        for (let i = 0; i < 8; i++) sum += Number(body[i]) * (8 - i);
        const check = (10 - (sum % 10)) % 10;
        return `${letters[li]}${body}${check}`;
      }
    },
  ],
  [
    'IE-PPS',
    (r) => {
      const seven = d(r, 7);
      let sum = 0;
      for (let i = 0; i < 7; i++) sum += Number(seven[i]) * (8 - i);
      const rest = sum % 23;
      return `${seven}${rest === 0 ? 'W' : String.fromCharCode(64 + rest)}`;
    },
  ],
];

export function worldNationalId(r: Rng): Personal {
  const [kind, make] = r.pick(WORLD_IDS);
  return { family: 'national-id', kind, value: make(r) };
}

/** The word a record puts before each identifier kind. */
export const ID_LABELS: Record<string, string> = {
  'CL-RUT': 'RUT',
  'TR-TCKN': 'T.C. Kimlik No',
  'RO-CNP': 'CNP',
  'ZA-ID': 'ID number',
  'AR-CUIT': 'CUIT',
  'CZ-RODNE-CISLO': 'rodné číslo',
  'SG-NRIC': 'NRIC',
  'AU-TFN': 'TFN',
  'RU-SNILS': 'SNILS',
  'TW-ID': 'ID',
  'IE-PPS': 'PPS',
};

/** A GS1 EAN-13 (GTIN-13) with a real GS1 prefix and its check digit: a barcode, not a card or an id. */
export function ean13(r: Rng): string {
  const prefix = r.pick([
    '400',
    '401',
    '405',
    '440',
    '50',
    '57',
    '590',
    '690',
    '693',
    '30',
    '34',
    '80',
    '84',
    '87',
    '45',
    '49',
    '0',
  ]);
  const twelve = prefix + d(r, 12 - prefix.length);
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(twelve[i]) * (i % 2 === 0 ? 1 : 3);
  return twelve + ((10 - (sum % 10)) % 10);
}

/** A password as people set them: random, passphrase-like, or a word with digits and a symbol. */
export function password(r: Rng): string {
  const shape = r.int(0, 2);
  if (shape === 0) return r.chars(`${ALNUM}!#%*+-.?@^_~`, r.int(10, 22));
  if (shape === 1)
    return `${r.pick(['Copper', 'river', 'Nimbus', 'tango'])}${r.pick(['-', '_', '.', ''])}${r.pick(['Falls', 'otter', 'Quill', 'mesa'])}${d(r, r.int(2, 4))}${r.pick(['!', '#', '$', ''])}`;
  return `${r.chars(UPPER, 1)}${r.chars('abcdefghijkmnpqrstuvwxyz', r.int(5, 9))}${r.pick(['!', '@', '#', '%', '&'])}${d(r, r.int(2, 4))}`;
}

/** An address's local part and domain, ASCII or internationalised (RFC 6531 local parts, IDNA domains). */
export function worldEmailParts(r: Rng): [string, string] {
  return r.pick([
    ['anna.schmidt', 'example.com'],
    ['jürgen.müller', 'beispiel.de'],
    ['sofia.garcía', 'correo.es'],
    ['kenji', '例え.jp'],
    ['olga', 'почта.рф'],
    ['m.rossi', 'posta.it'],
  ] as [string, string][]);
}
