/**
 * Hard negatives: values that look like secrets or personal data to a careless detector and must come out
 * unchanged. Shared by both parts (their document templates differ); the held-out part adds its own.
 */
import { negative, type Span } from './builder.ts';
import { ibanCheck, luhnDigit, luhnValid } from './checksums.ts';
import { ALNUM, B64URL, DIGITS, HEX, type Rng, UPPER } from './rng.ts';

export const uuid = (r: Rng): string => {
  const h = r.chars(HEX, 32);
  const v = `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[r.int(0, 3)]}${h.slice(17, 20)}-${h.slice(20)}`;
  return r.chance(0.15) ? v.toUpperCase() : v;
};

export const ipv4 = (r: Rng): string =>
  r.pick([
    `10.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`,
    `192.168.${r.int(0, 255)}.${r.int(1, 254)}`,
    `${r.int(11, 223)}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`,
  ]);

export const ipv6 = (r: Rng): string =>
  r.pick([
    `2001:db8:${r.chars(HEX, 4)}:${r.chars(HEX, 4)}::${r.chars(HEX, r.int(1, 4))}`,
    `fe80::${r.chars(HEX, 4)}:${r.chars(HEX, 2)}ff:fe${r.chars(HEX, 2)}:${r.chars(HEX, 4)}`,
    `2a02:${r.chars(HEX, 4)}:${r.chars(HEX, 4)}:${r.chars(HEX, 4)}:${r.chars(HEX, 4)}:${r.chars(HEX, 4)}:${r.chars(HEX, 4)}:${r.chars(HEX, 4)}`,
  ]);

export const isoTime = (r: Rng): string => {
  const t = new Date(Date.UTC(2023, 0, 1) + r.int(0, 700 * 86400) * 1000 + r.int(0, 999));
  return r.chance(0.5) ? t.toISOString() : t.toISOString().replace('T', ' ').slice(0, 19);
};

export const semver = (r: Rng): string =>
  r.pick([
    `${r.int(0, 12)}.${r.int(0, 40)}.${r.int(0, 30)}`,
    `v${r.int(1, 5)}.${r.int(0, 20)}.${r.int(0, 9)}`,
    `${r.int(1, 3)}.${r.int(0, 9)}.${r.int(0, 9)}-rc.${r.int(1, 4)}`,
    `${r.int(1, 20)}.${r.int(0, 9)}.${r.int(0, 9)}+build.${r.int(100, 9999)}`,
  ]);

/** A numeric id; at card lengths it is kept Luhn-invalid, since a Luhn-valid one is indistinguishable from a card. */
export const numericId = (r: Rng): string => {
  const n = r.pick([6, 7, 8, 9, 10, 12, 18, 19]);
  let id = String(r.int(1, 9)) + r.chars(DIGITS, n - 1);
  if (n >= 13 && luhnValid(id)) id = id.slice(0, -1) + ((Number(id.at(-1)) + 1) % 10);
  return id;
};

export const gitSha = (r: Rng): string => r.chars(HEX, 40);
export const shortSha = (r: Rng): string => r.chars(HEX, r.int(7, 12));
export const sha256 = (r: Rng): string => r.chars(HEX, 64);
export const md5 = (r: Rng): string => r.chars(HEX, 32);

/** A card-shaped number whose Luhn check fails. */
export function luhnInvalid(r: Rng): string {
  const payload = r.pick(['4', '5', '37']) + r.chars(DIGITS, 14);
  const digits = payload.slice(0, 15) + ((luhnDigit(payload.slice(0, 15)) + r.int(1, 9)) % 10);
  return r.chance(0.5) ? digits.match(/.{4}/g)!.join(' ') : digits;
}

/** A well-formed IBAN with wrong check digits. */
export function ibanInvalid(r: Rng): string {
  const country = r.pick(['DE', 'FR', 'NL', 'GB', 'ES']);
  const bban =
    country === 'NL' || country === 'GB'
      ? r.chars(UPPER, 4) + r.chars(DIGITS, country === 'NL' ? 10 : 14)
      : r.chars(DIGITS, country === 'FR' ? 23 : 18 + (country === 'ES' ? 2 : 0));
  const good = Number(ibanCheck(country, bban));
  const bad = String(((good + r.int(1, 90) - 2) % 97) + 2).padStart(2, '0');
  const compact = country + (bad === ibanCheck(country, bban) ? '00' : bad) + bban;
  return r.chance(0.5) ? compact.match(/.{1,4}/g)!.join(' ') : compact;
}

