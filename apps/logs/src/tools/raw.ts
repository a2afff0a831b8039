import { defineTool, ErrorCode, type HandlerContext, ToolError } from '@gatehouse/kit';
import { z } from 'zod';
import type { RawLanguage } from '../backend.ts';
import type { Limits } from '../config.ts';
import { LIMIT_SETTINGS } from '../config.ts';
import { checkScan } from '../guards.ts';
import { parseDsl } from '../raw/dsl.ts';
import { parseEsql } from '../raw/esql.ts';
import { parsePpl } from '../raw/ppl.ts';
import type { Source, Sources } from '../sources.ts';
import { originTarget } from '../targets.ts';
import { timeRange } from '../time-range.ts';
import { filterInput, targetOf } from './common.ts';

/** Most rows one raw query answers (ES|QL gets `| LIMIT`, PPL `| head`, a DSL body its size capped). */
const MAX_ROWS = 100;

/**
 * The opt-in raw query (GATEHOUSE_LOGS_RAW_QUERIES, and the `logs:query` scope on top of `logs:read`): ES|QL on
 * Elasticsearch, PPL on OpenSearch, a query DSL body on both. It is a read: only the search endpoints are called,
 * and the query is checked, not trusted — its source command may name only indices the caller may read (each
 * authorized, so the audit record lists them), commands that reach other indices or run code are refused, the
 * time range is a filter outside the query, and the rows are capped.
 */
export function queryLogsTool(sources: Sources, limits: Limits) {
  return defineTool({
    name: 'query_logs',
    title: 'Query logs (raw)',
    description:
      'One ES|QL (Elasticsearch) or PPL (OpenSearch) query, or a query DSL JSON body, within since/until; at most 100 rows.',
    version: '1.0.0',
    access: 'read',
    scopes: ['logs:read', 'logs:query'],
    target: targetOf(sources),
    input: z.object({
      query: z.string().min(1).max(8000),
      source: filterInput.source,
      since: filterInput.since,
      until: filterInput.until,
    }),
    output: z.object({
      columns: z.array(z.string()),
      rows: z.array(z.array(z.unknown())),
      aggregations: z.string().optional(),
      warnings: z.array(z.string()).optional(),
    }),
    untrusted: ['columns.*', 'rows.*.*', 'aggregations', 'warnings'],
    async handler(input, ctx) {
      if (!limits.rawQueries) {
        // Not listed then either; kept as a second lock in case a definition is built with the tool in it.
        throw new ToolError(ErrorCode.NotConfigured, `Raw queries are off (${LIMIT_SETTINGS.rawQueries}).`);
      }
      const source = sources.get(input.source, ctx);
      const backend = source.backend;
      const text = input.query.trim();
      const language: RawLanguage | undefined = text.startsWith('{')
        ? 'dsl'
        : backend.kind === 'elasticsearch'
          ? 'esql'
          : backend.kind === 'opensearch'
            ? 'ppl'
            : undefined;
      if (!backend.raw || language === undefined || !backend.rawLanguages?.includes(language)) {
        throw new ToolError(
          ErrorCode.InvalidInput,
          `source: ${source.name} is ${backend.kind}; raw queries run on Elasticsearch (ES|QL, DSL) and OpenSearch (PPL, DSL) sources. Use search_logs.`,
        );
      }
      const range = timeRange(input, limits.maxRangeHours);
      let indices: string[];
      let query: string | Record<string, unknown>;
      if (language === 'dsl') {
        query = parseDsl(text);
        indices = (await sources.origins(source, undefined, ctx)).map((o) => o.name);
        for (const index of indices) ctx.authorizeTarget(originTarget(source.name, index));
      } else {
        const piped = language === 'esql' ? parseEsql(text) : parsePpl(text);
        indices = await resolveIndices(source, piped.indices, ctx);
        query = piped.build(indices, MAX_ROWS);
      }
      if (indices.length === 0) return { columns: [], rows: [] };
      checkScan(
        await backend.estimate({ from: range.from, to: range.to, origins: indices }, ctx.signal),
        limits,
      );
      const answer = await backend.raw(
        { language, query, indices, from: range.from, to: range.to, maxRows: MAX_ROWS },
        ctx.signal,
      );
      const warnings = [...answer.warnings];
      if (answer.rows.length >= MAX_ROWS)
        warnings.push(`at most ${MAX_ROWS} rows are answered; aggregate (STATS, stats) or narrow the query`);
      return {
        columns: answer.columns,
        rows: answer.rows.map((row) => row.map(cell)),
        ...(answer.aggregations !== undefined ? { aggregations: JSON.stringify(answer.aggregations) } : {}),
        ...(warnings.length > 0 ? { warnings } : {}),
      };
    },
  });
}

/** A cell as a value a table shows: arrays and objects (multi-valued fields) as JSON text. */
const cell = (value: unknown) =>
  value !== null && typeof value === 'object' ? JSON.stringify(value) : (value ?? null);

/**
 * The indices a query's source command names, as origins of the source: a plain name is authorized (a refusal
 * ends the call and is audited) and must be an index or data stream the source lists — never an alias or a
 * backing index; a `*` pattern becomes the origins it matches that the caller may read, each authorized.
 */
async function resolveIndices(
  source: Source,
  names: readonly string[],
  ctx: HandlerContext,
): Promise<string[]> {
  const all = await source.backend.origins(ctx.signal);
  const resolved = new Set<string>();
  for (const name of names) {
    if (name.includes('*')) {
      const pattern = new RegExp(`^${name.replace(/[.+]/g, '\\$&').replace(/\*/g, '.*')}$`);
      const matches = all.filter(
        (o) => pattern.test(o.name) && ctx.mayAccess(originTarget(source.name, o.name)),
      );
      if (matches.length === 0)
        throw new ToolError(
          ErrorCode.NotFound,
          `${name} matches no index of source ${source.name} you may read; list_sources shows them.`,
        );
      for (const o of matches) resolved.add(o.name);
      continue;
    }
    ctx.authorizeTarget(originTarget(source.name, name));
    if (!all.some((o) => o.name === name))
      throw new ToolError(
        ErrorCode.NotFound,
        `No index or data stream ${name} in source ${source.name} (aliases and backing indices are not origins); list_sources shows them.`,
      );
    resolved.add(name);
  }
  for (const name of resolved) ctx.authorizeTarget(originTarget(source.name, name));
  return [...resolved];
}
