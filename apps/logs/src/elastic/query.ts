import type { LogQuery } from '../backend.ts';
import { LEVELS, type Level, levelOf } from '../entry.ts';
import type { FieldMapping } from '../fields.ts';

/** A query DSL clause: the same JSON for Elasticsearch and OpenSearch (bool, range, term(s), match). */
export type Clause = Record<string, unknown>;

/** Spellings a level field may hold for each level (lower and upper case), so `terms` finds them all. */
const SPELLINGS: Readonly<Record<Level, string[]>> = (() => {
  const words = [
    'trace',
    'verbose',
    'debug',
    'info',
    'information',
    'notice',
    'warn',
    'warning',
    'error',
    'err',
    'severe',
    'fatal',
    'critical',
    'crit',
    'alert',
    'emergency',
    'emerg',
    'panic',
  ];
  const out = Object.fromEntries(LEVELS.map((level) => [level, [] as string[]])) as Record<Level, string[]>;
  for (const word of words) {
    const level = levelOf(word) as Level;
    out[level].push(word, word.toUpperCase(), word[0]?.toUpperCase() + word.slice(1));
  }
  return out;
})();

/** The time range alone: what a cost estimate counts (the documents the cluster must look at). */
export function rangeClause(query: Pick<LogQuery, 'from' | 'to'>, fields: FieldMapping): Clause {
  return {
    range: {
      [fields.timestamp]: {
        gte: new Date(query.from).toISOString(),
        lt: new Date(query.to).toISOString(),
        format: 'strict_date_optional_time',
      },
    },
  };
}

/** The whole query: time range and every filter, as one bool filter (no scoring: logs sort by time). */
export function queryClause(query: LogQuery, fields: FieldMapping): Clause {
  const filter: Clause[] = [rangeClause(query, fields)];
  if (query.levels)
    filter.push({ terms: { [fields.level]: query.levels.flatMap((level) => SPELLINGS[level]) } });
  if (query.services) filter.push({ terms: { [fields.service]: [...query.services] } });
  if (query.traceId !== undefined) filter.push({ term: { [fields.traceId]: query.traceId } });
  for (const [name, value] of Object.entries(query.fields ?? {})) filter.push({ term: { [name]: value } });
  if (query.text !== undefined)
    filter.push({ match: { [fields.message]: { query: query.text, operator: 'and' } } });
  return { bool: { filter } };
}

/** The fields a hit's `_source` needs: the mapped ones and those the query filters on. */
export function sourceFields(fields: FieldMapping, query: LogQuery): string[] {
  return [...new Set([...Object.values(fields), ...Object.keys(query.fields ?? {})])];
}
