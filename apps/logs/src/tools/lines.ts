import { z } from 'zod';
import type { LogEntry } from '../entry.ts';

/** One line as a row: the fields people act on. Stacks are left to get_trace and the example of a pattern. */
export const LogLine = z.object({
  time: z.string(),
  service: z.string().optional(),
  level: z.string().optional(),
  message: z.string(),
  traceId: z.string().optional(),
});

/** Everything in a line but its time and level is written by the service that logged it. */
export const LINE_UNTRUSTED = (prefix: string) =>
  ['service', 'message', 'traceId'].map((field) => `${prefix}${field}`);

export function lineOf(entry: LogEntry): z.infer<typeof LogLine> {
  return {
    time: new Date(entry.time).toISOString(),
    ...(entry.service !== undefined ? { service: entry.service } : {}),
    ...(entry.level !== undefined ? { level: entry.level } : {}),
    message: entry.message,
    ...(entry.traceId !== undefined ? { traceId: entry.traceId } : {}),
  };
}
