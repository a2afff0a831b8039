import { defineTool, ErrorCode, ToolError } from '@gatehouse/kit';
import { z } from 'zod';
import { listSchemas, readOnly } from '../catalog.ts';
import type { Connections } from '../connections.ts';
import { recentMigrations } from '../migrations.ts';
import { readableTable } from '../readable-tables.ts';
import { type TableHealth, tableHealth } from '../table-health.ts';
import { databaseTarget, isSystemSchema, schemaTarget, tableTarget } from '../targets.ts';
import { databaseName, schemaName, tableName } from './schemas.ts';

export function tableHealthTool(connections: Connections) {
  return defineTool({
    name: 'table_health',
    title: 'Table health',
    description: 'Index use, scans, dead rows, bloat, last vacuum/analyze, findings; a table or a schema.',
    version: '1.0.1',
    access: 'read',
    scopes: ['db:read'],
    target: ({ database, schema, table }) =>
      table ? tableTarget(database, schema, table) : schemaTarget(database, schema),
    input: z.object({
      database: databaseName,
      schema: schemaName.default('public'),
      table: tableName.optional(),
    }),
    output: z.object({
      tables: z.array(
        z.object({
          table: z.string(),
          liveRows: z.number(),
          deadRows: z.number(),
          seqScans: z.number(),
          bytes: z.number(),
          bloatRatio: z.number().optional(),
          lastVacuum: z.string().optional(),
          lastAnalyze: z.string().optional(),
          indexScans: z.record(z.string(), z.number()),
          findings: z.array(z.string()),
        }),
      ),
    }),
    // Table and index names are DDL, and findings name them.
    untrusted: ['tables.*.table', 'tables.*.indexScans.*', 'tables.*.findings.*'],
    trusted: {
      'tables.*.lastVacuum': "a timestamp from PostgreSQL's statistics",
      'tables.*.lastAnalyze': "a timestamp from PostgreSQL's statistics",
    },
    paginate: { items: 'tables', pageSize: 20 },
    async handler({ database, schema, table }, ctx) {
      const db = connections.get(database);
      const all = await readOnly(db.pool, (client) => tableHealth(client, schema, table));
      if (table !== undefined && all.length === 0) {
        throw new ToolError(
          ErrorCode.NotFound,
          `No table ${schema}.${table} in ${database}; see list_tables.`,
        );
      }
      // Tables with findings first: they are what the caller came for.
      const readable = readableTable(db, ctx.mayAccess);
      const offered = all
        .filter((t) => readable(t.schema, t.table))
        .sort((a, b) => b.findings.length - a.findings.length || a.table.localeCompare(b.table));
      const page = offered.slice(ctx.page.offset, ctx.page.offset + ctx.page.limit);
      ctx.hasMore = ctx.page.offset + page.length < offered.length;
      return { tables: page.map(compactHealth) };
    },
  });
}

/** The fields people act on; absent rather than null keeps the contract small. */
function compactHealth(h: TableHealth) {
  return {
    table: `${h.schema}.${h.table}`,
    liveRows: h.liveRows,
    deadRows: h.deadRows,
    seqScans: h.seqScans,
    bytes: h.totalBytes,
    ...(h.estimatedBloatRatio === null ? {} : { bloatRatio: h.estimatedBloatRatio }),
    ...(h.lastVacuum === null ? {} : { lastVacuum: h.lastVacuum }),
    ...(h.lastAnalyze === null ? {} : { lastAnalyze: h.lastAnalyze }),
    indexScans: Object.fromEntries(h.indexes.map((i) => [i.name, i.scans])),
    findings: h.findings,
  };
}

export function recentMigrationsTool(connections: Connections) {
  return defineTool({
    name: 'recent_migrations',
    title: 'Recent migrations',
    description:
      'Latest applied schema migrations, newest first; detects Flyway, Liquibase, Prisma, Knex, Rails, Alembic, sqitch, golang-migrate.',
    version: '1.0.1',
    access: 'read',
    scopes: ['db:read'],
    target: ({ database }) => databaseTarget(database),
    input: z.object({ database: databaseName, limit: z.number().int().min(1).max(100).default(10) }),
    output: z.object({
      histories: z.array(
        z.object({
          tool: z.string(),
          table: z.string(),
          entries: z.array(
            z.object({
              version: z.string(),
              description: z.string().nullable(),
              appliedAt: z.string().nullable(),
              success: z.boolean().nullable(),
            }),
          ),
          note: z.string().optional(),
        }),
      ),
    }),
    // The history table's rows are the migration tool's, written from the project's migration files.
    untrusted: ['histories.*.table', 'histories.*.entries.*'],
    trusted: {
      'histories.*.tool': 'one of the migration tools the server detects',
      'histories.*.note': "the server's note for that tool",
    },
    async handler({ database, limit }, ctx) {
      const db = connections.get(database);
      const histories = await readOnly(db.pool, async (client) => {
        const schemas = (await listSchemas(client)).map((s) => s.name).filter((s) => !isSystemSchema(s));
        // A history table is read like any other: the database's lists and the caller's policy both apply.
        return recentMigrations(client, schemas, limit, readableTable(db, ctx.mayAccess));
      });
      return { histories };
    },
  });
}
