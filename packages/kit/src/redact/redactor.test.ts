import { describe, expect, it } from 'vitest';
import { createRedactor, type RedactionCounts } from './index.ts';
import { fake } from './test-fixtures.ts';

describe('redactText', () => {
  const redactor = createRedactor();

  it.each([
    ['a UUID', '550e8400-e29b-41d4-a716-446655440000'],
    ['a git commit SHA', 'commit 3f786850e387550fdab836ed7e6dc881de23001b'],
    ['short SHAs', 'fixed in a1b2c3d, reverted in 4e5f6a7b8c9d'],
    ['a sha256 digest', 'sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'],
    ['an md5 digest', 'etag "d41d8cd98f00b204e9800998ecf8427e"'],
    [
      'a base64 blob',
      'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    ],
    [
      'an npm integrity hash',
      'sha512-Q0ZsZl5Vv2JqYlp3dGhlYnVpbGRpbmdibG9ja3NvZnRoZXVuaXZlcnNlMTIzNDU2Nzg5MA==',
    ],
    ['semver strings', 'upgraded zod from ^3.22.4 to 4.6.7-beta.1+build.5 (v4.6.7)'],
    ['ISO timestamps', '2024-03-15T10:22:33.123Z 2024-03-15 10:22:33,123 2024-03-15T10:22:33+01:00'],
    ['IPv4 and IPv6 addresses', 'peer 10.0.3.4:5432 and [2001:db8:85a3::8a2e:370:7334]:443'],
    ['ordinary URLs', 'see https://docs.acme.test/guide/install#step-2 and http://10.0.0.5:8080/healthz'],
    ['order numbers', 'order ORD-2024-000123, invoice #48213377, ticket 1234567890'],
    ['version strings', 'Python 3.12.1 on node v24.1.0, Chrome/124.0.6367.91, PostgreSQL 16.2'],
    [
      'the word password in prose',
      'If you forgot your password, use the reset link; the password policy is strict.',
    ],
    ['a Kubernetes resource', 'pod/orders-7d9f8b6c5d-x2k4p restarted 3 times'],
    ['an AWS ARN', 'arn:aws:iam::123456789012:role/deployer'],
  ])('keeps %s, returning the same string', (_name, text) => {
    const counts: RedactionCounts = {};
    expect(redactor.redactText(text, counts)).toBe(text);
    expect(counts).toEqual({});
  });

  it('returns the very same string object when nothing matched (no copy on the hot path)', () => {
    const text = `${'lorem ipsum dolor sit amet '.repeat(100)}`;
    expect(Object.is(redactor.redactText(text, {}), text)).toBe(true);
  });

  it('counts every replacement by kind and adds to the counts it is given', () => {
    const counts: RedactionCounts = { email: 2 };
    const text = `mail a@example.com and b@example.com, token ${fake.githubClassic()}, card 4111 1111 1111 1111`;
    const out = redactor.redactText(text, counts);
    expect(out).toBe(
      'mail [REDACTED:email] and [REDACTED:email], token [REDACTED:github_token], card [REDACTED:card_number]',
    );
    expect(counts).toEqual({ email: 4, github_token: 1, card_number: 1 });
  });

  it('is idempotent: redacting redacted text changes nothing and counts nothing', () => {
    const text = [
      `DB_PASSWORD=${fake.opaque(1)}`,
      `postgres://app:${fake.opaque(2)}@db:5432/app`,
      `Authorization: Bearer ${fake.opaque(3)}`,
      `Cookie: sid=${fake.opaque(4)}`,
      `{"api_key": "${fake.opaque(5)}", "email": "alice@example.com"}`,
      fake.privateKey(),
    ].join('\n');
    const once = redactor.redactText(text, {});
    const counts: RedactionCounts = {};
    expect(redactor.redactText(once, counts)).toBe(once);
    expect(counts).toEqual({});
  });

  it('merges overlapping findings so no part of either survives', () => {
    const token = fake.githubClassic(4);
    const counts: RedactionCounts = {};
    expect(redactor.redactText(`GITHUB_TOKEN=${token}`, counts)).toBe('GITHUB_TOKEN=[REDACTED:github_token]');
    expect(counts).toEqual({ github_token: 1 });
  });

  /** The fixtures that identify themselves; the others need a label or a URL around them. */
  const selfEvident = Object.entries(fake).filter(
    ([name]) => !['awsSecretKey', 'azureKey', 'slackWebhookPath', 'opaque'].includes(name),
  );

  it.each(selfEvident)('finds a %s split by invisible characters, leaving none of it', (_name, make) => {
    const secret = (make as () => string)();
    for (const invisible of ['\u200B', '\u2060', '\u00AD', '\u202E', '\uFEFF', '\u{E0041}']) {
      const middle = secret.length >> 1;
      const split = `${secret.slice(0, middle)}${invisible}${secret.slice(middle)}`;
      const counts: RedactionCounts = {};
      const out = redactor.redactText(`key is ${split} (rotated)`, counts);
      expect(out).toMatch(/^key is \[REDACTED:[a-z_]+\] \(rotated\)$/);
      expect(Object.values(counts)).toEqual([1]);
    }
  });

  it('leaves texts shorter than any detectable datum alone', () => {
    expect(redactor.redactText('a@b.c', {})).toBe('a@b.c');
    expect(redactor.redactText('', {})).toBe('');
  });
});

describe('extraPatterns', () => {
  it('adds operator rules, redacting the whole match', () => {
    const redactor = createRedactor({ extraPatterns: [{ kind: 'employee_id', pattern: 'EMP-\\d{6}' }] });
    const counts: RedactionCounts = {};
    expect(redactor.redactText('owner EMP-004211, reviewer EMP-000017', counts)).toBe(
      'owner [REDACTED:employee_id], reviewer [REDACTED:employee_id]',
    );
    expect(counts).toEqual({ employee_id: 2 });
  });

  it('redacts only the named group `secret` when the rule has one, and honours flags', () => {
    const redactor = createRedactor({
      extraPatterns: [
        { kind: 'internal_ticket_key', pattern: 'ticket-key:\\s*(?<secret>[a-z0-9]{12})', flags: 'i' },
      ],
    });
    expect(redactor.redactText('TICKET-KEY: ab12cd34ef56 ok', {})).toBe(
      'TICKET-KEY: [REDACTED:internal_ticket_key] ok',
    );
  });

  it('keeps the built-ins working alongside', () => {
    const redactor = createRedactor({ extraPatterns: [{ kind: 'employee_id', pattern: 'EMP-\\d{6}' }] });
    expect(redactor.redactText('EMP-004211 mailed alice@example.com', {})).toBe(
      '[REDACTED:employee_id] mailed [REDACTED:email]',
    );
  });

  it('throws an error naming the rule and the problem for an invalid regex', () => {
    expect(() => createRedactor({ extraPatterns: [{ kind: 'broken_rule', pattern: '(unclosed' }] })).toThrow(
      /broken_rule.*(Unterminated group|Invalid regular expression)/,
    );
    expect(() =>
      createRedactor({ extraPatterns: [{ kind: 'bad_flags', pattern: 'x', flags: 'q' }] }),
    ).toThrow(/bad_flags/);
  });

  it('rejects a rule that matches the empty string, and a kind that cannot be a marker', () => {
    expect(() => createRedactor({ extraPatterns: [{ kind: 'everything', pattern: 'a*' }] })).toThrow(
      /everything.*empty string/,
    );
    expect(() => createRedactor({ extraPatterns: [{ kind: 'bad]kind', pattern: 'x' }] })).toThrow(
      /bad\]kind/,
    );
  });
});

