import { describe, expect, it } from 'vitest';
import { isPlaceholder, isPlaceholderToken } from './placeholders.ts';

describe('placeholders', () => {
  it.each([
    '<YOUR_TOKEN>',
    '<your-api-key>',
    '<Your API Key>',
    'YOUR_API_KEY_HERE',
    'your_password_here',
    'xxxxxxxxxxxxxxxx',
    'changeme',
    'CHANGEME',
    'ChangeMe',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal environment reference, the placeholder itself
    '${DB_PASSWORD}',
    '$API_TOKEN',
    '%API_KEY%',
    '{{ secrets.GITHUB_TOKEN }}',
    '********',
    'REPLACE_ME',
    'replace-with-your-key',
    'example-secret',
    'dummy-token',
    'sk-...',
    'TODO',
    'process.env.DB_PASSWORD',
    '[REDACTED:secret_assignment]',
    // Names of the secret in place of it, in every casing and template wrapping.
    'DB_PASSWORD',
    'mySecretKey',
    'NotARealKey',
    'fill-me-in',
    '{test_api_key}',
    '[INSERT_TOKEN_HERE]',
    '__ACCESS_KEY__',
    '@@SECRET@@',
    '#{SECRET}',
    '(hidden)',
    'db.password',
    // Counting sequences typed as examples.
    '12345678',
    'abcdefghijklmnopqrstuvwxyz',
    '1234567890abcdef',
    // Empty cells and examples with a number.
    'N/A',
    'password123',
    'Test1',
    'hunter2',
    'P@ssw0rd!',
    'Passw0rd1',
    'letmein',
  ])('%s is a placeholder', (value) => {
    expect(isPlaceholder(value)).toBe(true);
  });

  it.each([
    'Xk9#mQ2vL7pR',
    'hunter2hunter2',
    'correct-horse-battery-staple',
    'P@ssw0rd!2024',
    'MyDogRex2019',
    'secret-garden-42',
    'tokenMasterKeyX9',
    '1234567x',
  ])('%s is not', (value) => {
    expect(isPlaceholder(value)).toBe(false);
  });

  it('tells a mask or an example inside a token body from a random one', () => {
    expect(isPlaceholderToken('x'.repeat(36))).toBe(true);
    expect(isPlaceholderToken('IOSFODNN7EXAMPLE')).toBe(true);
    expect(isPlaceholderToken('YOUR_KEY_HERE_xxxxxxxx')).toBe(true);
    expect(isPlaceholderToken('aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3z5')).toBe(false);
  });
});
