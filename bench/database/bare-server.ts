// The database server's `query` without the kit: a bare SDK McpServer over stdio whose tool runs the same checked
// statement (guard, reach, masks, READ ONLY transaction in one round trip) and answers the same column-wise result.
// Between it and the in-process path lie only the SDK and stdio; between it and Gatehouse, only the kit's pipeline
// (policy, audit, redaction, fencing, budgets). The benchmark starts it as a child process:
//   node bare-server.ts '<GATEHOUSE_DATABASE_DATABASES JSON>'
import { Connections, runForCaller } from '@gatehouse/database/in-process';
import { McpServer } from '@modelcontextprotocol/server';
import { StdioServerTransport } from '@modelcontextprotocol/server/stdio';
import { z } from 'zod';

const [configs] = process.argv.slice(2);
if (configs === undefined) throw new Error('usage: node bare-server.ts <databases JSON>');
const connections = new Connections(JSON.parse(configs));
const server = new McpServer({ name: 'bare-database', version: '0.0.0' });
server.registerTool(
  'query',
  {
    description: 'Run one read-only SQL statement.',
    inputSchema: z.object({ database: z.string(), sql: z.string() }),
    outputSchema: z.object({ columns: z.array(z.string()), rows: z.array(z.array(z.unknown())) }),
  },
  async ({ database, sql }) => {
    const db = connections.get(database);
    const page = await runForCaller(db, sql, { offset: 0, limits: { ...db.limits, maxRows: 100 } }, () => {});
    const structuredContent = { columns: [...page.columns], rows: [...page.rows] };
    return { content: [{ type: 'text', text: JSON.stringify(structuredContent) }], structuredContent };
  },
);
await server.connect(new StdioServerTransport());
