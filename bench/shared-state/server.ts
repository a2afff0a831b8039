// One replica of the bench server, started as its own process with GATEHOUSE_* settings like a deployment: the
// kit's own runServer, unchanged. With GATEHOUSE_DATABASE_URL, approvals and rate limits live in PostgreSQL;
// GATEHOUSE_AUDIT_STORE=database (audit on) sends every record to the audit table and the log file, =log (audit
// off) to the log file only. Usage: node server.ts  (prints "serving MCP at <url>" on stderr when listening).
import { fileURLToPath } from 'node:url';
import { runServer } from '@gatehouse/kit';
import { echoDefinition } from '../pipeline/echo-server.ts';

// No package declares this server: runServer gets its name, port and policy here.
await runServer(
  { entry: import.meta.url, start: () => echoDefinition },
  {
    manifest: {
      server: echoDefinition.name,
      port: 0,
      policyFile: fileURLToPath(new URL('./policy.yaml', import.meta.url)),
    },
  },
);
