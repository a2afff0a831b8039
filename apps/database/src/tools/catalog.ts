import { defineTool, ErrorCode, ToolError } from '@gatehouse/kit';
import { z } from 'zod';
import { describeTable, findRelation, listSchemas, listTables, readOnly } from '../catalog.ts';
import type { Connections } from '../connections.ts';
import { formatBytes } from '../documents.ts';
import { readableDescription, readableTable } from '../readable-tables.ts';
import { databaseTarget, isSystemSchema, schemaTarget, tableTarget } from '../targets.ts';
import { databaseName, schemaName, tableName } from './schemas.ts';

const KIND_REASON = 'pg_class.relkind mapped to a word by the server';

export function listDatabasesTool(connections: Connections) {
  return defineTool({
    name: 'list_databases',
    title: 'List databases',
    description: 'Configured databases: host, database, role and the limits that apply to queries.',
    version: '1.0.1',
    access: 'read',
    scopes: ['db:read'],
    target: () => 'db:*',
    input: z.object({}),
    output: z.object({
      databases: z.array(
        z.object({
          name: z.string(),
          host: z.string(),
          database: z.string(),
          role: z.string(),
          maxRows: z.number(),
          statementTimeoutMs: z.number(),
          explainAnalyze: z.boolean(),
          maskRules: z.array(z.string()),
        }),
      ),
    }),
    trusted: { databases: "the server's own database config" },
    async handler() {
      return {
        databases: connections.all().map(({ config }) => {
          // The URL's password never leaves the server: only its parts are shown.
          const url = new URL(config.url);
          return {
            name: config.name,
            host: url.port ? `${url.hostname}:${url.port}` : url.hostname,
            database: decodeURIComponent(url.pathname.slice(1)),
            role: decodeURIComponent(url.username),
            maxRows: config.maxRows,
            statementTimeoutMs: config.statementTimeoutMs,
            explainAnalyze: config.allowExplainAnalyze,
            maskRules: config.masks,
          };
        }),
      };
    },
  });
}

export function listSchemasTool(connections: Connections) {
  return defineTool({
    name: 'list_schemas',
    title: 'List schemas',
    description: 'Schemas offered in a database, with owner, table count, size in bytes and comment.',
    version: '1.0.1',
    access: 'read',
    scopes: ['db:read'],
    target: ({ database }) => databaseTarget(database),
    input: z.object({ database: databaseName }),
    output: z.object({
      schemas: z.array(
        z.object({
          name: z.string(),
          owner: z.string(),
          comment: z.string().nullable(),
          tables: z.number(),
          bytes: z.number(),
          readable: z.boolean(),
        }),
      ),
    }),
    // Names and owners are chosen by whoever may create objects in the database, as comments are.
    untrusted: ['schemas.*.name', 'schemas.*.owner', 'schemas.*.comment'],
    async handler({ database }, ctx) {
      const db = connections.get(database);
      const schemas = await readOnly(db.pool, listSchemas);
      // Offered by the database's lists, and usable by this caller (a schema's own policy target).
      return {
        schemas: schemas.filter(
          (s) => !isSystemSchema(s.name) && ctx.mayAccess(schemaTarget(database, s.name)),
        ),
      };
    },
  });
}

export function listTablesTool(connections: Connections) {
  return defineTool({
    name: 'list_tables',
    title: 'List tables',
    description:
      'Tables and views with estimated rows, total size in bytes and comment; all offered schemas or one.',
    version: '1.0.1',
    access: 'read',
    scopes: ['db:read'],
    target: ({ database, schema }) => (schema ? schemaTarget(database, schema) : databaseTarget(database)),
    input: z.object({ database: databaseName, schema: schemaName.optional() }),
    output: z.object({
      tables: z.array(
        z.object({
          schema: z.string(),
          name: z.string(),
          kind: z.string(),
          rowEstimate: z.number().nullable(),
          bytes: z.number(),
          comment: z.string().nullable(),
        }),
      ),
    }),
    untrusted: ['tables.*.schema', 'tables.*.name', 'tables.*.comment'],
    trusted: { 'tables.*.kind': KIND_REASON },
    paginate: { items: 'tables', pageSize: 100 },
    async handler({ database, schema }, ctx) {
      const db = connections.get(database);
      const tables = await readOnly(db.pool, async (client) => {
        const schemas = schema ? [schema] : (await listSchemas(client)).map((s) => s.name);
        return listTables(
          client,
          // All of the database's own schemas, or the one asked for (the kit checked its target).
          schema ? schemas : schemas.filter((s) => !isSystemSchema(s)),
        );
      });
      // Only tables the caller could also read one by one: the database's lists and the caller's policy agree.
      const readable = readableTable(db, ctx.mayAccess);
      const offered = tables.filter((t) => readable(t.schema, t.name));
      const page = offered.slice(ctx.page.offset, ctx.page.offset + ctx.page.limit);
      ctx.hasMore = ctx.page.offset + page.length < offered.length;
      return { tables: page };
    },
  });
}