describe('disabledKinds', () => {
  it('turns built-in kinds off and leaves the others on', () => {
    const redactor = createRedactor({ disabledKinds: ['email', 'phone'] });
    const counts: RedactionCounts = {};
    const text = `Customer alice@example.com (+44 20 7946 0958) pasted ${fake.githubClassic()}`;
    expect(redactor.redactText(text, counts)).toBe(
      'Customer alice@example.com (+44 20 7946 0958) pasted [REDACTED:github_token]',
    );
    expect(counts).toEqual({ github_token: 1 });
  });

  it('can turn off the field-name rule', () => {
    const redactor = createRedactor({ disabledKinds: ['field'] });
    expect(redactor.redactValue({ password: 'hunter2' }, {})).toEqual({ password: 'hunter2' });
  });

  it('throws for a kind it does not know, so a typo cannot silently do nothing', () => {
    expect(() => createRedactor({ disabledKinds: ['emial'] })).toThrow(/emial/);
  });
});

describe('sensitiveFields', () => {
  const redactor = createRedactor({ sensitiveFields: ['license_key', 'pin'] });

  it('adds field names for structured data, normalised like the defaults', () => {
    const counts: RedactionCounts = {};
    expect(redactor.redactValue({ licenseKey: 'AB12-CD34', user: { PIN: 4321, spin: 3 } }, counts)).toEqual({
      licenseKey: '[REDACTED:field]',
      user: { PIN: '[REDACTED:field]', spin: 3 },
    });
    expect(counts).toEqual({ field: 2 });
  });

  it('adds them to assignments in text too', () => {
    expect(redactor.redactText('LICENSE_KEY=ABCD-1234-EFGH-5678\n', {})).toBe(
      'LICENSE_KEY=[REDACTED:secret_assignment]\n',
    );
  });
});
