/**
 * Dev-part credentials, written from the providers' public format descriptions (and the public rule lists of
 * gitleaks/trufflehog read as facts: prefix, length, alphabet, checksum). Each carries the configuration key it
 * conventionally lives under, so templates can write it in their own syntax.
 */
import { crc32 } from 'node:zlib';
import {
  ALNUM,
  B64,
  B64URL,
  BASE32,
  HEX,
  LOWER_ALNUM,
  type Rng,
  UPPER,
  UPPER_ALNUM,
  UPPER_HEX,
} from '../rng.ts';

export interface Credential {
  readonly family: string;
  readonly kind: string;
  readonly value: string;
  /** The configuration key it is usually found under (templates re-case it). */
  readonly key: string;
  /** Recognisable from its own format, without the key next to it. */
  readonly standalone: boolean;
}

const cred = (family: string, kind: string, value: string, key: string, standalone = true): Credential => ({
  family,
  kind,
  value,
  key,
  standalone,
});

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
function base62(n: number, width: number): string {
  let out = '';
  let v = n >>> 0;
  while (v > 0) {
    out = BASE62[v % 62] + out;
    v = Math.floor(v / 62);
  }
  return out.padStart(width, '0');
}

/** GitHub's 2021 token format: prefix, 30 random base62 characters, then a CRC32 of them in 6 base62 digits. */
function githubToken(r: Rng, prefix: string): string {
  const body = r.chars(ALNUM, 30);
  return `${prefix}${body}${base62(crc32(body), 6)}`;
}

/** DER-ish bytes after a fixed ASN.1 header, base64: looks like a real key body, is random. */
export function derBody(r: Rng, header: number[], length: number): string {
  return Buffer.concat([Buffer.from(header), r.bytes(length - header.length)]).toString('base64');
}

export const PRIVATE_KEY_SHAPES = [
  // PKCS#1 RSA 2048: SEQUENCE (0x30 0x82 len) INTEGER 0 ...
  {
    label: 'RSA PRIVATE KEY',
    kind: 'pem-rsa',
    header: [0x30, 0x82, 0x04, 0xa4, 0x02, 0x01, 0x00, 0x02, 0x82, 0x01, 0x01, 0x00],
    bytes: 1192,
  },
  // PKCS#8 wrapping an RSA key: version 0, rsaEncryption OID.
  {
    label: 'PRIVATE KEY',
    kind: 'pem-pkcs8',
    header: [
      0x30, 0x82, 0x04, 0xbe, 0x02, 0x01, 0x00, 0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d,
      0x01, 0x01, 0x01, 0x05, 0x00,
    ],
    bytes: 1218,
  },
  // SEC 1 EC key, P-256.
  { label: 'EC PRIVATE KEY', kind: 'pem-ec', header: [0x30, 0x77, 0x02, 0x01, 0x01, 0x04, 0x20], bytes: 121 },
  // OpenSSH's own container: the magic string "openssh-key-v1\0".
  {
    label: 'OPENSSH PRIVATE KEY',
    kind: 'pem-openssh',
    header: [...Buffer.from('openssh-key-v1\0'), 0, 0, 0, 4],
    bytes: 399,
  },
  {
    label: 'ENCRYPTED PRIVATE KEY',
    kind: 'pem-encrypted',
    header: [0x30, 0x82, 0x05, 0x0e, 0x30, 0x40, 0x06, 0x09],
    bytes: 1298,
  },
] as const;

/** A PEM private key: the base64 body (what must not survive) and the armour around it. */
export function privateKey(
  r: Rng,
  kind?: string,
): { kind: string; begin: string; body: string; end: string } {
  const shape = PRIVATE_KEY_SHAPES.find((s) => s.kind === kind) ?? r.pick(PRIVATE_KEY_SHAPES);
  const body = derBody(r, [...shape.header], shape.bytes);
  return {
    kind: shape.kind,
    begin: `-----BEGIN ${shape.label}-----`,
    body: body.match(/.{1,64}/g)!.join('\n'),
    end: `-----END ${shape.label}-----`,
  };
}

