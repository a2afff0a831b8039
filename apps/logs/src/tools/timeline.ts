import { defineTool, ToolError } from '@gatehouse/kit';
import { z } from 'zod';
import type { Limits } from '../config.ts';
import { TemplateCache } from '../grouping/template.ts';
import type { Sources } from '../sources.ts';
import { durationMs } from '../time-range.ts';
import { filterInput, iso, prepareQuery, TIME_REASON, targetOf } from './common.ts';
import { LogLine, lineOf } from './lines.ts';

const { text: _text, ...filters } = filterInput;
/** The sizes `auto` picks from: the first that makes at most 40 buckets. */
const AUTO_INTERVALS = {
  '1m': 60_000,
  '5m': 300_000,
  '15m': 900_000,
  '1h': 3_600_000,
  '6h': 21_600_000,
  '1d': 86_400_000,
} as const;
const MAX_BUCKETS = 200;

export function errorTimelineTool(sources: Sources, limits: Limits) {
  return defineTool({
    name: 'error_timeline',
    title: 'Error timeline',
    description: 'Error counts per interval, with deploy markers.',
    version: '1.1.0',
    access: 'read',
    scopes: ['logs:read'],
    target: targetOf(sources),
    input: z.object({
      ...filters,
      since: filterInput.since.default('6h'),
      level: filterInput.level.default('error'),
      pattern: z.string().max(500).optional().describe('From find_recent_errors'),
      // Any duration, not an enum: an enum of sizes cost 34 tokens in every conversation, and the bucket cap
      // below refuses a size too small for the range.
      interval: z
        .string()
        .refine((value) => value === 'auto' || (durationMs(value) ?? 0) >= 1000, {
          message: 'expected auto or a duration of at least 1s, such as 30s, 5m, 1h or 1d',
        })
        .default('auto'),
    }),
    output: z.object({
      interval: z.string(),
      buckets: z.array(z.object({ start: z.string(), count: z.number().int() })),
      deploys: z.array(LogLine.pick({ time: true, service: true, message: true })),
      warnings: z.array(z.string()).optional(),
    }),
    untrusted: ['deploys.*.service', 'deploys.*.message', 'warnings'],
    trusted: {
      interval: 'auto’s pick or the caller’s duration, checked to be digits and s, m, h or d',
      'buckets.*.start': TIME_REASON,
      'deploys.*.time': TIME_REASON,
    },
    async handler(input, ctx) {
      const { pattern, interval, ...filters } = input;
      const { source, query, range } = await prepareQuery(sources, limits, filters, ctx);
      const span = range.to - range.from;
      const name =
        interval !== 'auto'
          ? interval
          : ((Object.keys(AUTO_INTERVALS) as (keyof typeof AUTO_INTERVALS)[]).find(
              (k) => span / AUTO_INTERVALS[k] <= 40,
            ) ?? '1d');
      const step = durationMs(name) as number;
      if (span / step > MAX_BUCKETS) {
        throw new ToolError(
          'too_many_buckets',
          `${name} over this range makes more than ${MAX_BUCKETS} intervals; pick a wider interval.`,
        );
      }
      if (query.origins.length === 0) return { interval: name, buckets: [], deploys: [] };
      let buckets: { start: number; count: number }[];
      const warnings: string[] = [];
      if (pattern === undefined) {
        const result = await source.backend.histogram(query, step, ctx.signal);
        buckets = result.buckets;
        warnings.push(...result.warnings);
      } else {
        // A pattern is this server's own template: lines are grouped here, as find_recent_errors does.
        const counts = new Array<number>(Math.ceil(span / step)).fill(0);
        const templates = new TemplateCache(4_000);
        const sample = await source.backend.sample(
          query,
          source.kind === 'files' ? Number.POSITIVE_INFINITY : limits.maxGroupingLines,
          (entry) => {
            // The pattern exactly as find_recent_errors names this line's group: the error type is templated too.
            const template = templates.of(entry.message);
            const named =
              entry.errorType === undefined ? template : `${templates.of(entry.errorType)}: ${template}`;
            if (named === pattern) {
              const at = Math.floor((entry.time - range.from) / step);
              counts[at] = (counts[at] ?? 0) + 1;
            }
          },
          ctx.signal,
        );
        warnings.push(...sample.warnings);
        if (!sample.complete)
          warnings.push(
            `counted the newest ${sample.visited} of ${sample.matched} lines (GATEHOUSE_LOGS_MAX_GROUPING_LINES)`,
          );
        buckets = counts.map((count, i) => ({ start: range.from + i * step, count }));
      }
      const deploys = await source.backend.search(
        {
          from: range.from,
          to: range.to,
          origins: query.origins,
          fields: { [source.deploy.field]: source.deploy.value },
        },
        { offset: 0, limit: 20, order: 'asc' },
        ctx.signal,
      );
      warnings.push(...deploys.warnings.filter((w) => !warnings.includes(w)));
      return {
        interval: name,
        buckets: buckets.map((b) => ({ start: iso(b.start), count: b.count })),
        deploys: deploys.entries.map((entry) => {
          const { time, service, message } = lineOf(entry);
          return { time, ...(service !== undefined ? { service } : {}), message };
        }),
        ...(warnings.length > 0 ? { warnings } : {}),
      };
    },
  });
}
