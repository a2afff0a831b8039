import { defineTool } from '@gatehouse/kit';
import { z } from 'zod';
import type { Limits } from '../config.ts';
import type { Sources } from '../sources.ts';
import { filterInput, LEVEL_REASON, prepareQuery, TIME_REASON, targetOf } from './common.ts';
import { LINE_UNTRUSTED, LogLine, lineOf } from './lines.ts';

const MAX_TRACE_LINES = 200;

export function getTraceTool(sources: Sources, limits: Limits) {
  return defineTool({
    name: 'get_trace',
    title: 'Get a trace',
    description: 'Every line of one trace or request id across services, oldest first, with stacks.',
    version: '1.0.2',
    access: 'read',
    scopes: ['logs:read'],
    target: targetOf(sources),
    input: z.object({
      traceId: z.string().min(1).max(128),
      source: filterInput.source,
      since: filterInput.since.default('24h'),
      until: filterInput.until,
    }),
    output: z.object({
      lines: z.array(LogLine.extend({ stack: z.string().optional() })),
      matched: z.number().int(),
      warnings: z.array(z.string()).optional(),
    }),
    untrusted: [...LINE_UNTRUSTED('lines.*.'), 'lines.*.stack', 'warnings'],
    trusted: { 'lines.*.time': TIME_REASON, 'lines.*.level': LEVEL_REASON },
    async handler(input, ctx) {
      const { source, query } = await prepareQuery(sources, limits, input, ctx);
      if (query.origins.length === 0) return { lines: [], matched: 0 };
      const page = await source.backend.search(
        query,
        { offset: 0, limit: MAX_TRACE_LINES, order: 'asc' },
        ctx.signal,
      );
      const warnings = [...page.warnings];
      if (page.matched > page.entries.length)
        warnings.push(`showing the first ${page.entries.length} of ${page.matched} lines`);
      return {
        lines: page.entries.map((entry) => ({
          ...lineOf(entry),
          ...(entry.stack ? { stack: entry.stack } : {}),
        })),
        matched: page.matched,
        ...(warnings.length > 0 ? { warnings } : {}),
      };
    },
  });
}
