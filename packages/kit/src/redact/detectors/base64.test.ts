import { describe, expect, it } from 'vitest';
import { expectKept, redact } from '../test-expect.ts';
import { chars, fake } from '../test-fixtures.ts';

const b64 = (s: string): string => Buffer.from(s).toString('base64');
const b64url = (s: string): string => Buffer.from(s).toString('base64url');

describe('secrets written in base64', () => {
  it.each([
    ['a token in a Kubernetes Secret', '  GITHUB_TOKEN: ', b64(fake.githubClassic(3)), '\n', 'github_token'],
    [
      'a credential URL in an env var',
      'DATABASE_URL=',
      b64(`postgres://app:${fake.opaque(2, 14)}@db.internal:5432/app`),
      '\n',
      'url_password',
    ],
    ['a token in base64url, unpadded', '{"tokenB64": "', b64url(fake.gitlab(4)), '"}', 'gitlab_token'],
    ['echo … | base64 -d', 'echo ', b64(fake.npm(5)), ' | base64 -d > ~/.npmrc', 'npm_token'],
    ['a private key file', '  tls.key: ', b64(fake.privateKey(6)), '\n', 'private_key'],
  ])('%s', (_name, before, encoded, after, kind) => {
    const result = redact(`${before}${encoded}${after}`);
    expect(result.text).toBe(`${before}[REDACTED:${kind}]${after}`);
  });

  it('joins a blob wrapped at 76 columns before decoding it', () => {
    const wrapped = b64(`token=${fake.githubClassic(7)} and some more text to make it wrap twice`).match(
      /.{1,76}/g,
    )!;
    const result = redact(wrapped.join('\n'));
    expect(result.text).toBe('[REDACTED:github_token]');
  });
});

describe('base64 that holds no secret is kept', () => {
  it.each([
    [
      'an image',
      `data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==`,
    ],
    ['random bytes', Buffer.from(chars(96, 3)).toString('base64').replace(/[a-z]/g, 'Q')],
    ['a certificate', b64('-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ\n-----END CERTIFICATE-----\n')],
    ['text without a secret', b64('{"user": "alice", "role": "admin", "theme": "dark"}')],
    ['a short user name', 'username: YWRtaW4=\n'],
  ])('%s', (_name, text) => {
    expectKept(text);
  });
});
