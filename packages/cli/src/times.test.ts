import { describe, expect, it } from 'vitest';
import { fromNow, shortTime } from './times.ts';

describe('times', () => {
  it('trims ISO times for columns', () => {
    expect(shortTime('2026-11-24T09:30:05.123Z')).toBe('2026-11-24 09:30:05Z');
    expect(shortTime(undefined)).toBeUndefined();
    expect(shortTime('not a time')).toBe('not a time');
  });

  it('says how far a time is from now in its largest whole unit', () => {
    const now = Date.parse('2026-11-24T10:00:00Z');
    expect(fromNow('2026-11-24T10:00:45Z', now)).toBe('in 45s');
    expect(fromNow('2026-11-24T10:14:59Z', now)).toBe('in 14m');
    expect(fromNow('2026-11-24T07:00:00Z', now)).toBe('3h ago');
    expect(fromNow('2026-11-26T10:00:00Z', now)).toBe('in 2d');
  });
});
