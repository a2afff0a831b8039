import { defineResource, ErrorCode, type ResourceListing, ToolError } from '@gatehouse/kit';
import { withinBoundaries } from './boundaries.ts';
import { describeTable, findRelation, listSchemas, listTables, readOnly } from './catalog.ts';
import type { Connections } from './connections.ts';
import { migrationsDocument, tableDocument } from './documents.ts';
import { recentMigrations } from './migrations.ts';
import { readableDescription, readableTable } from './readable-tables.ts';
import { databaseTarget, isSystemSchema, schemaTarget, tableTarget } from './targets.ts';

/** Listing stops here: a resource list is for browsing, list_tables pages through the rest. */
const MAX_LISTED_TABLES = 500;

export function databaseResources(connections: Connections) {
  return [
    defineResource({
      name: 'table',
      title: 'Table schema',
      description: 'A table as a document: columns, indexes, constraints, foreign keys, size and comments.',
      version: '1.0.1',
      scopes: ['db:read'],
      mimeType: 'text/markdown',
      uri: 'db://{database}/{schema}/{table}',
      target: ({ database, schema, table }) => tableTarget(database ?? '', schema ?? '', table ?? ''),
      // Comments are written by whoever owns the schema: text to read, not instructions.
      untrusted: true,
      async list() {
        const listings: ResourceListing[] = [];
        for (const db of connections.all()) {
          const tables = await readOnly(db.pool, async (client) => {
            // Nobody asks here: what the database's own boundaries offer is listed, each read checks its caller.
            const schemas = (await listSchemas(client))
              .map((s) => s.name)
              .filter((s) => !isSystemSchema(s) && withinBoundaries(db.boundaries, schemaTarget(db.name, s)));
            return listTables(client, schemas);
          }).catch(() => []);
          for (const t of tables) {
            if (listings.length >= MAX_LISTED_TABLES) return listings;
            if (!withinBoundaries(db.boundaries, tableTarget(db.name, t.schema, t.name))) continue;
            listings.push({
              uri: `db://${db.name}/${encodeURIComponent(t.schema)}/${encodeURIComponent(t.name)}`,
              name: `${db.name}/${t.schema}.${t.name}`,
              title: `${t.schema}.${t.name} (${t.kind})`,
              mimeType: 'text/markdown',
            });
          }
        }
        return listings;
      },
      async read({ database = '', schema = '', table = '' }, ctx) {
        const db = connections.get(database);
        const found = await readOnly(db.pool, async (client) => {
          const relation = await findRelation(client, schema, table);
          return relation && { relation, description: await describeTable(client, relation.oid) };
        });
        if (!found) throw new ToolError(ErrorCode.NotFound, `No table ${schema}.${table} in ${database}.`);
        // As describe_table: tables the caller may not read are not named, not even as a foreign key's source.
        const description = readableDescription(db, ctx.mayAccess, found.description);
        return {
          text: tableDocument(database, schema, table, found.relation, description, (column) =>
            db.maskRules.covers({ schema, table, column }),
          ),
        };
      },
    }),
    defineResource({
      name: 'migrations',
      title: 'Migration history',
      description: 'The latest 50 applied migrations of a database, per detected migration tool.',
      version: '1.0.1',
      scopes: ['db:read'],
      mimeType: 'text/markdown',
      uri: 'db://{database}/migrations',
      target: ({ database }) => databaseTarget(database ?? ''),
      async list() {
        return connections.names().map((name) => ({
          uri: `db://${name}/migrations`,
          name: `${name}/migrations`,
          title: `Migrations of ${name}`,
          mimeType: 'text/markdown',
        }));
      },
      async read({ database = '' }, ctx) {
        const db = connections.get(database);
        const histories = await readOnly(db.pool, async (client) => {
          const schemas = (await listSchemas(client)).map((s) => s.name).filter((s) => !isSystemSchema(s));
          // As recent_migrations: a history table is read like any other, so its own target must be allowed.
          return recentMigrations(client, schemas, 50, readableTable(db, ctx.mayAccess));
        });
        return { text: migrationsDocument(database, histories) };
      },
    }),
  ];
}
