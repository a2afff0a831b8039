/**
 * HELD-OUT PART — redact-engine (and anyone improving the detectors) must not read the files in this folder.
 * Generators here are deliberately different from the dev part's, so the held-out numbers show how the
 * detectors do on text they were not developed against. Do not tune detectors to anything in this folder.
 *
 * Credentials: providers the dev part does not use, plus dev providers' tokens in other places. Formats from the
 * providers' public descriptions and the public gitleaks/trufflehog rule lists, read as facts.
 */
import { ALNUM, B64, B64URL, DIGITS, HEX, LOWER, LOWER_ALNUM, type Rng, UPPER_ALNUM } from '../rng.ts';

export interface Token {
  readonly family: string;
  readonly kind: string;
  readonly value: string;
  /** A variable name it is commonly given. */
  readonly name: string;
}

const t = (family: string, kind: string, value: string, name: string): Token => ({
  family,
  kind,
  value,
  name,
});

/** Bech32's data alphabet (age secret keys are bech32, upper-cased). */
const BECH32 = 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L';

export const HELD_OUT_TOKENS: readonly ((r: Rng) => Token)[] = [
  (r) =>
    t(
      'huggingface',
      'hf-user-token',
      `hf_${r.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 34)}`,
      'HF_TOKEN',
    ),
  (r) =>
    t(
      'digitalocean',
      `do-${r.pick(['dop', 'doo', 'dor'])}`,
      `${r.pick(['dop', 'doo', 'dor'])}_v1_${r.chars(HEX, 64)}`,
      'DIGITALOCEAN_TOKEN',
    ),
  (r) =>
    t(
      'databricks',
      'databricks-pat',
      `dapi${r.chars(HEX, 32)}${r.chance(0.3) ? `-${r.int(1, 3)}` : ''}`,
      'DATABRICKS_TOKEN',
    ),
  (r) =>
    t('grafana', 'grafana-service-account', `glsa_${r.chars(ALNUM, 32)}_${r.chars(HEX, 8)}`, 'GRAFANA_TOKEN'),
  (r) =>
    t(
      'grafana',
      'grafana-cloud',
      `glc_${Buffer.from(JSON.stringify({ o: r.digits(6), n: `stack-${r.digits(6)}-hm-read`, k: r.chars(ALNUM, 24), m: { r: 'prod-eu-west-2' } })).toString('base64')}`,
      'GRAFANA_CLOUD_TOKEN',
    ),
  (r) => t('postman', 'postman-api-key', `PMAK-${r.chars(HEX, 24)}-${r.chars(HEX, 34)}`, 'POSTMAN_API_KEY'),
  (r) => t('linear', 'linear-api-key', `lin_api_${r.chars(ALNUM, 40)}`, 'LINEAR_API_KEY'),
  (r) => t('doppler', 'doppler-personal', `dp.pt.${r.chars(ALNUM, 43)}`, 'DOPPLER_TOKEN'),
  (r) => t('pulumi', 'pulumi-access-token', `pul-${r.chars(HEX, 40)}`, 'PULUMI_ACCESS_TOKEN'),
  (r) => t('hashicorp', 'vault-service-token', `hvs.${r.chars(B64URL, r.int(90, 100))}`, 'VAULT_TOKEN'),
  (r) =>
    t(
      'hashicorp',
      'terraform-cloud',
      `${r.chars(LOWER_ALNUM, 14)}.atlasv1.${r.chars(LOWER_ALNUM + '-_', 67)}`,
      'TFE_TOKEN',
    ),
  (r) => t('age', 'age-secret-key', `AGE-SECRET-KEY-1${r.chars(BECH32, 58)}`, 'SOPS_AGE_KEY'),
  (r) =>
    t(
      'telegram',
      'telegram-bot-token',
      `${r.int(1, 9)}${r.digits(r.int(7, 9))}:AA${r.chars(B64URL, 33)}`,
      'TELEGRAM_BOT_TOKEN',
    ),
  (r) => t('square', 'square-access-token', `EAAA${r.chars(B64URL, 60)}`, 'SQUARE_ACCESS_TOKEN'),
  (r) => t('square', 'square-oauth-secret', `sq0csp-${r.chars(B64URL, 43)}`, 'SQUARE_CLIENT_SECRET'),
  (r) => t('google', 'google-oauth-client-secret', `GOCSPX-${r.chars(B64URL, 28)}`, 'GOOGLE_CLIENT_SECRET'),
  (r) =>
    t(
      'google',
      'google-oauth-access-token',
      `ya29.${r.chars(B64URL, r.int(150, 200))}`,
      'GOOGLE_ACCESS_TOKEN',
    ),
  (r) =>
    t(
      'google',
      'google-refresh-token',
      `1//0${r.chars(ALNUM, 1)}${r.chars(B64URL, 98)}`,
      'GOOGLE_REFRESH_TOKEN',
    ),
  (r) => t('newrelic', 'newrelic-user-key', `NRAK-${r.chars(UPPER_ALNUM, 27)}`, 'NEW_RELIC_API_KEY'),
  (r) => t('groq', 'groq-api-key', `gsk_${r.chars(ALNUM, 52)}`, 'GROQ_API_KEY'),
  (r) => t('replicate', 'replicate-api-token', `r8_${r.chars(ALNUM, 37)}`, 'REPLICATE_API_TOKEN'),
  (r) => t('heroku', 'heroku-api-key', `HRKU-AA${r.chars(B64URL, 58)}`, 'HEROKU_API_KEY'),
  (r) => t('flyio', 'flyio-token', `fo1_${r.chars(B64URL, 43)}`, 'FLY_API_TOKEN'),
  (r) => t('supabase', 'supabase-pat', `sbp_${r.chars(HEX, 40)}`, 'SUPABASE_ACCESS_TOKEN'),
  (r) => t('planetscale', 'planetscale-token', `pscale_tkn_${r.chars(B64URL, 43)}`, 'PLANETSCALE_TOKEN'),
  (r) =>
    t(
      'dynatrace',
      'dynatrace-token',
      `dt0c01.${r.chars(UPPER_ALNUM, 24)}.${r.chars(UPPER_ALNUM, 64)}`,
      'DT_API_TOKEN',
    ),
  (r) =>
    t(
      'hubspot',
      'hubspot-private-app',
      `pat-${r.pick(['na1', 'eu1'])}-${r.chars(HEX, 8)}-${r.chars(HEX, 4)}-${r.chars(HEX, 4)}-${r.chars(HEX, 4)}-${r.chars(HEX, 12)}`,
      'HUBSPOT_TOKEN',
    ),
  (r) =>
    t(
      'mapbox',
      'mapbox-secret-token',
      `sk.${Buffer.from(JSON.stringify({ u: r.chars(LOWER, 8), a: r.chars(LOWER_ALNUM, 25) })).toString('base64url')}.${r.chars(B64URL, 22)}`,
      'MAPBOX_SECRET_TOKEN',
    ),
  (r) => t('sentry', 'sentry-user-token', `sntryu_${r.chars(HEX, 64)}`, 'SENTRY_AUTH_TOKEN'),
  (r) => t('xai', 'xai-api-key', `xai-${r.chars(ALNUM, 80)}`, 'XAI_API_KEY'),
  (r) => t('perplexity', 'perplexity-api-key', `pplx-${r.chars(ALNUM, 48)}`, 'PERPLEXITY_API_KEY'),
  // Dev providers' tokens too, to be met in held-out syntaxes.
  (r) => t('github', 'github-classic-pat', `ghp_${r.chars(ALNUM, 36)}`, 'GITHUB_TOKEN'),
  (r) =>
    t(
      'github',
      'github-fine-grained',
      `github_pat_11${r.chars(UPPER_ALNUM, 20)}_${r.chars(ALNUM, 59)}`,
      'GH_PAT',
    ),
  (r) => t('gitlab', 'gitlab-pat', `glpat-${r.chars(B64URL, 20)}`, 'GITLAB_PRIVATE_TOKEN'),
  (r) => t('stripe', 'stripe-secret-live', `sk_live_${r.chars(ALNUM, 99)}`, 'STRIPE_KEY'),
  (r) =>
    t('openai', 'openai-proj', `sk-proj-${r.chars(B64URL, 74)}T3BlbkFJ${r.chars(B64URL, 74)}`, 'OPENAI_KEY'),
  (r) => t('anthropic', 'anthropic-api', `sk-ant-api03-${r.chars(B64URL, 93)}AA`, 'CLAUDE_API_KEY'),
  (r) => t('slack', 'slack-bot', `xoxb-${r.digits(12)}-${r.digits(13)}-${r.chars(ALNUM, 24)}`, 'SLACK_TOKEN'),
  (r) => t('npm', 'npm-access-token', `npm_${r.chars(ALNUM, 36)}`, 'NPM_AUTH_TOKEN'),
  (r) =>
    t('sendgrid', 'sendgrid-api-key', `SG.${r.chars(B64URL, 22)}.${r.chars(B64URL, 43)}`, 'SENDGRID_KEY'),
];

