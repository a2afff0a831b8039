import { defineTool } from '@gatehouse/kit';
import { z } from 'zod';
import type { Limits } from '../config.ts';
import { levelsFrom } from '../entry.ts';
import { ErrorGrouping } from '../grouping/groups.ts';
import type { Sources } from '../sources.ts';
import { filterInput, iso, prepareQuery, TIME_REASON, targetOf } from './common.ts';

const { level: _level, text: _text, ...filters } = filterInput;

export function findRecentErrorsTool(sources: Sources, limits: Limits) {
  return defineTool({
    name: 'find_recent_errors',
    title: 'Find recent errors',
    description: 'Error patterns with counts, services, example and trend vs the window before.',
    version: '1.0.2',
    access: 'read',
    scopes: ['logs:read'],
    target: targetOf(sources),
    input: z.object({ ...filters, limit: z.number().int().min(1).max(50).default(15) }),
    output: z.object({
      baseline: z.string(),
      errors: z.number().int(),
      patterns: z.array(
        z.object({
          trend: z.string(),
          count: z.number().int(),
          before: z.number().int(),
          pattern: z.string(),
          services: z.string(),
          firstSeen: z.string().optional(),
          lastSeen: z.string().optional(),
          example: z.string(),
        }),
      ),
      warnings: z.array(z.string()).optional(),
    }),
    untrusted: ['patterns.*.pattern', 'patterns.*.services', 'patterns.*.example', 'warnings'],
    trusted: {
      baseline: 'two ISO timestamps this server formats',
      'patterns.*.trend': 'new, rising, steady, falling or gone: set by this server',
      'patterns.*.firstSeen': TIME_REASON,
      'patterns.*.lastSeen': TIME_REASON,
    },
    async handler(input, ctx) {
      const { source, query, range } = await prepareQuery(
        sources,
        limits,
        { ...input, level: 'error' },
        ctx,
        // The baseline is the window of the same length just before: the scan covers both.
        (r) => ({ from: r.from - (r.to - r.from), to: r.to }),
      );
      const grouping = new ErrorGrouping(range.from);
      const warnings: string[] = [];
      let errors = 0;
      if (query.origins.length > 0) {
        const visit = (entry: Parameters<ErrorGrouping['add']>[0]) => {
          if (entry.time >= range.from) errors++;
          grouping.add(entry);
        };
        const levels = levelsFrom('error');
        // Files are read whole in one pass; a cluster returns at most maxGroupingLines per window, newest first.
        const windows =
          source.kind === 'files'
            ? [{ from: query.from, to: query.to, max: Number.POSITIVE_INFINITY }]
            : [
                { from: range.from, to: range.to, max: limits.maxGroupingLines },
                { from: query.from, to: range.from, max: limits.maxGroupingLines },
              ];
        for (const w of windows) {
          const result = await source.backend.sample(
            { ...query, levels, from: w.from, to: w.to },
            w.max,
            visit,
            ctx.signal,
          );
          warnings.push(...result.warnings);
          if (!result.complete) {
            warnings.push(
              `grouped the newest ${result.visited} of ${result.matched} error lines between ${iso(w.from)} and ${iso(w.to)} (GATEHOUSE_LOGS_MAX_GROUPING_LINES)`,
            );
            if (w.from === range.from) errors += result.matched - result.visited;
          }
        }
      }
      const groups = grouping.groups();
      const shown = groups.slice(0, input.limit);
      return {
        baseline: `${iso(query.from)} – ${iso(range.from)}`,
        errors,
        patterns: shown.map((g) => ({
          trend: g.trend,
          count: g.count,
          before: g.baseline,
          pattern: g.errorType ? `${g.errorType}: ${g.pattern}` : g.pattern,
          services: [...g.services].sort().join(', '),
          ...(g.count > 0 ? { firstSeen: iso(g.firstSeen), lastSeen: iso(g.lastSeen) } : {}),
          example: g.example,
        })),
        ...(warnings.length > 0 || groups.length > shown.length
          ? {
              warnings: [
                ...warnings,
                ...(groups.length > shown.length
                  ? [`${groups.length - shown.length} more patterns not shown (limit)`]
                  : []),
              ],
            }
          : {}),
      };
    },
  });
}
