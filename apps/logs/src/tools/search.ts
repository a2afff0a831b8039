import { defineTool } from '@gatehouse/kit';
import { z } from 'zod';
import type { Limits } from '../config.ts';
import { checkDepth } from '../guards.ts';
import type { Sources } from '../sources.ts';
import { filterInput, LEVEL_REASON, prepareQuery, TIME_REASON, targetOf } from './common.ts';
import { LINE_UNTRUSTED, LogLine, lineOf } from './lines.ts';

export function searchLogsTool(sources: Sources, limits: Limits) {
  return defineTool({
    name: 'search_logs',
    title: 'Search logs',
    description: 'Log lines matching filters, newest first.',
    version: '1.0.2',
    access: 'read',
    scopes: ['logs:read'],
    target: targetOf(sources),
    input: z.object({
      ...filterInput,
      fields: z.record(z.string(), z.string().max(200)).optional(),
      limit: z.number().int().min(1).max(100).default(30),
    }),
    output: z.object({
      lines: z.array(LogLine),
      matched: z.string(),
      warnings: z.array(z.string()).optional(),
    }),
    untrusted: [...LINE_UNTRUSTED('lines.*.'), 'warnings'],
    trusted: {
      'lines.*.time': TIME_REASON,
      'lines.*.level': LEVEL_REASON,
      matched: 'a count this server writes, "N" or "at least N"',
    },
    paginate: { items: 'lines', pageSize: 100 },
    async handler(input, ctx) {
      const { offset } = ctx.page;
      checkDepth(offset, input.limit, limits.maxResults);
      const { source, query } = await prepareQuery(sources, limits, input, ctx);
      if (query.origins.length === 0) return { lines: [], matched: '0' };
      const page = await source.backend.search(
        query,
        { offset, limit: input.limit, order: 'desc' },
        ctx.signal,
      );
      ctx.hasMore =
        offset + page.entries.length < page.matched && offset + page.entries.length < limits.maxResults;
      return {
        lines: page.entries.map(lineOf),
        matched: page.matchedIsLowerBound ? `at least ${page.matched}` : String(page.matched),
        ...(page.warnings.length > 0 ? { warnings: page.warnings } : {}),
      };
    },
  });
}
