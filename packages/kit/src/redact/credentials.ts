import type { Detector, Emit } from './detector.ts';
import { isPlaceholderToken } from './placeholders.ts';

/**
 * Credentials with a vendor prefix or a fixed frame, found in one pass. The trigger pattern is keyed on the rare
 * character of each prefix (`_` of `ghp_`, `-` of `glpat-`, `J` of `eyJ`, `K` of `AKIA`) with the rest of the
 * prefix checked by a lookbehind, so the regex engine only stops at rare characters instead of at every `s`,
 * `g` or `e`: about three times faster than keying on first letters. Only at a candidate does the rule's full
 * pattern run, anchored at the prefix. Every quantifier is bounded.
 */

interface Span {
  start: number;
  end: number;
}

interface TokenRule {
  /**
   * What starts a token, as `[head, tail]` regex sources: the trigger matches the tail (keep it rare) and checks
   * the head right before it with a lookbehind. Together they spell the prefix.
   */
  readonly triggers: readonly (readonly [head: string, tail: string])[];
  /** The prefix starts a word: not preceded by a letter or digit (`task-…` is not `sk-…`). */
  readonly wordStart: boolean;
  /** Full pattern, applied sticky at the start of the prefix. */
  readonly pattern: RegExp;
  /** Kind to report, or undefined to reject the match; may narrow the span. */
  readonly verify: (match: RegExpExecArray, span: Span) => string | undefined;
}

type Triggers = TokenRule['triggers'];

const hasDigit = /\d/;
const hasLower = /[a-z]/;
const hasUpper = /[A-Z]/;

/** Random vendor bodies mix digits and both cases; a hyphenated word that happens to follow `sk-` does not. */
function looksRandom(body: string): boolean {
  return hasDigit.test(body) && hasLower.test(body) && hasUpper.test(body);
}

/** A rule whose whole match is the secret and whose body (after `skip` prefix characters) must not be a mask. */
function token(
  kind: string,
  triggers: Triggers,
  pattern: RegExp,
  skip: number,
  needsDigit = false,
): TokenRule {
  return {
    triggers,
    wordStart: true,
    pattern,
    verify: (m) => {
      const body = m[0].slice(skip);
      if (isPlaceholderToken(body) || (needsDigit && !hasDigit.test(body))) return undefined;
      return kind;
    },
  };
}

/** A rule whose secret is the last capture group, after its context (`AccountKey=…`, a webhook's path). */
function secretAtEnd(kind: string, triggers: Triggers, pattern: RegExp): TokenRule {
  return {
    triggers,
    wordStart: false,
    pattern,
    verify: (m, span) => {
      const secret = m[1] ?? '';
      span.start = span.end - secret.length;
      return isPlaceholderToken(secret) ? undefined : kind;
    },
  };
}

