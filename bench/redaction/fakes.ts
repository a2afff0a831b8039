/**
 * Deterministic fake values in the real formats: right prefixes, lengths and alphabets, valid checksums where
 * the real thing has one (Luhn for cards, mod-97 for IBANs, SSN area rules, the DNI letter). None is a live
 * credential: every body is drawn from a seeded PRNG.
 */

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
  chars(alphabet: string, length: number): string;
  bytes(length: number): Buffer;
}

/** mulberry32: tiny, fast and good enough for test data; the same seed always yields the same corpus. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: (items) => items[int(0, items.length - 1)]!,
    chance: (probability) => next() < probability,
    chars: (alphabet, length) => {
      let out = '';
      for (let i = 0; i < length; i++) out += alphabet[int(0, alphabet.length - 1)];
      return out;
    },
    bytes: (length) => {
      const buffer = Buffer.alloc(length);
      for (let i = 0; i < length; i++) buffer[i] = int(0, 255);
      return buffer;
    },
  };
}

export const DIGITS = '0123456789';
export const HEX = '0123456789abcdef';
export const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const LOWER = 'abcdefghijklmnopqrstuvwxyz';
export const BASE62 = `${DIGITS}${UPPER}${LOWER}`;
export const BASE64URL = `${BASE62}-_`;
export const BASE32 = `${UPPER}234567`;

const b64url = (buffer: Buffer): string => buffer.toString('base64url');

// --- credentials -------------------------------------------------------------------------------------------

export const fakeAwsAccessKey = (r: Rng): string => r.pick(['AKIA', 'ASIA']) + r.chars(BASE32, 16);
export const fakeAwsSecretKey = (r: Rng): string => r.chars(`${BASE62}/+`, 40);
export const fakeGcpApiKey = (r: Rng): string => `AIza${r.chars(BASE64URL, 35)}`;
export const fakeAzureKey = (r: Rng): string => r.bytes(64).toString('base64');

export function fakeGithubToken(r: Rng): string {
  if (r.chance(0.25)) return `github_pat_${r.chars(BASE62, 22)}_${r.chars(BASE62, 59)}`;
  return `${r.pick(['ghp', 'gho', 'ghu', 'ghs', 'ghr'])}_${r.chars(BASE62, 36)}`;
}

export const fakeGitlabToken = (r: Rng): string => `glpat-${r.chars(`${BASE62}-_`, 20)}`;

export function fakeSlackToken(r: Rng): string {
  if (r.chance(0.5)) return `xoxb-${r.chars(DIGITS, 11)}-${r.chars(DIGITS, 13)}-${r.chars(BASE62, 24)}`;
  return `xoxp-${r.chars(DIGITS, 11)}-${r.chars(DIGITS, 11)}-${r.chars(DIGITS, 13)}-${r.chars(HEX, 32)}`;
}

export const fakeSlackWebhook = (r: Rng): string =>
  `https://hooks.slack.com/services/T${r.chars(`${UPPER}${DIGITS}`, 8)}/B${r.chars(`${UPPER}${DIGITS}`, 10)}/${r.chars(BASE62, 24)}`;

export const fakeStripeKey = (r: Rng): string =>
  `${r.pick(['sk_live', 'rk_live', 'sk_test'])}_${r.chars(BASE62, r.pick([24, 99]))}`;

export const fakeNpmToken = (r: Rng): string => `npm_${r.chars(BASE62, 36)}`;

/** Current OpenAI keys embed `T3BlbkFJ` (base64 of "OpenAI"), as do the legacy 51-character ones. */
export function fakeOpenAiKey(r: Rng): string {
  if (r.chance(0.3)) return `sk-${r.chars(BASE62, 20)}T3BlbkFJ${r.chars(BASE62, 20)}`;
  return `sk-proj-${r.chars(BASE64URL, 74)}T3BlbkFJ${r.chars(BASE64URL, 74)}`;
}

export const fakeAnthropicKey = (r: Rng): string => `sk-ant-api03-${r.chars(BASE64URL, 93)}AA`;
export const fakeSendgridKey = (r: Rng): string => `SG.${r.chars(BASE64URL, 22)}.${r.chars(BASE64URL, 43)}`;
export const fakeTwilioKey = (r: Rng): string => `SK${r.chars(HEX, 32)}`;

