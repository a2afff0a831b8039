import { defineServer } from '@gatehouse/kit';
import type { Connections } from './connections.ts';
import { databasePrompts } from './prompts.ts';
import { databaseResources } from './resources.ts';
import { describeTableTool, listDatabasesTool, listSchemasTool, listTablesTool } from './tools/catalog.ts';
import { recentMigrationsTool, tableHealthTool } from './tools/health.ts';
import { explainQueryTool, queryTool, sampleRowsTool } from './tools/query.ts';

/** The PostgreSQL server: schemas, tables, health, migrations and read-only SQL, read-only by construction. */
export function databaseServer(connections: Connections) {
  return defineServer({
    name: 'database',
    version: '0.1.0',
    title: 'PostgreSQL',
    instructions:
      'Read-only access to PostgreSQL databases. Start with list_tables and describe_table; use query for one read-only statement at a time and explain_query before heavy queries. Masked columns show [masked].',
    tools: [
      listDatabasesTool(connections),
      listSchemasTool(connections),
      listTablesTool(connections),
      describeTableTool(connections),
      sampleRowsTool(connections),
      queryTool(connections),
      explainQueryTool(connections),
      tableHealthTool(connections),
      recentMigrationsTool(connections),
    ],
    resources: databaseResources(connections),
    prompts: databasePrompts(connections),
  });
}
