import {
  ALNUM,
  B64STD,
  B64URL,
  classesIn,
  DASH,
  DIGIT,
  DOT,
  EQUALS,
  HEX_LETTER,
  isHex as isHexChar,
  LOWER,
  SLASH,
  UPPER,
  WORD,
} from '../chars.ts';
import { githubChecksumValid } from '../checksums.ts';

/**
 * Credentials that carry their own vendor prefix, as the providers document them and as the public rule lists
 * of gitleaks and trufflehog record them (prefix, alphabet, length, checksum), written here as data. A rule
 * matches at the start of a segment of a token run (not glued to a letter or digit before it), reads its body
 * with one run of its alphabet, and must end there (a longer word is not a token).
 */
export interface TokenRule {
  /** Index in TOKEN_RULES. */
  readonly id: number;
  readonly kind: string;
  readonly prefix: string;
  /** Alphabet of the body after the prefix, as a chars.ts mask. */
  readonly body: number;
  readonly min: number;
  readonly max: number;
  /** Body must mix two of digits, lower and upper case (in its first 64 characters): a word is not a token. */
  readonly random?: boolean;
  /** Extra shape check on the body, bounded by the rule's maximum length. */
  readonly check?: (body: string) => boolean;
  /** Only the body is secret (a webhook URL's path); the prefix (its host) stays readable. */
  readonly keepPrefix?: boolean;
}

const HEX_LOWER = DIGIT | LOWER;
const UPPER_ALNUM = DIGIT | UPPER;

/** Digits and a–f / A–F only. */
const isHex = (body: string): boolean =>
  (classesIn(body, 0, body.length) & ~(DIGIT | HEX_LETTER | UPPER | LOWER)) === 0 && allHex(body);

function allHex(body: string): boolean {
  for (let i = 0; i < body.length; i++) if (!isHexChar(body.charCodeAt(i))) return false;
  return true;
}
const base32Upper = /^[A-Z2-7]+$/;

function rule(
  kind: string,
  prefixes: readonly string[],
  body: number,
  min: number,
  max = min,
  extra: Pick<TokenRule, 'random' | 'check' | 'keepPrefix'> = {},
): Omit<TokenRule, 'id'>[] {
  return prefixes.map((prefix) => ({ kind, prefix, body, min, max, ...extra }));
}

