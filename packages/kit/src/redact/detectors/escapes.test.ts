import { describe, expect, it } from 'vitest';
import { expectKept, redact } from '../test-expect.ts';
import { fake } from '../test-fixtures.ts';

const unicode = (s: string): string =>
  [...s].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');

const entities = (s: string, hex = false): string =>
  [...s].map((c) => (hex ? `&#x${c.charCodeAt(0).toString(16)};` : `&#${c.charCodeAt(0)};`)).join('');

describe('personal data behind HTML character references and quoted-printable', () => {
  it('an address encoded character by character, decimal and hex', () => {
    for (const hex of [false, true]) {
      const result = redact(`<a href="mailto:${entities('anna@example.com', hex)}">mail</a>`);
      expect(result.text).not.toContain(entities('anna', hex));
      expect(result.counts.email).toBe(1);
    }
  });

  it('a phone number encoded character by character', () => {
    const result = redact(`tel: ${entities('+49 151 23456789')}`);
    expect(result.counts.phone).toBe(1);
    expect(result.text).toBe('tel: [REDACTED:phone]');
  });

  it('a quoted-printable address (`=40` for `@`)', () => {
    const result = redact('From: =?utf-8?Q?J=C3=BCrgen?= <juergen=40example.com>');
    expect(result.text).toBe('From: =?utf-8?Q?J=C3=BCrgen?= <[REDACTED:email]>');
  });

  it('keeps a query string that only looks like quoted-printable', () => {
    expectKept('GET /search?x=40&y=2 HTTP/1.1');
  });
});

describe('secrets behind escapes', () => {
  it('a token after a percent-encoded `=` in a nested redirect URL', () => {
    const token = fake.githubClassic(2);
    const result = redact(`Referer: https://app.test/login?next=%2Fcb%3Fstate%3Dab12%26token%3D${token}\n`);
    expect(result.text).not.toContain(token.slice(4));
    expect(result.counts.github_token).toBe(1);
  });

  it('a password percent-encoded in a query', () => {
    const result = redact('GET /login?user=bob&password%3DS3cr3t%40Pass1%26next=%2F HTTP/1.1');
    expect(result.text).not.toContain('S3cr3t');
  });

  it('a token with every character \\u-escaped in JSON', () => {
    const token = fake.npm(3);
    const result = redact(`{"registryToken": "${unicode(token)}"}`);
    expect(result.text).toBe('{"registryToken": "[REDACTED:secret_assignment]"}');
  });

  it('a token inside Go HTML-safe escapes', () => {
    const token = fake.stripe(4);
    const result = redact(`{"url": "https://api.test/v1?key\\u003d${token}\\u0026x\\u003d1"}`);
    expect(result.text).not.toContain(token.slice(8));
  });
});

describe('escapes with nothing behind them are kept', () => {
  it.each([
    'https://docs.test/search?q=how%20to%20rotate%20keys&page=2',
    '{"msg": "caf\\u00e9 \\u2014 ready", "path": "C:\\\\temp"}',
    'GET /files/report%202024.pdf',
  ])('%s', (text) => {
    expectKept(text);
  });
});
