import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSignedTokenCodec } from './signed-token.ts';

describe('signed tokens', () => {
  const key = randomBytes(32);

  it('gives back the payload of a token it signed, however many times it signs', () => {
    const cursors = createSignedTokenCodec(key, 'cursor');
    for (let offset = 0; offset < 3; offset++) {
      expect(cursors.verify(cursors.sign({ offset, sql: 'SELECT 1' }))).toEqual({ offset, sql: 'SELECT 1' });
    }
  });

  it('refuses a token of another purpose, another key, or with its body changed', () => {
    const cursors = createSignedTokenCodec(key, 'cursor');
    const token = cursors.sign({ offset: 100 });
    expect(createSignedTokenCodec(key, 'approval').verify(token)).toBeUndefined();
    expect(createSignedTokenCodec(randomBytes(32), 'cursor').verify(token)).toBeUndefined();
    const [, mac] = token.split('.');
    const forged = `${Buffer.from(JSON.stringify({ offset: 0 })).toString('base64url')}.${mac}`;
    expect(cursors.verify(forged)).toBeUndefined();
    expect(cursors.verify('not-a-token')).toBeUndefined();
  });

  it('refuses a key shorter than 32 bytes', () => {
    expect(() => createSignedTokenCodec(randomBytes(16), 'cursor')).toThrow('at least 32 bytes');
  });
});