/** Placeholders as people write them, in every casing. */
export const PLACEHOLDERS = [
  '<YOUR_TOKEN>',
  '<your-api-key>',
  '<Your API Key>',
  'YOUR_API_KEY_HERE',
  'your-api-key-here',
  'your_password_here',
  'xxxxxxxxxxxxxxxxxxxx',
  'XXXXXXXXXXXXXXXXXXXXXXXX',
  'changeme',
  'CHANGEME',
  'ChangeMe',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal environment reference, the placeholder itself
  '${DB_PASSWORD}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal environment reference, the placeholder itself
  '${SECRET_KEY}',
  '$API_TOKEN',
  '{{ secrets.GITHUB_TOKEN }}',
  '{{ .Values.db.password }}',
  '********',
  '<redacted>',
  'REPLACE_ME',
  'replace-with-your-key',
  'sk_test_EXAMPLEKEY0000000000000000',
  'sk_live_XXXXXXXXXXXXXXXXXXXXXXXX',
  'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  'glpat-xxxxxxxxxxxxxxxxxxxx',
  'AKIAIOSFODNN7EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'xoxb-your-bot-token',
  'sk-...',
  '<PASSWORD>',
  'TODO',
  'placeholder',
  'example-secret',
  'dummy-token',
  '%API_KEY%',
];

/** Sentences about secrets that contain none. */
export const PROSE = [
  'Passwords must be at least 12 characters long and contain a symbol.',
  'Rotate the API key every 90 days; the old key keeps working for 24 hours.',
  'If you forgot your password, use the reset link on the sign-in page.',
  'The token is sent in the Authorization header as a bearer token.',
  'Never commit secrets: store the password in the vault and reference it by name.',
  'Set DB_PASSWORD in the environment before starting the service.',
  'The secret key is generated on first start and kept in /var/lib/app/secret.',
  'Error: password authentication failed for user "app".',
  'Your session token expired; please sign in again.',
  'Use a personal access token with the repo scope instead of your account password.',
];

/** Base64 of bytes that begin like a PNG (signature + IHDR): an inline image, not a secret. */
export function pngBase64(r: Rng): string {
  const header = Buffer.from([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
  ]);
  return Buffer.concat([header, r.bytes(r.int(120, 900))]).toString('base64');
}

/** Base64 of protobuf-framed bytes (field tags, varints), as page tokens and gRPC payloads look. */
export function protobufBase64(r: Rng): string {
  const parts: number[] = [];
  for (let i = 0; i < r.int(3, 8); i++) {
    parts.push((r.int(1, 9) << 3) | 2);
    const len = r.int(2, 14);
    parts.push(len);
    for (let j = 0; j < len; j++) parts.push(r.pick([...Buffer.from(ALNUM)]));
    parts.push((r.int(1, 9) << 3) | 0, r.int(1, 127));
  }
  return Buffer.from(parts).toString(r.chance(0.5) ? 'base64' : 'base64url');
}

/** The body of an SSH public key line (`ssh-ed25519 AAAA…`). */
export function sshPublicKey(r: Rng): string {
  if (r.chance(0.5)) {
    const blob = Buffer.concat([
      Buffer.from([0, 0, 0, 11]),
      Buffer.from('ssh-ed25519'),
      Buffer.from([0, 0, 0, 32]),
      r.bytes(32),
    ]);
    return `ssh-ed25519 ${blob.toString('base64')}`;
  }
  const blob = Buffer.concat([
    Buffer.from([0, 0, 0, 7]),
    Buffer.from('ssh-rsa'),
    Buffer.from([0, 0, 0, 3, 1, 0, 1, 0, 0, 1, 1, 0]),
    r.bytes(256),
  ]);
  return `ssh-rsa ${blob.toString('base64')}`;
}

/** A PEM certificate or public key body (public by design). */
export function publicPem(r: Rng): { begin: string; body: string; end: string } {
  const cert = r.chance(0.5);
  const header = cert
    ? [0x30, 0x82, 0x03, 0x5d, 0x30, 0x82, 0x02, 0x45, 0xa0, 0x03, 0x02, 0x01, 0x02]
    : [
        0x30, 0x82, 0x01, 0x22, 0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01,
        0x05, 0x00, 0x03, 0x82, 0x01, 0x0f, 0x00,
      ];
  const body = Buffer.concat([Buffer.from(header), r.bytes(cert ? 860 : 270)]).toString('base64');
  const label = cert ? 'CERTIFICATE' : 'PUBLIC KEY';
  return {
    begin: `-----BEGIN ${label}-----`,
    body: body.match(/.{1,64}/g)!.join('\n'),
    end: `-----END ${label}-----`,
  };
}

/** Subresource-integrity / npm lockfile hash. */
export const integrity = (r: Rng): string => `sha512-${r.bytes(64).toString('base64')}`;

/** A Stripe publishable key: public by design, meant for browser code. */
export const stripePublishable = (r: Rng): string => `pk_live_${r.chars(ALNUM, r.pick([24, 99]))}`;

/** One labelled negative of a random family (for filler that needs "something id-like" here). */
export function anyIdNegative(r: Rng): Span {
  switch (r.int(0, 7)) {
    case 0:
      return negative('uuid', uuid(r));
    case 1:
      return negative('git-sha', gitSha(r));
    case 2:
      return negative('sha256', sha256(r));
    case 3:
      return negative('numeric-id', numericId(r));
    case 4:
      return negative('version', semver(r));
    case 5:
      return negative('md5', md5(r));
    case 6:
      return negative('short-sha', shortSha(r));
    default:
      return negative('request-id', r.chars(B64URL, 22), 'request-id-base64url');
  }
}