const RULES: readonly Omit<TokenRule, 'id'>[] = [
  // AWS access key ids: four-letter type prefix and 16 base32 characters. The documentation pair ends in EXAMPLE.
  ...rule('aws_access_key', ['AKIA', 'ASIA', 'ABIA', 'ACCA'], UPPER_ALNUM, 16, 16, {
    check: (b) => base32Upper.test(b) && !b.endsWith('EXAMPLE'),
  }),
  ...rule('aws_access_key', ['A3T'], UPPER_ALNUM, 17, 17),
  ...rule('aws_bedrock_key', ['ABSK'], B64STD | EQUALS, 109, 272),
  // Bedrock short-term keys: `bedrock-api-key-` and the base64 of a presigned URL (`bedrock.amazonaws.com/…`).
  ...rule('aws_bedrock_key', ['bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t'], B64STD | EQUALS, 40, 4096),
  // STS session tokens, whose base64 starts with the same serialised header: `origin_ec…` today, `er/aws` and
  // `aws` in older ones (`IQoJb3JpZ2luX2Vj…`, `FwoGZXIvYXdzE…`, `FQoGZXIvYXdzE…`, `AQoDYXdzE…`).
  ...rule(
    'aws_session_token',
    ['IQoJb3JpZ2luX2Vj', 'FwoGZXIvYXdzE', 'FQoGZXIvYXdzE', 'AQoDYXdzE'],
    B64STD | EQUALS,
    80,
    4096,
  ),
  // Amazon MWS auth tokens: `amzn.mws.` and a UUID.
  ...rule('aws_mws_key', ['amzn.mws.'], HEX_LOWER | DASH, 36, 36, { check: (b) => UUID.test(b) }),
  // AWS AppSync API keys: `da2-` and 26 lower-case letters and digits.
  ...rule('aws_appsync_key', ['da2-'], HEX_LOWER, 26, 26, { check: (b) => hasDigitAndLetter(b) }),
  ...rule('gcp_api_key', ['AIza'], B64URL, 35),
  ...rule('google_oauth_secret', ['GOCSPX-'], B64URL, 28),
  ...rule('google_oauth_token', ['ya29.'], B64URL | DOT, 20, 2048, { random: true }),
  ...rule('github_token', ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'], ALNUM, 36, 251, {
    check: (b) => b.length !== 36 || githubChecksumValid(b) || hasDigitAndLetter(b),
  }),
  ...rule('github_token', ['github_pat_'], WORD, 22, 255, { random: true }),
  ...rule(
    'gitlab_token',
    [
      'glpat-',
      'gldt-',
      'glrt-',
      'glsoat-',
      'glft-',
      'glimt-',
      'glagent-',
      'gloas-',
      'glcbt-',
      'glffct-',
      'glwt-',
    ],
    B64URL | DOT,
    20,
    320,
    { random: true },
  ),
  ...rule('gitlab_token', ['glptt-'], HEX_LOWER, 40),
  ...rule('gitlab_token', ['GR1348941'], B64URL, 20, 64),
  ...rule(
    'slack_token',
    ['xoxb-', 'xoxp-', 'xoxa-', 'xoxr-', 'xoxs-', 'xoxo-', 'xoxe-', 'xoxe.xoxp-', 'xoxe.xoxb-'],
    B64URL,
    10,
    250,
    {
      random: true,
    },
  ),
  ...rule('slack_token', ['xapp-'], B64URL, 20, 250, { random: true }),
  ...rule(
    'slack_webhook',
    ['hooks.slack.com/services/', 'hooks.slack.com/workflows/', 'hooks.slack.com/triggers/'],
    B64URL | SLASH,
    20,
    200,
    { keepPrefix: true, random: true },
  ),
  ...rule(
    'discord_webhook',
    ['discord.com/api/webhooks/', 'discordapp.com/api/webhooks/'],
    B64URL | SLASH,
    40,
    200,
    {
      keepPrefix: true,
      random: true,
    },
  ),
  ...rule(
    'stripe_key',
    ['sk_live_', 'sk_test_', 'sk_prod_', 'rk_live_', 'rk_test_', 'rk_prod_'],
    ALNUM,
    10,
    247,
    {
      random: true,
    },
  ),
  ...rule('stripe_key', ['whsec_'], ALNUM | EQUALS, 24, 64, { random: true }),
  ...rule('npm_token', ['npm_'], ALNUM, 36),
  ...rule('pypi_token', ['pypi-AgEIcHlwaS5vcmc', 'pypi-AgENdGVzdC5weXBpLm9yZw'], B64URL, 50, 1000),
  ...rule('rubygems_token', ['rubygems_'], HEX_LOWER, 48),
  ...rule('nuget_key', ['oy2'], HEX_LOWER, 43, 43, { random: true }),
  ...rule('docker_token', ['dckr_pat_', 'dckr_oat_'], B64URL, 27, 64),
  ...rule('huggingface_token', ['hf_', 'api_org_'], UPPER | LOWER, 34, 34, { check: (b) => bothCases(b) }),
  // OpenAI and Anthropic share `sk-`; the longer prefixes are tried first. Other vendors use `sk-` with hex.
  ...rule(
    'anthropic_key',
    ['sk-ant-api03-', 'sk-ant-admin01-', 'sk-ant-oat01-', 'sk-ant-ort01-'],
    B64URL,
    80,
    120,
  ),
  ...rule('openrouter_key', ['sk-or-v1-'], HEX_LOWER, 64),
  ...rule('openai_key', ['sk-proj-', 'sk-svcacct-', 'sk-admin-', 'sk-None-'], B64URL, 40, 250, {
    random: true,
  }),
  ...rule('openai_key', ['sk-'], B64URL, 20, 250, {
    check: (b) => mixed(b) || (isHex(b) && hasDigitAndLetter(b)),
  }),
  ...rule('groq_key', ['gsk_'], ALNUM, 52, 52, { random: true }),
  ...rule('xai_key', ['xai-'], ALNUM, 80, 80, { random: true }),
  ...rule('perplexity_key', ['pplx-'], ALNUM, 48, 48, { random: true }),
  ...rule('replicate_token', ['r8_'], ALNUM, 37, 37, { random: true }),
  ...rule('langsmith_key', ['lsv2_pt_', 'lsv2_sk_'], WORD, 43, 43),
  ...rule('sendgrid_key', ['SG.'], B64URL | DOT, 60, 80, { check: (b) => b.indexOf('.') >= 16 }),
  ...rule('twilio_key', ['SK'], DIGIT | LOWER | UPPER, 32, 32, {
    check: (b) => isHex(b) && hasDigitAndLetter(b),
  }),
  ...rule('mailgun_key', ['key-'], HEX_LOWER, 32, 32, { check: (b) => isHex(b) && hasDigitAndLetter(b) }),
  ...rule('shopify_token', ['shpat_', 'shpca_', 'shppa_', 'shpss_'], ALNUM, 32, 32, { check: isHex }),
  ...rule('atlassian_token', ['ATATT3', 'ATCTT3', 'ATOAT3'], B64URL | EQUALS, 120, 300),
  ...rule('digitalocean_token', ['dop_v1_', 'doo_v1_', 'dor_v1_'], HEX_LOWER, 64),
  ...rule(
    'doppler_token',
    ['dp.pt.', 'dp.st.', 'dp.ct.', 'dp.sa.', 'dp.scim.', 'dp.audit.'],
    ALNUM | DOT,
    40,
    64,
  ),
  ...rule('dynatrace_token', ['dt0c01.'], UPPER_ALNUM | DOT, 89, 89),
  ...rule('linear_key', ['lin_api_', 'lin_oauth_'], ALNUM, 40, 64),
  ...rule('pulumi_token', ['pul-'], HEX_LOWER, 40),
  ...rule('postman_key', ['PMAK-'], ALNUM | B64URL, 59, 59),
  ...rule('newrelic_key', ['NRAK-', 'NRII-'], UPPER_ALNUM | B64URL, 27, 32),
  ...rule('sentry_token', ['sntrys_'], B64STD | EQUALS | B64URL, 60, 400),
  ...rule('sentry_token', ['sntryu_'], HEX_LOWER, 64),
  ...rule('grafana_token', ['glsa_'], WORD, 41, 41),
  ...rule('grafana_token', ['glc_'], B64STD | EQUALS, 32, 400, { random: true }),
  ...rule('vault_token', ['hvs.', 'hvb.'], B64URL, 90, 300),
  ...rule('heroku_key', ['HRKU-'], B64URL, 60, 60),
  ...rule('age_secret_key', ['AGE-SECRET-KEY-1'], UPPER_ALNUM, 58, 58),
  ...rule('onepassword_token', ['ops_eyJ'], B64STD | EQUALS, 250, 4096),
  ...rule('alibaba_key', ['LTAI'], ALNUM, 20, 24, { random: true }),
  ...rule('artifactory_token', ['AKCp'], ALNUM, 69, 69),
  ...rule('artifactory_token', ['cmVmdGtuOjAxOjE'], ALNUM, 49, 49),
  ...rule('clojars_token', ['CLOJARS_'], ALNUM, 60),
  ...rule('databricks_token', ['dapi'], HEX_LOWER, 32, 32, { check: (b) => hasDigitAndLetter(b) }),
  ...rule('easypost_key', ['EZAK', 'EZTK'], ALNUM, 54),
  ...rule('facebook_token', ['EAAC', 'EAAM', 'EAAG'], ALNUM, 90, 400, { random: true }),
  ...rule('square_token', ['sq0atp-', 'sq0csp-'], B64URL, 22, 60),
  ...rule('square_token', ['EAAA'], B64URL, 60, 60, { random: true }),
  ...rule('flutterwave_key', ['FLWSECK_TEST-', 'FLWSECK-'], B64URL, 32, 40),
  ...rule('flyio_token', ['fo1_'], B64URL, 43),
  ...rule('flyio_token', ['fm1r_', 'fm1a_', 'fm2_'], B64STD | EQUALS, 100, 4096),
  ...rule('frameio_token', ['fio-u-'], B64URL | EQUALS, 64),
  ...rule('infracost_key', ['ico-'], ALNUM, 32, 32, { random: true }),
  ...rule('intra42_secret', ['s-s4t2ud-', 's-s4t2af-'], HEX_LOWER, 64),
  ...rule('notion_token', ['ntn_'], ALNUM, 46, 46),
  ...rule('notion_token', ['secret_'], ALNUM, 43, 43, { random: true }),
  ...rule('octopus_key', ['API-'], UPPER_ALNUM, 26, 32, { check: (b) => hasDigitAndLetter(b) }),
  ...rule('openshift_token', ['sha256~'], B64URL, 43),
  ...rule('planetscale_token', ['pscale_tkn_', 'pscale_pw_', 'pscale_oauth_'], B64URL | DOT | EQUALS, 32, 64),
  ...rule('prefect_key', ['pnu_'], ALNUM, 36),
  ...rule('readme_key', ['rdme_'], ALNUM, 70),
  ...rule('scalingo_token', ['tk-us-'], B64URL, 48),
  ...rule('brevo_key', ['xkeysib-', 'xsmtpsib-'], B64URL, 81, 81),
  ...rule('shippo_key', ['shippo_live_', 'shippo_test_'], HEX_LOWER, 40),
  ...rule('sourcegraph_token', ['sgp_'], WORD, 40, 64, { check: (b) => hasDigitAndLetter(b) }),
  ...rule('supabase_token', ['sbp_'], HEX_LOWER, 40),
  ...rule('supabase_token', ['sb_secret_'], B64URL, 30, 64),
  ...rule('typeform_token', ['tfp_'], B64URL | DOT | EQUALS, 59, 64),
  ...rule('cloudflare_key', ['v1.0-'], HEX_LOWER | B64URL, 171, 171),
  ...rule('yandex_key', ['AQVN'], B64URL, 35, 38, { random: true }),
  // HubSpot private-app tokens: `pat-<region>-` and a UUID.
  ...rule('hubspot_token', ['pat-na1-', 'pat-na2-', 'pat-eu1-', 'pat-ap1-'], HEX_LOWER | DASH, 36, 36, {
    check: (b) => UUID.test(b),
  }),
  // Mapbox secret (`sk.`) and temporary (`tk.`) tokens: a JWT-like `eyJ…` body; `pk.` tokens are public.
  ...rule('mapbox_token', ['sk.eyJ', 'tk.eyJ'], B64URL | DOT, 60, 400, { check: (b) => b.includes('.') }),
  // Google OAuth refresh tokens: `1//0` then base64url.
  ...rule('google_oauth_token', ['1//0'], B64URL, 40, 512, { random: true }),
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const TOKEN_RULES: readonly TokenRule[] = RULES.map((r, id) => ({ ...r, id }));