export function fakeJwt(r: Rng): string {
  const header = { alg: r.pick(['HS256', 'RS256', 'ES256']), typ: 'JWT', kid: r.chars(HEX, 16) };
  const payload = {
    sub: `user_${r.int(1000, 999999)}`,
    iss: r.pick(['https://auth.acme.test', 'https://login.example.org/oauth2']),
    aud: 'gatehouse',
    iat: 1_700_000_000 + r.int(0, 30_000_000),
    exp: 1_730_000_000 + r.int(0, 30_000_000),
    scope: r.pick(['read:repo', 'openid profile email', 'admin']),
  };
  const json = (v: unknown): string => b64url(Buffer.from(JSON.stringify(v)));
  return `${json(header)}.${json(payload)}.${b64url(r.bytes(r.pick([32, 64])))}`;
}

function pemBody(r: Rng, magic: string, bytes: number): string {
  const body = magic + r.bytes(bytes).toString('base64');
  return body.match(/.{1,64}/g)!.join('\n');
}

/** PEM/PGP blocks whose bodies start with the real DER / OpenSSH magic bytes. */
export function fakePrivateKey(r: Rng): string {
  switch (r.int(0, 4)) {
    case 0:
      return `-----BEGIN RSA PRIVATE KEY-----\n${pemBody(r, 'MIIEowIBAAKCAQEA', 1150)}\n-----END RSA PRIVATE KEY-----`;
    case 1:
      return `-----BEGIN PRIVATE KEY-----\n${pemBody(r, 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC', 1180)}\n-----END PRIVATE KEY-----`;
    case 2:
      return `-----BEGIN EC PRIVATE KEY-----\n${pemBody(r, 'MHcCAQEEI', 90)}\n-----END EC PRIVATE KEY-----`;
    case 3:
      return `-----BEGIN OPENSSH PRIVATE KEY-----\n${pemBody(r, 'b3BlbnNzaC1rZXktdjEAAAAA', 300)}\n-----END OPENSSH PRIVATE KEY-----`;
    default:
      return `-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBG${pemBody(r, '', 700)}\n=${r.chars(BASE62, 4)}\n-----END PGP PRIVATE KEY BLOCK-----`;
  }
}

export const fakePassword = (r: Rng): string =>
  r.chars(BASE62, r.int(8, 14)) + r.chars('!#%^*+=._-~', r.int(0, 2)) + r.chars(BASE62, r.int(2, 8));

export const fakeOpaqueToken = (r: Rng): string => r.chars(BASE62, r.int(32, 48));

// --- personal data -----------------------------------------------------------------------------------------

const FIRST = [
  'alice',
  'bob',
  'carol',
  'dmitri',
  'eva',
  'farah',
  'goran',
  'hiro',
  'ines',
  'jamal',
  'kerstin',
];
const LAST = [
  'smith',
  'okafor',
  'nguyen',
  'garcia',
  'muller',
  'rossi',
  'tanaka',
  'kowalski',
  'haddad',
  'silva',
];
const DOMAINS = [
  'acme.test',
  'example.com',
  'mail.contoso.org',
  'globex.co.uk',
  'initech.io',
  'corp.fabrikam.net',
];

export function fakeName(r: Rng): { first: string; last: string } {
  return { first: r.pick(FIRST), last: r.pick(LAST) };
}

export function fakeEmail(r: Rng): string {
  const { first, last } = fakeName(r);
  const local = r.pick([
    `${first}.${last}`,
    `${first[0]}${last}`,
    `${first}_${last}${r.int(1, 99)}`,
    `${first}+billing`,
  ]);
  return `${local}@${r.pick(DOMAINS)}`;
}

export function fakePhone(r: Rng): string {
  const d = (n: number): string => r.chars(DIGITS, n);
  const nanp = (): string => `${r.int(2, 9)}${d(2)}`;
  switch (r.int(0, 7)) {
    case 0:
      return `+1 (${nanp()}) ${nanp()}-${d(4)}`;
    case 1:
      return `(${nanp()}) ${nanp()}-${d(4)}`;
    case 2:
      return `${nanp()}-${nanp()}-${d(4)}`;
    case 3:
      return `+44 20 ${d(4)} ${d(4)}`;
    case 4:
      return `+49 30 ${d(3)} ${d(4)}`;
    case 5:
      return `+33 ${r.int(1, 9)} ${d(2)} ${d(2)} ${d(2)} ${d(2)}`;
    case 6:
      return `+1${nanp()}${nanp()}${d(4)}`;
    default:
      return `0${r.int(1, 9)}${d(2)} ${d(4)} ${d(4)}`;
  }
}

