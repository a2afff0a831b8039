import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../entry.ts';
import { ErrorGrouping, trendOf } from './groups.ts';

const T = Date.UTC(2026, 11, 7, 10);
const line = (minutes: number, message: string, service = 'api', errorType?: string): LogEntry => ({
  time: T + minutes * 60_000,
  message,
  service,
  origin: 'x',
  ...(errorType ? { errorType } : {}),
});

describe('ErrorGrouping', () => {
  it('groups by template, counts window and baseline apart, and orders new and rising first', () => {
    const grouping = new ErrorGrouping(T);
    // baseline window: before T
    for (const m of [-50, -40]) grouping.add(line(m, `cache miss for key ${m + 100}`));
    grouping.add(line(-30, 'disk full on /var/lib/pg/data'));
    for (const m of [-20, -10, -5]) grouping.add(line(m, `timeout after ${m * -100}ms`));
    // window
    for (const m of [1, 2, 3, 4, 5])
      grouping.add(line(m, `timeout after ${m * 100}ms`, m % 2 ? 'api' : 'worker'));
    grouping.add(line(6, 'cache miss for key 106'));
    grouping.add(line(7, 'TypeError: x is undefined', 'api', 'TypeError'));
    grouping.add(line(9, 'TypeError: x is undefined', 'api', 'TypeError'));
    const groups = grouping.groups();
    expect(groups.map((g) => [g.trend, g.pattern, g.count, g.baseline])).toEqual([
      ['new', 'TypeError: x is undefined', 2, 0],
      ['steady', 'timeout after <duration>', 5, 3],
      ['falling', 'cache miss for key <n>', 1, 2],
      ['gone', 'disk full on <path>', 0, 1],
    ]);
    const timeout = groups[1];
    expect([...(timeout?.services ?? [])].sort()).toEqual(['api', 'worker']);
    expect(timeout?.firstSeen).toBe(T + 60_000);
    expect(timeout?.lastSeen).toBe(T + 5 * 60_000);
    // The example is the window's newest line, never a baseline one while the window has one.
    expect(timeout?.example).toBe('timeout after 500ms');
    expect(groups[3]?.example).toBe('disk full on /var/lib/pg/data');
  });

  it('trendOf: new, rising at twice the baseline, falling at half, gone at zero', () => {
    expect([trendOf(3, 0), trendOf(6, 3), trendOf(5, 3), trendOf(1, 2), trendOf(0, 4)]).toEqual([
      'new',
      'rising',
      'steady',
      'falling',
      'gone',
    ]);
  });
});
