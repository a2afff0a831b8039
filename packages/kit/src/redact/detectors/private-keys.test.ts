import { describe, expect, it } from 'vitest';
import { expectKept, expectRedacted, redact } from '../test-expect.ts';
import { fake } from '../test-fixtures.ts';

describe('private keys', () => {
  it.each([
    'RSA PRIVATE KEY',
    'PRIVATE KEY',
    'EC PRIVATE KEY',
    'OPENSSH PRIVATE KEY',
    'ENCRYPTED PRIVATE KEY',
    'PGP PRIVATE KEY BLOCK',
  ])('redacts a whole %s block', (label) => {
    expectRedacted('key:\n', fake.privateKey(1, label), '\nnext line', 'private_key');
  });

  it('redacts a private key embedded in JSON with escaped newlines (GCP service account)', () => {
    const escaped = `${fake.privateKey(2, 'PRIVATE KEY').replace(/\n/g, '\\n')}\\n`;
    expectRedacted(
      '{"type": "service_account", "private_key": "',
      escaped,
      '", "client_id": "1"}',
      'private_key',
    );
  });

  it('redacts a truncated private key block through the end of its body', () => {
    const block = fake.privateKey(3).split('\n-----END')[0]!;
    expect(redact(`${block}`).text).toBe('[REDACTED:private_key]');
  });

  it('redacts a one-line key (an env var, a flattened Kubernetes value)', () => {
    const oneLine = fake.privateKey(4).replace(/\n/g, ' ');
    expectRedacted('TLS_KEY="', oneLine, '"', 'private_key');
  });

  it("redacts a PuTTY key file's private lines and MAC, keeping its public part", () => {
    const file = `PuTTY-User-Key-File-2: ssh-rsa\nEncryption: none\nComment: deploy\nPublic-Lines: 1\nAAAAB3NzaC1yc2EAAAADAQABAAAA\nPrivate-Lines: 2\n${fake.opaque(1, 64)}\n${fake.opaque(2, 40)}\nPrivate-MAC: ${fake.opaque(3, 40)}`;
    const result = redact(file);
    expect(result.text).toContain('Public-Lines: 1\nAAAAB3NzaC1yc2EAAAADAQABAAAA\nPrivate-Lines: 2');
    expect(result.text).not.toContain(fake.opaque(1, 64));
    expect(result.text).not.toContain(fake.opaque(3, 40));
  });

  it.each([
    '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ\n-----END CERTIFICATE-----',
    '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEF\n-----END PUBLIC KEY-----',
    '-----BEGIN OPENSSH PUBLIC KEY-----',
    'the file starts with -----BEGIN RSA PRIVATE KEY----- and is never committed.',
  ])('keeps %s (public, or prose about a key)', (text) => {
    if (text.startsWith('the file')) {
      expect(redact(text).text).toContain('and is never committed.');
      return;
    }
    expectKept(text);
  });
});