function luhnCheckDigit(partial: string): number {
  let sum = 0;
  for (let i = 0; i < partial.length; i++) {
    let digit = Number(partial[partial.length - 1 - i]);
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return (10 - (sum % 10)) % 10;
}

function formatCard(r: Rng, digits: string): string {
  const style = r.int(0, 2);
  if (style === 0) return digits;
  const sep = style === 1 ? ' ' : '-';
  if (digits.length === 15) return [digits.slice(0, 4), digits.slice(4, 10), digits.slice(10)].join(sep);
  return digits.match(/.{1,4}/g)!.join(sep);
}

/** A Luhn-valid number from a real network range (Visa, Mastercard, Amex, Discover). */
export function fakeCardNumber(r: Rng): string {
  const [prefix, length] = r.pick([
    ['4', 16],
    ['4', 16],
    [`5${r.int(1, 5)}`, 16],
    [`22${r.int(21, 99)}`, 16],
    [`3${r.pick(['4', '7'])}`, 15],
    ['6011', 16],
  ] as const);
  const partial = prefix + r.chars(DIGITS, length - prefix.length - 1);
  return formatCard(r, partial + luhnCheckDigit(partial));
}

/** Card-shaped (network prefix, 16 digits, grouped) but failing Luhn: an order or reference number. */
export function fakeLuhnFailingNumber(r: Rng): string {
  const partial = `4${r.chars(DIGITS, 14)}`;
  const bad = (luhnCheckDigit(partial) + r.int(1, 9)) % 10;
  return formatCard(r, partial + bad);
}

function mod97(numeric: string): number {
  let rest = 0;
  for (const c of numeric) rest = (rest * 10 + Number(c)) % 97;
  return rest;
}

const IBAN_FORMATS: readonly (readonly [string, string])[] = [
  ['DE', 'n18'],
  ['GB', 'a4n14'],
  ['FR', 'n23'],
  ['NL', 'a4n10'],
  ['ES', 'n20'],
  ['IT', 'a1n22'],
];

/** An IBAN with correct length for its country and valid ISO 7064 mod 97-10 check digits. */
export function fakeIban(r: Rng): string {
  const [country, format] = r.pick(IBAN_FORMATS);
  let bban = '';
  for (const [, type, count] of format.matchAll(/([an])(\d+)/g))
    bban += r.chars(type === 'a' ? UPPER : DIGITS, Number(count));
  const numeric = (bban + country + '00').replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  const check = String(98 - mod97(numeric)).padStart(2, '0');
  const iban = country + check + bban;
  return r.chance(0.5) ? iban.match(/.{1,4}/g)!.join(' ') : iban;
}

const NINO_FIRST = 'ABCEGHJKLMNOPRSTWXYZ';
const NINO_SECOND = 'ABCEGHJKLMNPRSTWXYZ';
const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';

/** US SSN (issuable area), UK National Insurance number, or Spanish DNI with its check letter. */
export function fakeNationalId(r: Rng): string {
  switch (r.int(0, 2)) {
    case 0: {
      let area = r.int(1, 899);
      if (area === 666) area = 667;
      return `${String(area).padStart(3, '0')}-${String(r.int(1, 99)).padStart(2, '0')}-${String(r.int(1, 9999)).padStart(4, '0')}`;
    }
    case 1: {
      let prefix = r.pick([...NINO_FIRST]) + r.pick([...NINO_SECOND]);
      if (['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ'].includes(prefix)) prefix = 'AB';
      const digits = r.chars(DIGITS, 6);
      const suffix = r.pick(['A', 'B', 'C', 'D']);
      return r.chance(0.5)
        ? `${prefix}${digits}${suffix}`
        : `${prefix} ${digits.slice(0, 2)} ${digits.slice(2, 4)} ${digits.slice(4)} ${suffix}`;
    }
    default: {
      const number = r.int(10_000_000, 99_999_999);
      return `${number}${DNI_LETTERS[number % 23]}`;
    }
  }
}

// --- hard negatives ----------------------------------------------------------------------------------------

export function fakeUuid(r: Rng): string {
  const h = (n: number): string => r.chars(HEX, n);
  return `${h(8)}-${h(4)}-4${h(3)}-${r.pick(['8', '9', 'a', 'b'])}${h(3)}-${h(12)}`;
}

export const fakeGitSha = (r: Rng): string => r.chars(HEX, 40);
export const fakeShortSha = (r: Rng): string => r.chars(HEX, r.int(7, 12));
export const fakeSha256 = (r: Rng): string => r.chars(HEX, 64);
export const fakeMd5 = (r: Rng): string => r.chars(HEX, 32);
export const fakeBase64Blob = (r: Rng): string => r.bytes(r.int(30, 150)).toString('base64');
export const fakeIntegrity = (r: Rng): string => `sha512-${r.bytes(64).toString('base64')}`;

export function fakeSemver(r: Rng): string {
  const core = `${r.int(0, 12)}.${r.int(0, 40)}.${r.int(0, 30)}`;
  return r.pick([
    core,
    `v${core}`,
    `${core}-beta.${r.int(1, 9)}`,
    `^${core}`,
    `${core}+build.${r.int(1, 999)}`,
  ]);
}

export function fakeTimestamp(r: Rng): string {
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  const date = `${r.int(2019, 2025)}-${pad(r.int(1, 12))}-${pad(r.int(1, 28))}`;
  const time = `${pad(r.int(0, 23))}:${pad(r.int(0, 59))}:${pad(r.int(0, 59))}`;
  return r.pick([
    `${date}T${time}.${pad(r.int(0, 999), 3)}Z`,
    `${date}T${time}+0${r.int(0, 9)}:00`,
    `${date} ${time},${pad(r.int(0, 999), 3)}`,
    String(1_600_000_000 + r.int(0, 150_000_000)),
    String(1_600_000_000_000 + r.int(0, 150_000_000) * 1000 + r.int(0, 999)),
  ]);
}

export function fakeIpv4(r: Rng): string {
  return `${r.pick([10, 172, 192, 34, 52, 203])}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`;
}

export function fakeIpv6(r: Rng): string {
  return `2001:db8:${r.chars(HEX, 4)}:${r.chars(HEX, 4)}::${r.chars(HEX, r.int(1, 4))}`;
}

export function fakeUrl(r: Rng): string {
  return r.pick([
    `https://github.com/acme/${r.pick(['api', 'web', 'infra'])}/pull/${r.int(1, 9999)}`,
    `https://api.acme.test:8443/v1/orders?page=${r.int(1, 50)}&limit=100`,
    `http://${fakeIpv4(r)}:${r.int(1024, 65535)}/healthz`,
    `https://docs.example.com/guide/install#step-${r.int(1, 9)}`,
  ]);
}

export function fakeOrderNumber(r: Rng): string {
  return r.pick([
    `ORD-${r.int(2019, 2025)}-${r.chars(DIGITS, 6)}`,
    `#${r.chars(DIGITS, 8)}`,
    r.chars(DIGITS, r.int(9, 12)),
    `INV-${r.chars(DIGITS, 10)}`,
  ]);
}

export function fakeVersionString(r: Rng): string {
  return r.pick([
    `Python ${r.int(3, 3)}.${r.int(8, 13)}.${r.int(0, 9)}`,
    `node v${r.int(18, 24)}.${r.int(0, 20)}.${r.int(0, 9)}`,
    `build ${r.int(2022, 2025)}.${r.int(1, 12)}.${r.int(1, 28)}.${r.int(1, 9)}`,
    `PostgreSQL ${r.int(13, 17)}.${r.int(0, 6)}`,
    `Chrome/${r.int(100, 131)}.0.${r.int(1000, 6999)}.${r.int(10, 199)}`,
  ]);
}

/** `[name, value]` where the value sits in a secret's place but is not one. */
export function fakePlaceholderAssignment(r: Rng): readonly [string, string] {
  return r.pick([
    ['DB_PASSWORD', 'changeme'],
    ['API_TOKEN', '<your-token>'],
    ['CLIENT_SECRET', `\${CLIENT_SECRET}`],
    ['password', '********'],
    ['api_key', 'xxxxxxxxxxxxxxxxxxxx'],
    ['GITHUB_TOKEN', '{{ secrets.GITHUB_TOKEN }}'],
    ['secret_key', 'your_secret_key_here'],
    ['STRIPE_KEY', 'sk_live_xxxxxxxxxxxxxxxxxxxxxxxx'],
    ['token', 'REDACTED'],
    ['aws_access_key_id', 'AKIAIOSFODNN7EXAMPLE'],
    ['aws_secret_access_key', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
  ] as const);
}
