import { describe, expect, it } from 'vitest';
import { messageTemplate } from './template.ts';

describe('messageTemplate', () => {
  it.each([
    ['Order 8812 failed after 1532ms', 'Order <n> failed after <duration>'],
    ['payment 9f1c2e4a-1b2c-4d5e-8f90-1234567890ab declined', 'payment <uuid> declined'],
    ['GET https://api.example.com/v1/orders?id=3 returned 502', 'GET <url> returned <n>'],
    ['connect ECONNREFUSED 10.0.3.17:5432', 'connect ECONNREFUSED <ip>'],
    ['ENOENT: no such file, open /var/lib/app/cache/ab.json', 'ENOENT: no such file, open <path>'],
    ['commit 3f9a2c1d8e7b not found', 'commit <hex> not found'],
    ['user "mara" not found', 'user <str> not found'],
    ['card declined for cus_9Xk2PqA7', 'card declined for <id>'],
    ['mail to ana.lopez@example.org bounced', 'mail to <email> bounced'],
    ['retry 3/5 in 2.5 s', 'retry <n>/<n> in <duration>'],
  ])('%s → %s', (message, template) => {
    expect(messageTemplate(message)).toBe(template);
  });

  it('keeps words that only look like ids: versions, encodings, protocol names', () => {
    expect(messageTemplate('TLS handshake failed (http2, utf-8, ES256)')).toBe(
      'TLS handshake failed (http2, utf-8, ES256)',
    );
  });

  it('groups on the first line only: stack frames differ by line number', () => {
    expect(messageTemplate('TypeError: x is undefined\n    at f (a.js:10:3)')).toBe(
      'TypeError: x is undefined',
    );
  });
});