export function describeTableTool(connections: Connections) {
  return defineTool({
    name: 'describe_table',
    title: 'Describe a table',
    description: 'Columns (masked ones flagged), indexes, constraints, foreign keys in and out.',
    version: '1.0.1',
    access: 'read',
    scopes: ['db:read'],
    target: ({ database, schema, table }) => tableTarget(database, schema, table),
    input: z.object({ database: databaseName, schema: schemaName.default('public'), table: tableName }),
    output: z.object({
      kind: z.string(),
      comment: z.string().optional(),
      rowEstimate: z.number().optional(),
      bytes: z.number(),
      columns: z.array(
        z.object({
          name: z.string(),
          type: z.string(),
          nullable: z.boolean(),
          default: z.string().optional(),
          comment: z.string().optional(),
          masked: z.boolean().optional(),
        }),
      ),
      // Definitions as PostgreSQL prints them: one line each says more, in fewer tokens, than fields would.
      indexes: z.array(z.string()),
      constraints: z.array(z.string()),
      foreignKeysOut: z.array(z.string()),
      foreignKeysIn: z.array(z.string()),
    }),
    // Names, type names, defaults and definitions are DDL: whoever may create objects wrote them.
    untrusted: ['comment', 'columns.*', 'indexes', 'constraints', 'foreignKeysOut', 'foreignKeysIn'],
    trusted: { kind: KIND_REASON },
    async handler({ database, schema, table }, ctx) {
      const db = connections.get(database);
      const described = await readOnly(db.pool, async (client) => {
        const relation = await findRelation(client, schema, table);
        if (!relation) return undefined;
        return { relation, description: await describeTable(client, relation.oid) };
      });
      if (!described) {
        throw new ToolError(
          ErrorCode.NotFound,
          `No table ${schema}.${table} in ${database}; see list_tables.`,
        );
      }
      const { relation, description } = described;
      const readable = readableDescription(db, ctx.mayAccess, description);
      // Absent rather than null or false: the answer stays short for wide tables.
      return {
        kind: relation.kind,
        ...(relation.comment === null ? {} : { comment: relation.comment }),
        ...(relation.rowEstimate === null ? {} : { rowEstimate: relation.rowEstimate }),
        bytes: relation.bytes,
        columns: description.columns.map((c) => ({
          name: c.name,
          type: c.type,
          nullable: c.nullable,
          ...(c.default === null ? {} : { default: c.default }),
          ...(c.comment === null ? {} : { comment: c.comment }),
          ...(db.maskRules.covers({ schema, table, column: c.name }) ? { masked: true } : {}),
        })),
        indexes: description.indexes.map(
          (i) =>
            `${i.definition.replace(/^CREATE /, '')}${i.valid ? '' : ' INVALID'} (${formatBytes(i.bytes)})`,
        ),
        constraints: description.constraints.map((c) => `${c.name} ${c.definition}`),
        // Tables the caller may not see are not named, not even at the other end of a foreign key.
        foreignKeysOut: readable.foreignKeysOut.map((fk) => `${fk.name} ${fk.definition}`),
        foreignKeysIn: readable.foreignKeysIn.map((fk) => `${fk.from}: ${fk.name} ${fk.definition}`),
      };
    },
  });
}
