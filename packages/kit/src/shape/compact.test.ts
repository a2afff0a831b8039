import { describe, expect, it } from 'vitest';
import { compactTimestamp } from './compact.ts';

describe('compactTimestamp', () => {
  it.each([
    ['2026-11-12T12:00:00.000Z', '2026-11-12T12:00Z'],
    ['2026-12-01T10:00:00.000+0000', '2026-12-01T10:00Z'],
    ['2026-12-01T10:00:00+00:00', '2026-12-01T10:00Z'],
    ['2026-12-01T10:00:00Z', '2026-12-01T10:00Z'],
    ['2026-12-01T10:00:05.000Z', '2026-12-01T10:00:05Z'],
    ['2026-12-01T10:00:00.000-0500', '2026-12-01T10:00-0500'],
    ['2026-12-01T10:00:00.000', '2026-12-01T10:00'],
  ])('shortens %s to %s, the same instant', (long, short) => {
    expect(compactTimestamp(long)).toBe(short);
    expect(new Date(short).getTime()).toBe(new Date(long).getTime());
    // Shortening it again changes nothing.
    expect(compactTimestamp(short)).toBe(short);
  });

  it.each([
    ['a non-zero fraction', '2026-12-01T10:00:00.250Z'],
    ['a non-zero second', '2026-12-01T10:00:59Z'],
    ['an offset other than zero', '2026-12-01T10:00+05:30'],
    ['"offset unknown" (RFC 3339 -00:00), never turned into Z', '2026-12-01T10:00-00:00'],
    ['a date alone', '2026-12-01'],
    ['a timestamp inside other text', 'due 2026-12-01T10:00:00.000Z'],
    ['text after it', '2026-12-01T10:00:00.000Z and more'],
    ['a date-like word', '2026-12-01Tea:00:00Z'],
  ])('keeps %s as written', (_name, text) => {
    expect(compactTimestamp(text)).toBe(text);
  });
});
