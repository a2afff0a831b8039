import { describe, expect, it } from 'vitest';
import { classOf } from '../chars.ts';
import { expectKept, redact } from '../test-expect.ts';
import { chars } from '../test-fixtures.ts';
import { TOKEN_RULES, type TokenRule } from './token-rules.ts';

/** The characters of a rule's body alphabet, narrowed to what its check accepts (hex for hex-bodied rules). */
function alphabet(rule: TokenRule): string {
  let out = '';
  for (let c = 33; c < 127; c++) if ((classOf(c) & rule.body) !== 0) out += String.fromCharCode(c);
  const letters = out.replace(/[^A-Za-z0-9]/g, '');
  // Rules whose check wants hex: a hex body passes it and a body with other letters does not.
  const hex = '0123456789abcdef'.repeat(16).slice(0, rule.min);
  const other = '0123456789ghijklmnopqrstuvwxyz'.repeat(16).slice(0, rule.min);
  if (/[a-f]/.test(letters) && rule.check?.(hex) && !rule.check(other)) return '0123456789abcdef';
  if (rule.kind === 'aws_access_key' || rule.kind === 'age_secret_key')
    return 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  if (rule.kind === 'huggingface_token') return 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  return letters;
}

/** A token in the rule's format: its prefix and a random body of its alphabet at its shortest length. */
function sample(rule: TokenRule, seed: number): string {
  let body = chars(Math.max(rule.min, Math.min(rule.max, 40)), seed, alphabet(rule));
  // Shapes with inner structure (`SG.<22>.<43>`, GitHub's checksum) are built by hand.
  if (rule.kind === 'sendgrid_key') body = `${chars(22, seed)}.${chars(43, seed + 1)}`;
  if (rule.kind === 'dynatrace_token')
    body = `${chars(24, seed, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}.${chars(64, seed + 1, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}`;
  if (rule.kind === 'grafana_token' && rule.prefix === 'glsa_')
    body = `${chars(32, seed)}_${chars(8, seed, '0123456789abcdef')}`;
  if (rule.kind === 'postman_key')
    body = `${chars(24, seed, '0123456789abcdef')}-${chars(34, seed + 1, '0123456789abcdef')}`;
  if (rule.kind === 'cloudflare_key')
    body = `${chars(24, seed, '0123456789abcdef')}-${chars(146, seed + 1, '0123456789abcdef')}`;
  if (rule.kind === 'langsmith_key')
    body = `${chars(32, seed, '0123456789abcdef')}_${chars(10, seed + 1, '0123456789abcdef')}`;
  if (rule.kind === 'brevo_key') body = `${chars(64, seed, '0123456789abcdef')}-${chars(16, seed + 1)}`;
  if (rule.kind === 'notion_token' && rule.prefix === 'ntn_')
    body = `${chars(11, seed, '0123456789')}${chars(35, seed + 1)}`;
  if (rule.kind === 'hubspot_token' || rule.kind === 'aws_mws_key') {
    const h = (n: number, k: number) => chars(n, seed + k, '0123456789abcdef');
    body = `${h(8, 0)}-${h(4, 1)}-${h(4, 2)}-${h(4, 3)}-${h(12, 4)}`;
  }
  if (rule.kind === 'mapbox_token') body = `${chars(60, seed)}.${chars(22, seed + 1)}`;
  return `${rule.prefix}${body}`;
}

describe('every vendor token format', () => {
  it.each(TOKEN_RULES.map((rule) => [rule.prefix, rule] as const))(
    '%s… is found in a log line',
    (_prefix, rule) => {
      const token = sample(rule, rule.id + 1);
      const result = redact(`2024-03-15T10:22:33Z DEBUG using ${token} for the call`);
      const body = token.slice(rule.prefix.length);
      expect(result.text).not.toContain(body.slice(-12));
      expect(Object.keys(result.counts)).toContain(rule.kind);
    },
  );

  it.each(TOKEN_RULES.map((rule) => [rule.prefix, rule] as const))(
    '%s… followed by a short word is not a token',
    (_prefix, rule) => {
      expectKept(`see the ${rule.prefix}docs page`);
    },
  );
});

describe('token shape checks', () => {
  it('keeps a GitHub-prefixed word, and a masked or example body', () => {
    expectKept(`ghp_${'x'.repeat(36)}`);
    expectKept(`ghp_${'EXAMPLE'.repeat(5)}A`);
  });

  it('keeps a prefix glued to the end of a word (`task-…` is not `sk-…`)', () => {
    expectKept(`task-${chars(40, 3)}`);
  });

  it('keeps AWS key ids that are not base32 or end in EXAMPLE (the documented pair)', () => {
    expectKept(`AKIA${'IOSFODNN7'}EXAMPLE`);
    expectKept('AKIA0000000000000000');
  });

  it('keeps Stripe publishable keys (public by design)', () => {
    expectKept(`pk_live_${chars(24, 9)}`);
  });
});
