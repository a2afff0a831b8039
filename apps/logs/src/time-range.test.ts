import { ToolError } from '@gatehouse/kit';
import { describe, expect, it } from 'vitest';
import { durationMs, pointMs, timeRange } from './time-range.ts';

describe('time points and durations', () => {
  it('reads a duration in s, m, h or d, and nothing else', () => {
    expect(durationMs('30s')).toBe(30_000);
    expect(durationMs('15m')).toBe(900_000);
    expect(durationMs('2h')).toBe(7_200_000);
    expect(durationMs('3d')).toBe(259_200_000);
    for (const bad of ['', '5', 'm', '1.5h', '2 h', '1w', '500ms', '123456m'])
      expect(durationMs(bad)).toBeUndefined();
  });

  it('places a duration that long before now, and an ISO timestamp where it says', () => {
    const now = Date.parse('2026-12-07T12:00:00Z');
    expect(pointMs('2h', now)).toBe(Date.parse('2026-12-07T10:00:00Z'));
    expect(pointMs('2026-12-07T09:30:00Z', now)).toBe(Date.parse('2026-12-07T09:30:00Z'));
  });

  it('refuses a backwards range and one wider than the limit, naming the setting', () => {
    const now = Date.parse('2026-12-07T12:00:00Z');
    expect(() => timeRange({ since: '1h', until: '2h' }, 24, now)).toThrow(ToolError);
    try {
      timeRange({ since: '3d' }, 24, now);
      expect.unreachable();
    } catch (error) {
      expect((error as ToolError).code).toBe('range_too_wide');
      expect((error as Error).message).toContain('GATEHOUSE_LOGS_MAX_RANGE_HOURS');
    }
  });
});
