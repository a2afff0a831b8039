import { describe, expect, it } from 'vitest';
import { levelOf, levelsFrom, timeOf } from './entry.ts';

describe('levelOf', () => {
  it('reads pino/bunyan numbers and words in any case', () => {
    expect([10, 20, 30, 40, 50, 60].map(levelOf)).toEqual([
      'trace',
      'debug',
      'info',
      'warn',
      'error',
      'fatal',
    ]);
    expect(['ERROR', 'Warning', 'crit', 'INFO'].map(levelOf)).toEqual(['error', 'warn', 'fatal', 'info']);
    expect(levelOf('nonsense')).toBeUndefined();
    expect(levelOf({})).toBeUndefined();
  });

  it('levelsFrom is the level and everything more severe', () => {
    expect(levelsFrom('warn')).toEqual(['warn', 'error', 'fatal']);
  });
});

describe('timeOf', () => {
  it('reads ISO with and without a zone, epoch milliseconds and seconds', () => {
    const ms = Date.UTC(2026, 11, 7, 10, 0, 0);
    expect(timeOf('2026-12-07T10:00:00.000Z')).toBe(ms);
    expect(timeOf('2026-12-07T11:00:00+01:00')).toBe(ms);
    expect(timeOf('2026-12-07 10:00:00')).toBe(ms);
    expect(timeOf(ms)).toBe(ms);
    expect(timeOf(ms / 1000)).toBe(ms);
    expect(timeOf(String(ms))).toBe(ms);
    expect(timeOf('yesterday at noon')).toBeUndefined();
  });
});
