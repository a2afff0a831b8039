import { describe, expect, it } from 'vitest';
import { expectKept, expectRedacted, redact } from '../test-expect.ts';
import { fake } from '../test-fixtures.ts';

describe('authorization_header', () => {
  it.each([
    ['Bearer', 'Authorization: Bearer ', fake.opaque(1), '\r\n'],
    ['token scheme', 'authorization: token ', fake.opaque(2, 40), '\n'],
    ['JSON header dump', '{"headers": {"Authorization": "Bearer ', fake.opaque(3), '", "Accept": "*/*"}}'],
    ['curl', "curl -H 'Authorization: Bearer ", fake.opaque(4), "' https://api.acme.test"],
    ['Proxy-Authorization', 'Proxy-Authorization: Basic ', fake.opaque(5, 24), '\n'],
    ['header array', '"authorization": ["Bearer ', fake.opaque(6), '"]'],
    ['Cookie header', 'Cookie: sid=', fake.opaque(7), '; theme=dark\n'],
    ['Set-Cookie header', 'Set-Cookie: session=', fake.opaque(8), '; HttpOnly; Secure\n'],
    ['a random-looking cookie of any name', 'Cookie: theme=dark; x=', fake.opaque(9), '\n'],
  ])('%s', (_form, before, secret, after) => {
    expectRedacted(before, secret, after, 'authorization_header');
  });

  it('names Basic credentials by what they decode to (user:password), whatever syntax carries them', () => {
    const basic = Buffer.from('svc:hunter2hunter2').toString('base64');
    expectRedacted('Authorization: Basic ', basic, '\r\n', 'basic_auth');
    // A HAR entry, Docker's config.json and npm's .npmrc carry the same base64 without a header line.
    expectRedacted('{"name": "Authorization", "value": "Basic ', basic, '"}', 'basic_auth');
    expectRedacted('{"auths": {"registry.acme.test": {"auth": "', basic, '"}}}', 'basic_auth');
    expectRedacted('//registry.npmjs.org/:_auth=', basic, '\n', 'basic_auth');
  });

  it('keeps base64 of a pair that is not a credential', () => {
    expectKept(`type ${Buffer.from('content-type:text/plain').toString('base64')}`);
    expectKept(`x ${Buffer.from('service:placeholder').toString('base64')}`);
  });

  it('names a JWT bearer token once, by its format', () => {
    const result = redact(`Authorization: Bearer ${fake.jwt()}`);
    expect(result.text).toBe('Authorization: Bearer [REDACTED:jwt]');
    expect(result.counts).toEqual({ jwt: 1 });
  });

  it('keeps analytics and preference cookies readable', () => {
    expectKept('Cookie: _ga=GA1.2.1234567890.1700000000; theme=dark; lang=en-GB');
  });

  it.each([
    `Authorization: Bearer \${TOKEN}`,
    'Authorization: Bearer <token>',
    'authorization: required',
    'Cookie: none',
  ])('keeps %s', (text) => {
    expectKept(text);
  });
});