/** Every prefix, for the linear-time test. */
export const TOKEN_PREFIXES: readonly string[] = TOKEN_RULES.map((r) => r.prefix).filter((p) => p !== '');

export const TOKEN_KINDS: readonly string[] = [...new Set(TOKEN_RULES.map((r) => r.kind))];

/** Class bits of the first 64 characters: enough to tell random from a word, in bounded work. */
function headClasses(body: string): number {
  return classesIn(body, 0, Math.min(body.length, 64));
}

/** Random base62 mixes digits with both cases within its first characters; words and masks do not. */
export function mixed(body: string): boolean {
  return (headClasses(body) & ALNUM) === ALNUM;
}

export function hasDigitAndLetter(body: string): boolean {
  const bits = classesIn(body, 0, body.length);
  return (bits & DIGIT) !== 0 && (bits & (UPPER | LOWER)) !== 0;
}

/** Two of digits, lower case and upper case: random base62 / base64url; not a word, not a number. */
export function twoClasses(body: string): boolean {
  const bits = headClasses(body);
  return (
    ((bits & DIGIT) !== 0 ? 1 : 0) + ((bits & LOWER) !== 0 ? 1 : 0) + ((bits & UPPER) !== 0 ? 1 : 0) >= 2
  );
}

function bothCases(body: string): boolean {
  const bits = headClasses(body);
  return (bits & LOWER) !== 0 && (bits & UPPER) !== 0;
}
