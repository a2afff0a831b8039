import type { HandlerContext } from '@gatehouse/kit';
import { z } from 'zod';
import type { LogQuery } from '../backend.ts';
import type { Limits } from '../config.ts';
import { LEVELS, levelsFrom } from '../entry.ts';
import { checkScan } from '../guards.ts';
import type { Source, Sources } from '../sources.ts';
import { sourceTarget } from '../targets.ts';
import { type TimeRange, timePoint, timeRange } from '../time-range.ts';

// Bounds without patterns: every listed schema costs tokens in every conversation, and an unknown source or
// origin is refused by name when the call runs (not_found, listing what there is). What the shared fields mean
// (time syntax, level as a minimum, fields as exact values) is said once, in the server's instructions
// (FILTER_WORDING), not repeated in every tool's schema.
export const sourceInput = z.string().max(40).optional();
export const originInput = z.string().max(300).optional();
export const filterInput = {
  source: sourceInput,
  origin: originInput,
  since: timePoint.default('1h'),
  until: timePoint.optional(),
  service: z.string().max(100).optional(),
  level: z.enum(LEVELS).optional(),
  text: z.string().max(200).optional(),
};

/** The declared target of a call on a source: the source itself; the origins it reads are checked while it runs. */
export const targetOf = (sources: Sources) => (input: { source?: string | undefined }) =>
  sourceTarget(input.source ?? (sources.names().length === 1 ? (sources.names()[0] as string) : '*'));

/** What the filter fields every tool shares mean: said once, in the server's instructions. */
export const FILTER_WORDING =
  'since/until: a duration ago (15m, 2h, 3d) or an ISO timestamp; interval: a duration or auto; level: that level and above; fields: exact values by field name.';

/** Reasons for the text fields every tool shares. */
export const TIME_REASON = 'an ISO timestamp this server formats';
export const LEVEL_REASON = 'one of the level names this server defines';

export interface Prepared {
  readonly source: Source;
  readonly query: LogQuery;
  readonly range: TimeRange;
}

/**
 * The source, authorized origins, time range and filters of a call, refused before anything is read when the
 * range or the estimated scan passes the operator's limits. `scanFrom` widens the scan (a baseline window).
 */
export async function prepareQuery(
  sources: Sources,
  limits: Limits,
  input: {
    source?: string | undefined;
    origin?: string | undefined;
    since: string;
    until?: string | undefined;
    service?: string | undefined;
    level?: (typeof LEVELS)[number] | undefined;
    text?: string | undefined;
    traceId?: string | undefined;
    fields?: Record<string, string> | undefined;
  },
  ctx: HandlerContext,
  widen?: (range: TimeRange) => TimeRange,
): Promise<Prepared> {
  const source = sources.get(input.source, ctx);
  const range = timeRange(input, limits.maxRangeHours);
  const scan = widen ? widen(range) : range;
  const origins = await sources.origins(source, input.origin, ctx);
  const query: LogQuery = {
    from: scan.from,
    to: scan.to,
    origins: origins.map((o) => o.name),
    ...(input.service !== undefined ? { services: [input.service] } : {}),
    ...(input.level !== undefined ? { levels: levelsFrom(input.level) } : {}),
    ...(input.text !== undefined ? { text: input.text } : {}),
    ...(input.traceId !== undefined ? { traceId: input.traceId } : {}),
    ...(input.fields !== undefined && Object.keys(input.fields).length > 0 ? { fields: input.fields } : {}),
  };
  if (query.origins.length > 0) checkScan(await source.backend.estimate(query, ctx.signal), limits);
  return { source, query, range };
}

export const iso = (ms: number) => new Date(ms).toISOString();
