/**
 * HELD-OUT PART — redact-engine (and anyone improving the detectors) must not read the files in this folder.
 *
 * Hard negatives of other shapes than the dev part's: identifiers with valid check digits that are not personal
 * data (ISBN, EAN), database ids, digests, public keys in other containers, placeholders in other styles.
 */
import { negative, type Span } from '../builder.ts';
import { luhnDigit, luhnValid, verhoeffDigit, weightedSum } from '../checksums.ts';
import { ALNUM, B64URL, DIGITS, HEX, LOWER_ALNUM, type Rng } from '../rng.ts';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export const ulid = (r: Rng): Span =>
  negative(
    'ulid',
    `01${r.chars('0123456789ABCDEFGHJKMNPQRSTVWXYZ'.slice(0, 16), 8)}${r.chars(CROCKFORD, 16)}`,
  );
export const objectId = (r: Rng): Span => negative('object-id', r.chars(HEX, 24));
export const imageDigest = (r: Rng): Span => negative('image-digest', `sha256:${r.chars(HEX, 64)}`);
export const snowflake = (r: Rng): Span => {
  let id = `1${r.chars(DIGITS, 18)}`;
  if (luhnValid(id)) id = id.slice(0, -1) + ((Number(id.at(-1)) + 1) % 10);
  return negative('snowflake-id', id);
};
export const pseudoVersion = (r: Rng): Span =>
  negative(
    'go-pseudo-version',
    `v0.0.0-2024${String(r.int(1, 12)).padStart(2, '0')}${String(r.int(10, 28))}${r.digits(6)}-${r.chars(HEX, 12)}`,
  );
export const macAddress = (r: Rng): Span =>
  negative(
    'mac-address',
    Array.from({ length: 6 }, () => r.chars(HEX, 2))
      .join(r.pick([':', '-']))
      .toUpperCase(),
  );
export const buildNumber = (r: Rng): Span =>
  negative('windows-build', `10.0.${r.int(17000, 26000)}.${r.int(1, 5000)}`);
export const coordinates = (r: Rng): Span =>
  negative('coordinates', `${r.int(-60, 70)}.${r.digits(6)}, ${r.int(-170, 170)}.${r.digits(6)}`);
export const amount = (r: Rng): Span =>
  negative('amount', `${r.int(1, 999)},${r.digits(3)},${r.digits(3)}.${r.digits(2)}`);

/** ISBN-13 with its real check digit (weights 1,3): a book, not a card. */
export function isbn(r: Rng): Span {
  const payload = `978${r.int(0, 1)}${r.digits(8)}`;
  const check = (10 - (weightedSum(payload, [1, 3, 1, 3, 1, 3, 1, 3, 1, 3, 1, 3]) % 10)) % 10;
  const v = payload + check;
  return negative(
    'isbn',
    r.chance(0.5) ? `${v.slice(0, 3)}-${v.slice(3, 4)}-${v.slice(4, 8)}-${v.slice(8, 12)}-${v.slice(12)}` : v,
  );
}

/** EAN-13 product barcodes with a valid check digit. */
export function ean(r: Rng): Span {
  const payload = `${r.pick(['40', '50', '76', '87', '89'])}${r.digits(10)}`;
  const check = (10 - (weightedSum(payload, [1, 3, 1, 3, 1, 3, 1, 3, 1, 3, 1, 3]) % 10)) % 10;
  return negative('ean', payload + check);
}

/** A UPS-style tracking number. */
export const tracking = (r: Rng): Span =>
  negative('tracking-number', `1Z${r.chars('0123456789ABCDEFGHJKLMNPRSTUVWXYZ', 6)}${r.digits(10)}`);