const RULES: readonly TokenRule[] = [
  /**
   * AWS access key ids. Ids ending in `EXAMPLE` (the documentation pair `AKIAIOSFODNN7EXAMPLE` /
   * `wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`) are published examples, not secrets, and docs quote them
   * constantly; a real id is base32 and ends in `EXAMPLE` with odds of about 1 in 34 billion.
   */
  {
    triggers: [['A', '(?:KIA|SIA)']],
    wordStart: true,
    pattern: /(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])/y,
    verify: (m) => (m[0].endsWith('EXAMPLE') ? undefined : 'aws_access_key'),
  },
  token('gcp_api_key', [['A', 'Iza']], /AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/y, 4),
  /** Storage / Service Bus keys in connection strings. */
  secretAtEnd(
    'azure_storage_key',
    [['AccountKey|SharedAccessKey', '=']],
    /(?:AccountKey|SharedAccessKey)=([A-Za-z0-9+/]{30,120}={0,2})/y,
  ),
  /** The signature of an Azure SAS URL: the credential part of its query string. */
  secretAtEnd('azure_storage_key', [['[?&]sig', '=']], /[?&]sig=([A-Za-z0-9%+/]{30,120}(?:%3D|=){0,2})/y),
  token(
    'github_token',
    [
      ['gh[pousr]', '_'],
      ['github', '_pat_'],
    ],
    /(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{22,255})(?![A-Za-z0-9])/y,
    4,
  ),
  token(
    'gitlab_token',
    [['gl(?:pat|dt|rt|ptt|ft|soat|cbt|oas)', '-']],
    /gl[a-z]{2,4}-[A-Za-z0-9_-]{20,100}/y,
    6,
  ),
  token('slack_token', [['xox[abposr]|xapp', '-']], /(?:xox[abposr]|xapp)-[A-Za-z0-9-]{10,250}/y, 5, true),
  /** Incoming-webhook URLs: the secret path is redacted, the host stays visible. */
  secretAtEnd(
    'slack_token',
    [['', 'hooks\\.slack\\.com/']],
    /hooks\.slack\.com\/(?:services|workflows|triggers)\/([A-Za-z0-9_/-]{20,200})/y,
  ),
  token('stripe_key', [['[rs]k', '_(?:live|test)_']], /[rs]k_(?:live|test)_[A-Za-z0-9]{16,247}/y, 8),
  token('npm_token', [['npm', '_']], /npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])/y, 4),
  /** OpenAI (`sk-`, `sk-proj-`, …) and Anthropic (`sk-ant-api03-…`) keys share a prefix; the kind is decided here. */
  {
    triggers: [['sk', '-']],
    wordStart: true,
    pattern:
      /sk-(?:ant-[a-z]{2,8}\d{0,3}-[A-Za-z0-9_-]{20,250}|(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,250})/y,
    verify: (m) => {
      const anthropic = m[0].startsWith('sk-ant-');
      const body = m[0].slice(anthropic ? 7 : 3);
      if (!looksRandom(body) || isPlaceholderToken(body)) return undefined;
      return anthropic ? 'anthropic_key' : 'openai_key';
    },
  },
  token('sendgrid_key', [['S', 'G\\.']], /SG\.[A-Za-z0-9_-]{16,32}\.[A-Za-z0-9_-]{16,64}/y, 3),
  /** Twilio API key SIDs (`SK` + 32 hex); the auth token itself is caught by assignment context. */
  token('twilio_key', [['S', 'K[0-9a-f]']], /SK[0-9a-f]{32}(?![A-Za-z0-9])/y, 2, true),
  /** Header and payload are base64url JSON objects (`{"` encodes as `eyJ`); the signature may be empty (alg none). */
  token(
    'jwt',
    [['ey', 'J']],
    /eyJ[A-Za-z0-9_-]{5,8192}\.ey[A-Za-z0-9_-]{5,16384}\.[A-Za-z0-9_-]{0,4096}/y,
    0,
  ),
  /**
   * `Bearer <token>` outside an Authorization header (curl commands, log lines); the scheme stays visible.
   * Case-sensitive on purpose: "bearer token" in prose is lowercase, and a literal start keeps the pass fast.
   */
  {
    triggers: [['', 'Bearer[ \\t]']],
    wordStart: true,
    pattern: /Bearer[ \t]+([A-Za-z0-9._~+/-]{16,4096}=*)/y,
    verify: (m, span) => {
      const secret = m[1] ?? '';
      span.start = span.end - secret.length;
      if (!hasDigit.test(secret) || !(hasLower.test(secret) || hasUpper.test(secret))) return undefined;
      return isPlaceholderToken(secret) ? undefined : 'authorization_header';
    },
  },
  /**
   * Whole PEM / PGP private key blocks, including ones embedded in JSON with `\n` escapes (GCP service account
   * files). A block cut off before its END line is redacted through the end of its base64 body. The body is
   * matched with the characters a PEM body can hold (base64, whitespace, `\n` escapes, `Proc-Type:`-style
   * headers), so the search for END stops where the body stops instead of running 32 KB past every header.
   */
  {
    triggers: [['', '-----BEGIN']],
    wordStart: false,
    pattern:
      /-----BEGIN[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----(?:[A-Za-z0-9+/=\s\\:,.-]{0,32768}?-----END[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----|[A-Za-z0-9+/=\s\\:,.-]{0,32768})/y,
    verify: () => 'private_key',
  },
];

const KINDS = [
  'aws_access_key',
  'gcp_api_key',
  'azure_storage_key',
  'github_token',
  'gitlab_token',
  'slack_token',
  'stripe_key',
  'npm_token',
  'openai_key',
  'anthropic_key',
  'sendgrid_key',
  'twilio_key',
  'jwt',
  'authorization_header',
  'private_key',
];

/**
 * One alternative per trigger, each with exactly one capture group holding the head it matched (so the token
 * starts at `index - head.length`); `ruleOfGroup[g]` is the rule behind capture group `g`.
 */
function triggerPattern(rules: readonly TokenRule[]): { pattern: RegExp; ruleOfGroup: TokenRule[] } {
  const alternatives: string[] = [];
  const ruleOfGroup: TokenRule[] = [];
  for (const rule of rules) {
    for (const [head, tail] of rule.triggers) {
      alternatives.push(head === '' ? `()${tail}` : `(?<=(${head}))${tail}`);
      ruleOfGroup[alternatives.length] = rule;
    }
  }
  return { pattern: new RegExp(alternatives.join('|'), 'g'), ruleOfGroup };
}

const { pattern: trigger, ruleOfGroup } = triggerPattern(RULES);
const span: Span = { start: 0, end: 0 };

function isAlphanumeric(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

function scan(text: string, emit: Emit): void {
  trigger.lastIndex = 0;
  for (let hit = trigger.exec(text); hit !== null; hit = trigger.exec(text)) {
    let group = 1;
    while (hit[group] === undefined) group++;
    const rule = ruleOfGroup[group]!;
    const start = hit.index - hit[group]!.length;
    if (rule.wordStart && isAlphanumeric(text.charCodeAt(start - 1))) continue;
    rule.pattern.lastIndex = start;
    const m = rule.pattern.exec(text);
    if (m === null) continue;
    span.start = start;
    span.end = start + m[0].length;
    const kind = rule.verify(m, span);
    if (kind === undefined) continue;
    emit(span.start, span.end, kind);
    if (span.end > trigger.lastIndex) trigger.lastIndex = span.end;
  }
}

export const credentialDetector: Detector = { kinds: KINDS, scan };
