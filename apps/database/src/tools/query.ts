import { defineTool, ErrorCode, ToolError } from '@gatehouse/kit';
import { z } from 'zod';
import { findRelation, quoteIdent, readOnly } from '../catalog.ts';
import type { Connections } from '../connections.ts';
import type { QueryResult } from '../read-only-query.ts';
import { runForCaller } from '../statement-check.ts';
import { databaseTarget, tableTarget } from '../targets.ts';
import { explainStatement } from './explain.ts';
import {
  databaseName,
  ResultColumns,
  ResultRows,
  schemaName,
  sqlText,
  Truncated,
  tableName,
} from './schemas.ts';

/**
 * A result column-wise: the names once, each row a list of cells (the kit shows it as one table). What is
 * derivable is left out — the row count is the rows' length; `masked` and `truncated` appear only when there is
 * something to say.
 */
const ResultShape = z.object({
  columns: ResultColumns,
  rows: ResultRows,
  masked: z.array(z.string()).optional(),
  truncated: Truncated,
});

/** Column names come from the query and the database's DDL, values from its rows. */
const RESULT_UNTRUSTED = ['columns.*', 'rows.*.*', 'masked.*'];

function shape(result: QueryResult): z.infer<typeof ResultShape> {
  return {
    columns: [...result.columns],
    rows: [...result.rows],
    ...(result.masked.length > 0 ? { masked: [...result.masked] } : {}),
    ...(result.truncated === false ? {} : { truncated: result.truncated }),
  };
}

export function queryTool(connections: Connections) {
  return defineTool({
    name: 'query',
    title: 'Run a read-only query',
    description:
      'Run one read-only SQL statement (SELECT, VALUES, TABLE, SHOW); results capped and paged. Masked columns read [masked].',
    version: '2.0.1',
    access: 'read',
    scopes: ['db:read'],
    target: ({ database }) => databaseTarget(database),
    input: z.object({ database: databaseName, sql: sqlText }),
    output: ResultShape,
    untrusted: RESULT_UNTRUSTED,
    paginate: { items: 'rows', pageSize: 100 },
    async handler({ database, sql }, ctx) {
      const db = connections.get(database);
      // Authorized on the database before the SQL was parsed: every table it reaches is checked by the plan.
      const result = await runForCaller(
        db,
        sql,
        {
          offset: ctx.page.offset,
          limits: { ...db.limits, maxRows: Math.min(db.config.maxRows, ctx.page.limit) },
          signal: ctx.signal,
        },
        ctx.authorizeTarget,
        (plan) => {
          if (plan.analysis.kind === 'explain') {
            throw new ToolError(
              ErrorCode.InvalidInput,
              'EXPLAIN is not run by query: call explain_query with the statement itself (without EXPLAIN); it returns the plan summarised.',
            );
          }
        },
      );
      ctx.hasMore = result.truncated !== false;
      return shape(result);
    },
  });
}

export function sampleRowsTool(connections: Connections) {
  return defineTool({
    name: 'sample_rows',
    title: 'Sample rows',
    description: 'A few rows of a table, to see what the data looks like; masked columns show [masked].',
    version: '2.0.1',
    access: 'read',
    scopes: ['db:read'],
    target: ({ database, schema, table }) => tableTarget(database, schema, table),
    input: z.object({
      database: databaseName,
      schema: schemaName.default('public'),
      table: tableName,
      limit: z.number().int().min(1).max(20).default(5),
    }),
    output: ResultShape,
    untrusted: RESULT_UNTRUSTED,
    async handler({ database, schema, table, limit }, ctx) {
      const db = connections.get(database);
      const exists = await readOnly(db.pool, (client) => findRelation(client, schema, table));
      if (!exists)
        throw new ToolError(
          ErrorCode.NotFound,
          `No table ${schema}.${table} in ${database}; see list_tables.`,
        );
      // The same checks as a query: a view's rows come from what it reaches, checked against the caller's policy.
      const result = await runForCaller(
        db,
        `SELECT * FROM ${quoteIdent(schema)}.${quoteIdent(table)}`,
        {
          offset: 0,
          limits: { ...db.limits, maxRows: Math.min(limit, db.config.maxRows) },
          signal: ctx.signal,
        },
        ctx.authorizeTarget,
      );
      return shape(result);
    },
  });
}

export function explainQueryTool(connections: Connections) {
  return defineTool({
    name: 'explain_query',
    title: 'Explain a query',
    description:
      "The plan of one read-only statement, summarised: top nodes, estimated rows and cost, warnings. analyze runs it (only where the database's settings allow).",
    version: '1.0.1',
    access: 'read',
    scopes: ['db:read'],
    target: ({ database }) => databaseTarget(database),
    input: z.object({
      database: databaseName,
      sql: sqlText.describe('The statement to explain, without EXPLAIN'),
      analyze: z.boolean().default(false),
    }),
    output: z.object({
      totalCost: z.number(),
      estimatedRows: z.number(),
      planningTimeMs: z.number().optional(),
      executionTimeMs: z.number().optional(),
      nodeCount: z.number(),
      nodes: z.array(
        z.object({
          depth: z.number(),
          node: z.string(),
          estimatedRows: z.number(),
          totalCost: z.number(),
          actualRows: z.number().optional(),
          actualTimeMs: z.number().optional(),
          condition: z.string().optional(),
        }),
      ),
      warnings: z.array(z.string()),
    }),
    // Plan nodes name relations and indexes; conditions quote the statement, views and their literals.
    untrusted: ['nodes.*.node', 'nodes.*.condition', 'warnings.*'],
    async handler({ database, sql, analyze }, ctx) {
      const db = connections.get(database);
      return (await explainStatement(db, sql, analyze, ctx.signal, ctx.authorizeTarget)).summary;
    },
  });
}
