import { ToolError } from '@gatehouse/kit';
import { z } from 'zod';
import { LIMIT_SETTINGS } from './config.ts';

const UNITS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const RELATIVE = /^(\d{1,5})([smhd])$/;

/** A point in time: relative to now (`15m`, `2h`, `3d`: that long ago) or an ISO 8601 timestamp. */
// Bounded in the check, not with maxLength: the check already refuses anything longer than a timestamp, and
// every keyword of a listed schema costs tokens in every conversation (two time fields on four tools).
export const timePoint = z
  .string()
  .refine((value) => value.length <= 40 && (RELATIVE.test(value) || !Number.isNaN(Date.parse(value))), {
    message:
      'expected a duration ago such as 15m, 2h or 3d, or an ISO timestamp such as 2026-12-07T10:00:00Z',
  });

export function pointMs(value: string, now: number): number {
  const relative = durationMs(value);
  return relative !== undefined ? now - relative : Date.parse(value);
}

/** A duration such as `15m`, `2h` or `3d` in ms; undefined for anything else. */
export function durationMs(value: string): number | undefined {
  const relative = RELATIVE.exec(value);
  return relative ? Number(relative[1]) * (UNITS[relative[2] as string] as number) : undefined;
}

export interface TimeRange {
  readonly from: number;
  readonly to: number;
}

/** The range a call asked for, refused when it is backwards or wider than the operator allows. */
export function timeRange(
  input: { since: string; until?: string | undefined },
  maxRangeHours: number,
  now = Date.now(),
): TimeRange {
  const from = pointMs(input.since, now);
  const to = input.until === undefined ? now : pointMs(input.until, now);
  if (to <= from) {
    throw new ToolError(
      'invalid_range',
      `since (${input.since}) must be before until (${input.until ?? 'now'}).`,
    );
  }
  const hours = (to - from) / 3_600_000;
  if (hours > maxRangeHours) {
    throw new ToolError(
      'range_too_wide',
      `The range covers ${hours.toFixed(1)} h; at most ${maxRangeHours} h is allowed (${LIMIT_SETTINGS.maxRangeHours}). Narrow since/until.`,
      {
        details: {
          limit: LIMIT_SETTINGS.maxRangeHours,
          maxHours: maxRangeHours,
          askedHours: Math.round(hours * 10) / 10,
        },
      },
    );
  }
  return { from, to };
}