export const heldOutToken = (r: Rng): Token => r.pick(HELD_OUT_TOKENS)(r);

/** AWS temporary credentials: the session token is long base64 with a well-known start. */
export const awsSessionToken = (r: Rng): string => `IQoJb3JpZ2luX2Vj${r.chars(B64, r.int(300, 420))}`;
export const awsKeyId = (r: Rng): string =>
  `${r.pick(['AKIA', 'ASIA', 'AIDA'])}${r.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`;
export const awsSecret = (r: Rng): string => r.chars(B64, 40);

/** Azure DevOps PATs: 52 characters of lower-case base32, recognisable only by context. */
export const azureDevopsPat = (r: Rng): string => r.chars('abcdefghijklmnopqrstuvwxyz234567', 52);

/** A Shared Access Signature `sig` (base64 of an HMAC-SHA256, percent-encoded in the query string). */
export const sasSignature = (r: Rng): string => encodeURIComponent(r.bytes(32).toString('base64'));

/** Passwords as people choose them (not only random strings). */
export function humanPassword(r: Rng): string {
  const words = [
    'Summer',
    'Winter',
    'Dragon',
    'Monkey',
    'Falcon',
    'Sunshine',
    'Charlie',
    'Tigger',
    'Bailey',
    'Shadow',
  ];
  switch (r.int(0, 4)) {
    case 0:
      return `${r.pick(words)}${r.int(1990, 2025)}${r.pick(['!', '#', '$', '?', ''])}`;
    case 1:
      return `${r.pick(words).toLowerCase()}.${r.pick(words).toLowerCase()}.${r.digits(3)}`;
    case 2:
      return r.chars(`${ALNUM}!#%&()*+,-./:;<=>?@[]^_{|}~`, r.int(14, 28));
    case 3:
      return `${r.chars(ALNUM, 4)}-${r.chars(ALNUM, 4)}-${r.chars(ALNUM, 4)}-${r.chars(ALNUM, 4)}`;
    default:
      return `${r.chars(DIGITS, 2)}${r.pick(words)}${r.chars(ALNUM, r.int(4, 8))}`;
  }
}
