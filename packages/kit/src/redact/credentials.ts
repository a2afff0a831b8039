import { type Detector, patternDetector, suffixGroup } from './detector.ts';
import { isPlaceholder, isPlaceholderToken } from './placeholders.ts';

/**
 * Credentials with a vendor prefix or a fixed shape. Every pattern starts with a literal, so the regex engine
 * skips ahead to candidates instead of trying each position; every quantifier is bounded.
 */

const hasDigit = /\d/;
const mixedCase = /[a-z]/;
const upperCase = /[A-Z]/;

/** Random vendor bodies mix digits and both cases; a hyphenated word that happens to follow `sk-` does not. */
function looksRandom(body: string): boolean {
  return hasDigit.test(body) && mixedCase.test(body) && upperCase.test(body);
}

/**
 * AWS access key ids. Ids ending in `EXAMPLE` (the documentation pair `AKIAIOSFODNN7EXAMPLE` /
 * `wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`) are published examples, not secrets, and docs quote them
 * constantly; a real id is base32 and ends in `EXAMPLE` with odds of about 1 in 34 billion.
 */
const awsAccessKey = patternDetector(['aws_access_key'], /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g, (m) =>
  m[0].endsWith('EXAMPLE') ? undefined : 'aws_access_key',
);

const gcpApiKey = patternDetector(['gcp_api_key'], /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g, (m) =>
  isPlaceholderToken(m[0].slice(4)) ? undefined : 'gcp_api_key',
);

/** Storage / Service Bus keys in connection strings, and the signature of a SAS URL. */
const azureKey = patternDetector(
  ['azure_storage_key'],
  /(?:\b(?:AccountKey|SharedAccessKey)=|[?&]sig=)([A-Za-z0-9%+/]{30,120}(?:%3D|=){0,2})/g,
  (m, _text, range) => {
    suffixGroup(m[1], range);
    return isPlaceholderToken(m[1] ?? '') ? undefined : 'azure_storage_key';
  },
);

/** Prefix-anchored tokens whose body only has to be non-placeholder. */
function prefixed(kind: string, pattern: RegExp, prefixLength: number, needsDigit = false): Detector {
  return patternDetector([kind], pattern, (m) => {
    const body = m[0].slice(prefixLength);
    if (isPlaceholderToken(body)) return undefined;
    if (needsDigit && !hasDigit.test(body)) return undefined;
    return kind;
  });
}

const githubToken = prefixed(
  'github_token',
  /(?<![A-Za-z0-9])(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{22,255})(?![A-Za-z0-9])/g,
  4,
);
const gitlabToken = prefixed(
  'gitlab_token',
  /(?<![A-Za-z0-9])(?:glpat|gldt|glrt|glptt|glft|glsoat|glcbt|gloas)-[A-Za-z0-9_-]{20,100}/g,
  6,
);
const stripeKey = prefixed('stripe_key', /(?<![A-Za-z0-9])[rs]k_(?:live|test)_[A-Za-z0-9]{16,247}/g, 8);
const npmToken = prefixed('npm_token', /(?<![A-Za-z0-9])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])/g, 4);
const sendgridKey = prefixed(
  'sendgrid_key',
  /(?<![A-Za-z0-9])SG\.[A-Za-z0-9_-]{16,32}\.[A-Za-z0-9_-]{16,64}/g,
  3,
);
/** Twilio API key SIDs (`SK` + 32 hex); the auth token itself is caught by assignment context. */
const twilioKey = prefixed('twilio_key', /(?<![A-Za-z0-9])SK[0-9a-fA-F]{32}(?![A-Za-z0-9])/g, 2, true);

/** Bot/user/app tokens, and the secret path of incoming-webhook URLs (the host stays visible). */
const slackToken = patternDetector(
  ['slack_token'],
  /(?<![A-Za-z0-9])(?:xox[abposr]|xapp)-[A-Za-z0-9-]{10,250}|hooks\.slack\.com\/(?:services|workflows|triggers)\/([A-Za-z0-9_/-]{20,200})/g,
  (m, _text, range) => {
    suffixGroup(m[1], range);
    const body = m[1] ?? m[0].slice(5);
    return hasDigit.test(body) && !isPlaceholderToken(body) ? 'slack_token' : undefined;
  },
);

/** OpenAI (`sk-`, `sk-proj-`, …) and Anthropic (`sk-ant-api03-…`) keys share a prefix; the kind is decided here. */
const llmKey = patternDetector(
  ['openai_key', 'anthropic_key'],
  /(?<![A-Za-z0-9])sk-(?:ant-[a-z]{2,8}\d{0,3}-[A-Za-z0-9_-]{20,250}|(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,250})/g,
  (m) => {
    const anthropic = m[0].startsWith('sk-ant-');
    const body = m[0].slice(anthropic ? 7 : 3);
    if (!looksRandom(body) || isPlaceholderToken(body)) return undefined;
    return anthropic ? 'anthropic_key' : 'openai_key';
  },
);

/** Header and payload are base64url JSON objects (`{"` encodes as `eyJ`); the signature may be empty (alg none). */
const jwt = patternDetector(
  ['jwt'],
  /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{5,8192}\.ey[A-Za-z0-9_-]{5,16384}\.[A-Za-z0-9_-]{0,4096}/g,
);

/**
 * Whole PEM / PGP private key blocks, including ones embedded in JSON with `\n` escapes (GCP service account
 * files). A block cut off before its END line is redacted through the end of its base64 body.
 */
const privateKey = patternDetector(
  ['private_key'],
  /-----BEGIN[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]{0,20000}?-----END[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----|[A-Za-z0-9+/=\s\\:,.-]{0,20000})/g,
);

/**
 * The password in `scheme://user:password@host` (database URLs, broker URLs, basic-auth URLs). Only the
 * password is redacted, so the model still sees which host and user a connection string names. The password
 * runs to the last `@` before the path, since real-world passwords are not always percent-encoded.
 */
const urlPassword = patternDetector(
  ['url_password'],
  /:\/\/([^\s:@/?#"'<>]{0,128}):([^\s/"'<>]{1,256})@(?=[A-Za-z0-9[.-])/g,
  (m, _text, range) => {
    const password = m[2] ?? '';
    range.end -= 1;
    range.start = range.end - password.length;
    return isPlaceholder(password) ? undefined : 'url_password';
  },
);

/** In priority order: where two detectors report the same start, the earlier one names the kind. */
export const credentialDetectors: readonly Detector[] = [
  privateKey,
  awsAccessKey,
  gcpApiKey,
  azureKey,
  githubToken,
  gitlabToken,
  slackToken,
  stripeKey,
  npmToken,
  llmKey,
  sendgridKey,
  twilioKey,
  jwt,
];

export const urlPasswordDetector: Detector = urlPassword;