function jwt(r: Rng): string {
  const alg = r.pick(['HS256', 'RS256', 'ES256']);
  const header = Buffer.from(
    JSON.stringify({ alg, typ: 'JWT', ...(alg === 'HS256' ? {} : { kid: r.chars(LOWER_ALNUM, 12) }) }),
  ).toString('base64url');
  const now = 1_700_000_000 + r.int(0, 60_000_000);
  const claims = {
    sub: r.pick([
      r.digits(9),
      `user_${r.chars(LOWER_ALNUM, 10)}`,
      `${r.chars(HEX, 8)}-${r.chars(HEX, 4)}-4${r.chars(HEX, 3)}-a${r.chars(HEX, 3)}-${r.chars(HEX, 12)}`,
    ]),
    iss: r.pick(['https://auth.example.com/', 'https://login.acme.io', 'accounts.internal']),
    aud: r.pick(['api', 'billing', 'https://api.example.com']),
    iat: now,
    exp: now + r.pick([900, 3600, 86400]),
    ...(r.chance(0.5) ? { scope: r.pick(['read:org repo', 'openid profile email', 'admin']) } : {}),
  };
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  const sigBytes = alg === 'HS256' ? 32 : alg === 'ES256' ? 64 : 256;
  return `${header}.${payload}.${r.bytes(sigBytes).toString('base64url')}`;
}

export const awsKeyId = (r: Rng): Credential =>
  cred('aws', 'aws-access-key-id', `AKIA${r.chars(BASE32, 16)}`, 'AWS_ACCESS_KEY_ID');
export const awsSecret = (r: Rng): Credential =>
  cred('aws', 'aws-secret-access-key', r.chars(B64, 40), 'AWS_SECRET_ACCESS_KEY', false);
export const npmToken = (r: Rng): Credential =>
  cred('npm', 'npm-access-token', `npm_${r.chars(ALNUM, 36)}`, 'NPM_TOKEN');

