/**
 * Fake credentials for the redaction tests, in the real formats but assembled at runtime from a seeded
 * generator, so no secret-shaped literal sits in the repository (secret scanners and push protection stay
 * quiet, and nobody mistakes a fixture for a leak). Test-only; not exported from the kit.
 */

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
const ALNUM = `${UPPER}${LOWER}${DIGITS}`;
const HEX = '0123456789abcdef';

/** Deterministic pseudo-random characters; different seeds give different strings. */
export function chars(length: number, seed: number, alphabet = ALNUM): string {
  let state = (seed * 2654435761) >>> 0 || 1;
  let out = '';
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out += alphabet[(state >>> 8) % alphabet.length];
  }
  return out;
}

const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

export const fake = {
  awsAccessKey: (seed = 1) => `AK${'IA'}${chars(16, seed, `${UPPER}234567`)}`,
  awsSessionKey: (seed = 2) => `AS${'IA'}${chars(16, seed, `${UPPER}234567`)}`,
  awsSecretKey: (seed = 3) => chars(40, seed, `${ALNUM}/+`),
  gcpApiKey: (seed = 4) => `AI${'za'}${chars(35, seed, `${ALNUM}-_`)}`,
  azureKey: (seed = 5) => `${chars(86, seed, `${ALNUM}+/`)}==`,
  githubClassic: (seed = 6, prefix = 'ghp') => `${prefix}_${chars(36, seed)}`,
  githubFineGrained: (seed = 7) => `github_${'pat'}_${chars(22, seed)}_${chars(59, seed + 1)}`,
  gitlab: (seed = 8) => `gl${'pat'}-${chars(20, seed)}`,
  slackBot: (seed = 9) =>
    `xo${'xb'}-${chars(11, seed, DIGITS)}-${chars(13, seed + 1, DIGITS)}-${chars(24, seed)}`,
  slackWebhookPath: (seed = 10) =>
    `T${chars(8, seed, UPPER)}/B${chars(10, seed + 1, UPPER)}/${chars(24, seed)}`,
  stripe: (seed = 11, prefix = 'sk_live') => `${prefix}_${chars(24, seed)}`,
  npm: (seed = 12) => `np${'m'}_${chars(36, seed)}`,
  openAiProject: (seed = 13) => `sk-${'proj'}-${chars(74, seed)}T3BlbkFJ${chars(74, seed + 1)}`,
  anthropic: (seed = 14) => `sk-${'ant'}-api03-${chars(93, seed, `${ALNUM}-_`)}AA`,
  sendgrid: (seed = 15) => `S${'G'}.${chars(22, seed)}.${chars(43, seed + 1)}`,
  twilio: (seed = 16) => `S${'K'}${chars(32, seed, HEX)}`,
  jwt: (seed = 17) =>
    `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ sub: `user-${seed}`, iat: 1_700_000_000 + seed })}.${chars(43, seed, `${ALNUM}-_`)}`,
  privateKey: (seed = 18, label = 'RSA PRIVATE KEY') => {
    const body = `MIIEow${chars(250, seed, `${ALNUM}+/`)}`.match(/.{1,64}/g)!.join('\n');
    return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----`;
  },
  opaque: (seed = 19, length = 32) => chars(length, seed),
};

/** Every single-digit change of a valid number (the error each check digit exists to catch). */
export function oneDigitOff(value: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c < '0' || c > '9') continue;
    out.push(value.slice(0, i) + String((Number(c) + 1) % 10) + value.slice(i + 1));
  }
  return out;
}
