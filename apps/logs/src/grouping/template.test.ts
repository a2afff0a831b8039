import { describe, expect, it } from 'vitest';
import { messageTemplate, TemplateCache } from './template.ts';

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

describe('TemplateCache', () => {
  // Messages whose digits decide a match (hex needs one, `0x` is a literal, kept digits like ES256), each with
  // variants of other digits: the cache must answer exactly what the regex answers for every one of them.
  const SHAPES = [
    'Order # failed after #ms',
    'object #a#b#c#d#e#f#a#b missing from cache',
    'pointer 0x#f#a#b#c#d#e#f at #x#',
    'TLS handshake failed (http#, utf-#, ES#)',
    'connect ECONNREFUSED #.#.#.#:#',
    'request #f#c#e#a-#b#c-#d#e-#f#-#ab rejected',
    'job # failed: retry #/# in #.# s',
    'v#.#.# of cus_#A#b released at # x',
    'mail to ana#@example.org bounced after #',
    'line one #\n  at f (a.js:#:#)',
    '#',
    'abcdef# deadbeef #0x#',
  ];
  const fill = (shape: string, seed: number) => {
    let n = seed;
    return shape.replace(/#/g, () => {
      n = (n * 7919 + 13) % 100_003;
      return String(n % (seed % 3 === 0 ? 10 : 100_000));
    });
  };

  it('answers what messageTemplate answers, for every digit variant of a shape', () => {
    const cache = new TemplateCache(100);
    for (const shape of SHAPES) {
      for (let seed = 0; seed < 60; seed++) {
        const message = fill(shape, seed);
        expect(cache.of(message), message).toBe(messageTemplate(message));
      }
    }
  });

  it('tells `0x` apart from other digits before x', () => {
    const cache = new TemplateCache(10);
    expect(cache.of('at 1x12345678abcdef')).toBe(messageTemplate('at 1x12345678abcdef'));
    expect(cache.of('at 0x12345678abcdef')).toBe('at <hex>');
    expect(cache.of('at 1x12345678abcdef')).toBe(messageTemplate('at 1x12345678abcdef'));
  });

  it('stays within its capacity and still answers past it', () => {
    const cache = new TemplateCache(2);
    const messages = ['alpha 1', 'beta 2', 'gamma 3', 'ES256 4', 'ES257 5', 'ES258 6'];
    for (const m of messages) expect(cache.of(m)).toBe(messageTemplate(m));
    for (const m of messages) expect(cache.of(m)).toBe(messageTemplate(m));
  });
});

describe('TemplateCache under a run of one-off messages', () => {
  it('keeps answering the recurring shapes right after a flood of messages seen once', () => {
    const cache = new TemplateCache(8);
    const recurring = ['payment 12 failed after 30ms', 'invoice inv_4411 not found'];
    for (let i = 0; i < 100; i++) {
      const oneOff = `lookup deadbeef${i.toString(16).padStart(4, 'a')} trace=${(i * 7919).toString(16)}`;
      expect(cache.of(oneOff)).toBe(messageTemplate(oneOff));
      const again = recurring[i % 2] as string;
      expect(cache.of(again)).toBe(messageTemplate(again));
    }
  });
});