/** Provider tokens, each with the key name it is usually configured under. */
export const TOKEN_MAKERS: readonly ((r: Rng) => Credential)[] = [
  (r) => cred('github', 'github-classic-pat', githubToken(r, 'ghp_'), 'GITHUB_TOKEN'),
  (r) => cred('github', 'github-oauth', githubToken(r, 'gho_'), 'GH_OAUTH_TOKEN'),
  (r) => cred('github', 'github-app-user', githubToken(r, 'ghu_'), 'GITHUB_USER_TOKEN'),
  (r) => cred('github', 'github-app-installation', githubToken(r, 'ghs_'), 'GITHUB_APP_TOKEN'),
  (r) => cred('github', 'github-refresh', githubToken(r, 'ghr_'), 'GITHUB_REFRESH_TOKEN'),
  (r) =>
    cred(
      'github',
      'github-fine-grained',
      `github_pat_11${r.chars(UPPER_ALNUM, 20)}_${r.chars(ALNUM, 59)}`,
      'GH_TOKEN',
    ),
  (r) => cred('gitlab', 'gitlab-pat', `glpat-${r.chars(B64URL, 20)}`, 'GITLAB_TOKEN'),
  (r) =>
    cred(
      'gitlab',
      'gitlab-pat-routable',
      `glpat-${r.chars(B64URL, 27 + r.int(0, 20))}.${r.chars(LOWER_ALNUM, 9)}`,
      'GITLAB_TOKEN',
    ),
  (r) => cred('gitlab', 'gitlab-trigger', `glptt-${r.chars(HEX, 40)}`, 'CI_TRIGGER_TOKEN'),
  (r) => cred('gitlab', 'gitlab-runner', `glrt-${r.chars(B64URL, 20)}`, 'RUNNER_TOKEN'),
  (r) => cred('gitlab', 'gitlab-deploy', `gldt-${r.chars(B64URL, 20)}`, 'DEPLOY_TOKEN'),
  (r) =>
    cred('gitlab', 'gitlab-runner-registration', `GR1348941${r.chars(B64URL, 20)}`, 'REGISTRATION_TOKEN'),
  (r) =>
    cred(
      'slack',
      'slack-bot',
      `xoxb-${r.digits(r.int(10, 13))}-${r.digits(r.int(10, 13))}-${r.chars(ALNUM, 24)}`,
      'SLACK_BOT_TOKEN',
    ),
  (r) =>
    cred(
      'slack',
      'slack-user',
      `xoxp-${r.digits(11)}-${r.digits(11)}-${r.digits(13)}-${r.chars(HEX, 32)}`,
      'SLACK_USER_TOKEN',
    ),
  (r) =>
    cred(
      'slack',
      'slack-app',
      `xapp-1-A${r.chars(UPPER_ALNUM, 10)}-${r.digits(13)}-${r.chars(HEX, 64)}`,
      'SLACK_APP_TOKEN',
    ),
  (r) =>
    cred('stripe', 'stripe-secret-live', `sk_live_${r.chars(ALNUM, r.pick([24, 99]))}`, 'STRIPE_SECRET_KEY'),
  (r) =>
    cred('stripe', 'stripe-restricted-live', `rk_live_${r.chars(ALNUM, r.pick([24, 99]))}`, 'STRIPE_API_KEY'),
  (r) => cred('stripe', 'stripe-webhook-secret', `whsec_${r.chars(ALNUM, 32)}`, 'STRIPE_WEBHOOK_SECRET'),
  awsKeyId,
  (r) => cred('aws', 'aws-temporary-key-id', `ASIA${r.chars(BASE32, 16)}`, 'AWS_ACCESS_KEY_ID'),
  awsSecret,
  (r) => cred('gcp', 'gcp-api-key', `AIza${r.chars(B64URL, 35)}`, 'GOOGLE_API_KEY'),
  (r) =>
    cred('azure', 'azure-storage-account-key', r.bytes(64).toString('base64'), 'AZURE_STORAGE_KEY', false),
  (r) =>
    cred(
      'azure',
      'azure-ad-client-secret',
      `${r.chars(ALNUM + '_~.', 3)}${r.int(7, 8)}Q~${r.chars(ALNUM + '_~.-', 34)}`,
      'AZURE_CLIENT_SECRET',
    ),
  (r) => {
    const kind = r.pick(['proj', 'svcacct', 'admin']);
    const n = r.pick([74, 58]);
    return cred(
      'openai',
      `openai-${kind}`,
      `sk-${kind}-${r.chars(B64URL, n)}T3BlbkFJ${r.chars(B64URL, n)}`,
      'OPENAI_API_KEY',
    );
  },
  (r) =>
    cred(
      'openai',
      'openai-legacy',
      `sk-${r.chars(ALNUM, 20)}T3BlbkFJ${r.chars(ALNUM, 20)}`,
      'OPENAI_API_KEY',
    ),
  (r) => cred('anthropic', 'anthropic-api', `sk-ant-api03-${r.chars(B64URL, 93)}AA`, 'ANTHROPIC_API_KEY'),
  (r) =>
    cred('anthropic', 'anthropic-admin', `sk-ant-admin01-${r.chars(B64URL, 93)}AA`, 'ANTHROPIC_ADMIN_KEY'),
  npmToken,
  (r) =>
    cred(
      'pypi',
      'pypi-upload-token',
      `pypi-${Buffer.concat([Buffer.from([2, 1, 8]), Buffer.from('pypi.org'), Buffer.from([2, 0x25]), r.bytes(r.int(110, 140))]).toString('base64url')}`,
      'PYPI_TOKEN',
    ),
  (r) => cred('twilio', 'twilio-api-key', `SK${r.chars(HEX, 32)}`, 'TWILIO_API_KEY'),
  (r) => cred('twilio', 'twilio-auth-token', r.chars(HEX, 32), 'TWILIO_AUTH_TOKEN', false),
  (r) =>
    cred(
      'sendgrid',
      'sendgrid-api-key',
      `SG.${r.chars(B64URL, 22)}.${r.chars(B64URL, 43)}`,
      'SENDGRID_API_KEY',
    ),
  (r) => cred('mailgun', 'mailgun-private-key', `key-${r.chars(HEX, 32)}`, 'MAILGUN_API_KEY'),
  (r) =>
    cred(
      'mailgun',
      'mailgun-api-key',
      `${r.chars(HEX, 32)}-${r.chars(HEX, 8)}-${r.chars(HEX, 8)}`,
      'MAILGUN_API_KEY',
      false,
    ),
  (r) => {
    const prefix = r.pick(['shpat', 'shpca', 'shppa', 'shpss']);
    return cred('shopify', `shopify-${prefix}`, `${prefix}_${r.chars(HEX, 32)}`, 'SHOPIFY_ACCESS_TOKEN');
  },
  (r) =>
    cred(
      'atlassian',
      'atlassian-api-token',
      `ATATT3xFfGF0${r.chars(B64URL, 171)}=${r.chars(UPPER_HEX, 8)}`,
      'JIRA_API_TOKEN',
    ),
  (r) => cred('datadog', 'datadog-api-key', r.chars(HEX, 32), 'DD_API_KEY', false),
  (r) => cred('datadog', 'datadog-app-key', r.chars(HEX, 40), 'DD_APP_KEY', false),
  (r) => cred('jwt', 'jwt', jwt(r), 'ACCESS_TOKEN'),
];