/** Look-alikes whose check digits fail. */
export function invalidLookalike(r: Rng): Span {
  switch (r.int(0, 3)) {
    case 0: {
      const payload = `3${r.pick(['4', '7'])}${r.digits(12)}`;
      return negative('luhn-invalid', `${payload}${(luhnDigit(payload) + r.int(1, 9)) % 10}`, 'amex-shaped');
    }
    case 1: {
      const payload = `${r.int(2, 9)}${r.digits(10)}`;
      const bad = (verhoeffDigit(payload) + r.int(1, 9)) % 10;
      const v = payload + bad;
      return negative(
        'verhoeff-invalid',
        `${v.slice(0, 4)} ${v.slice(4, 8)} ${v.slice(8)}`,
        'aadhaar-shaped',
      );
    }
    case 2:
      return negative(
        'ssn-invalid',
        `${r.pick(['000', '666', `9${r.digits(2)}`])}-${r.digits(2)}-${r.digits(4)}`,
      );
    default: {
      const nine = r.digits(9);
      const dv = (s: string) =>
        ((weightedSum(
          s,
          [...Array(s.length)].map((_, i) => s.length + 1 - i),
        ) *
          10) %
          11) %
        10;
      const c1 = dv(nine);
      const c2 = (dv(nine + c1) + r.int(1, 9)) % 10;
      const v = `${nine}${c1}${c2}`;
      return negative('cpf-invalid', `${v.slice(0, 3)}.${v.slice(3, 6)}.${v.slice(6, 9)}-${v.slice(9)}`);
    }
  }
}

export const HELD_OUT_PLACEHOLDERS = [
  '{{ password }}',
  '%(db_password)s',
  '$(cat /run/secrets/db_password)',
  '<insert token>',
  '<INSERT_API_KEY_HERE>',
  '***',
  '••••••••',
  '[hidden]',
  '<SECRET>',
  'sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  'hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  'AKIAXXXXXXXXXXXXXXXX',
  'dop_v1_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  'YOUR-TOKEN-GOES-HERE',
  'Your_Secret_Here',
  'none',
  '$${{ env.TOKEN }}',
  'env:API_KEY',
  'vault:secret/data/app#password',
  'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf',
];

export const placeholderHeldOut = (r: Rng): Span => negative('placeholder', r.pick(HELD_OUT_PLACEHOLDERS));

export const HELD_OUT_PROSE = [
  'I changed my password yesterday but the app still asks for the old one.',
  'Tokens are scoped per project and can be revoked from the settings page.',
  'Please do not paste your API key into support tickets.',
  'The credentials rotate automatically every 30 days.',
  'Two-factor authentication replaces the SMS code with a one-time password.',
  'We store only a salted hash of each password (argon2id, 64 MiB, 3 passes).',
  'Access keys older than 90 days are flagged in the weekly report.',
  'Forgot password? Enter your email and we will send a reset link.',
];

export const proseHeldOut = (r: Rng): Span => negative('prose', r.pick(HELD_OUT_PROSE));

/** Public keys in other containers: age recipients, OpenPGP public blocks, JWKS moduli. */
export function publicKeyHeldOut(r: Rng): Span {
  switch (r.int(0, 2)) {
    case 0:
      return negative('age-public-key', `age1${r.chars('qpzry9x8gf2tvdw0s3jn54khce6mua7l', 58)}`);
    case 1:
      return negative('jwks-modulus', r.bytes(256).toString('base64url'));
    default:
      return negative('pgp-public-key', `mQINBG${r.bytes(300).toString('base64')}`);
  }
}

/** Base64 that is data: gzip (H4sI…), WOFF2 fonts (d09GMg…), source maps. */
export function base64DataHeldOut(r: Rng): Span {
  switch (r.int(0, 2)) {
    case 0:
      return negative(
        'base64-gzip',
        Buffer.concat([
          Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 3]),
          r.bytes(r.int(100, 600)),
        ]).toString('base64'),
      );
    case 1:
      return negative(
        'base64-font',
        Buffer.concat([Buffer.from('wOF2'), Buffer.from([0, 1, 0, 0]), r.bytes(r.int(200, 800))]).toString(
          'base64',
        ),
      );
    default:
      return negative(
        'base64-sourcemap',
        Buffer.from(
          JSON.stringify({
            version: 3,
            file: 'app.js',
            sources: ['src/app.ts'],
            mappings: r.chars(`${ALNUM};,`, r.int(80, 300)),
          }),
        ).toString('base64'),
      );
  }
}

export const etag = (r: Rng): Span =>
  negative('etag', `W/"${r.chars(LOWER_ALNUM, 8)}-${r.chars(B64URL, 27)}"`);