/** Generic secrets under a suggestive key: their value has no format of its own. */
const SECRET_KEYS = [
  'password',
  'db_password',
  'DB_PASSWORD',
  'passwd',
  'pwd',
  'secret',
  'client_secret',
  'api_key',
  'apiKey',
  'SECRET_KEY',
  'auth_token',
  'REDIS_PASSWORD',
  'admin_password',
  'smtp_password',
  'encryption_key',
  'signing_secret',
  // Other languages' words for password, as configuration keys are written in them.
  'passwort',
  'db_kennwort',
  'mot_de_passe',
  'senha',
  'contrasena',
  'wachtwoord',
];
const LOCAL_PASSWORD = ['passwort', 'kennwort', 'mot_de_passe', 'senha', 'contrasena', 'wachtwoord'];
const WORDS = [
  'orbit',
  'maple',
  'quartz',
  'lantern',
  'ember',
  'falcon',
  'harbor',
  'tundra',
  'velvet',
  'cobalt',
  'meadow',
  'saffron',
];
const SYMBOLS = '!@#$%^&*_-+=.?~';

export function genericSecret(r: Rng): Credential {
  const key = r.pick(SECRET_KEYS);
  const shape = r.int(0, 5);
  const value =
    shape === 0
      ? r.chars(ALNUM + SYMBOLS, r.int(12, 24))
      : shape === 1
        ? r.chars(HEX, r.pick([32, 64]))
        : shape === 2
          ? r.bytes(r.pick([24, 32, 48])).toString('base64')
          : shape === 3
            ? `${r.pick(WORDS)}-${r.pick(WORDS)}-${r.pick(WORDS)}-${r.digits(2)}`
            : shape === 4
              ? r.chars(ALNUM, r.int(16, 40))
              : `${r.chars(UPPER, 1)}${r.chars(LOWER_ALNUM, r.int(6, 10))}${r.pick([...SYMBOLS])}${r.digits(r.int(2, 4))}`;
  return cred(
    key.toLowerCase().includes('pass') || key === 'pwd' || LOCAL_PASSWORD.some((w) => key.endsWith(w))
      ? 'password'
      : 'generic-secret',
    `assignment-${shape}`,
    value,
    key,
    false,
  );
}

/** A password for a connection URL, often holding characters that are reserved in URLs. */
export function urlPassword(r: Rng): string {
  const reserved = '@:/#?%&+ $!';
  let pw = r.chars(ALNUM, r.int(8, 18));
  const n = r.int(0, 3);
  for (let i = 0; i < n; i++) {
    const at = r.int(1, pw.length - 1);
    pw = pw.slice(0, at) + r.pick([...reserved]) + pw.slice(at);
  }
  return pw;
}

export const USERS = [
  'app',
  'admin',
  'svc_billing',
  'deploy',
  'postgres',
  'root',
  'etl_reader',
  'grafana',
  'jenkins',
];
export const HOSTS = [
  'db.internal',
  'pg-prod-2.cluster.local',
  '10.0.3.17',
  'mysql.corp.example.com',
  'redis-0.redis',
  'mongo-a.example.net',
];
