// One replica of the bench server, started as its own process with GATEHOUSE_* settings like a deployment.
// Usage: node server.ts on|off   (prints "serving MCP at <url>" on stderr when listening; SIGTERM stops it cleanly)
//   on:  the kit's own runServer, unchanged: with GATEHOUSE_DATABASE_URL, audit goes to the log file AND to
//        PostgreSQL; approvals and rate limits live in PostgreSQL.
//   off: the same settings built the way buildFromSettings builds them, except the audit goes to the log file
//        only: approvals and rate limits still live in PostgreSQL, so "on" vs "off" isolates the audit table.
import { fileURLToPath } from 'node:url';
import {
  ConfigError,
  createBearerAuthenticator,
  createKitServer,
  createPinoAuditSink,
  createPostgresApprovalStore,
  createPostgresRateLimiter,
  KitSettingsSchema,
  loadConfig,
  loadPolicyFile,
  migratePostgres,
  runServer,
  serveHttp,
} from '@gatehouse/kit';
import pg from 'pg';
import { pino } from 'pino';
import { echoDefinition } from '../pipeline/echo-server.ts';

const POLICY = fileURLToPath(new URL('./policy.yaml', import.meta.url));

async function serveWithoutPostgresAudit(): Promise<void> {
  const settings = await loadConfig(KitSettingsSchema, { env: process.env, prefix: 'GATEHOUSE_' });
  if (!settings.databaseUrl) throw new ConfigError(['GATEHOUSE_DATABASE_URL: required by the bench server']);
  const logger = pino({ name: echoDefinition.name }, pino.destination(2));
  // The pool openSharedState opens for the three stores, here serving two of them.
  const pool = new pg.Pool({
    connectionString: settings.databaseUrl,
    connectionTimeoutMillis: 5000,
    application_name: `gatehouse-${echoDefinition.name}`,
    max: 10,
    query_timeout: 15_000,
  });
  pool.on('error', (error) => logger.warn({ err: error }, 'PostgreSQL connection lost'));
  await migratePostgres(pool);
  const kit = createKitServer(echoDefinition, {
    policy: await loadPolicyFile(settings.policy ?? POLICY),
    audit: createPinoAuditSink({ destination: settings.auditLog ?? 2 }),
    approvals: createPostgresApprovalStore(pool),
    rateLimiter: createPostgresRateLimiter(pool, { logger }),
    auditUnavailableReads: settings.auditUnavailableReads,
    redaction: { extraPatterns: settings.redactPatterns, disabledKinds: settings.redactDisabledKinds },
    rateLimit: {
      default: { capacity: settings.rateLimitCapacity, refillPerSecond: settings.rateLimitRefillPerSecond },
    },
    approvalTtlSeconds: settings.approvalTtlSeconds,
    outputBudgetBytes: settings.outputBudgetBytes,
    defaultTimeoutMs: settings.timeoutMs,
    logger,
    ...(settings.signingKey ? { signingKey: Buffer.from(settings.signingKey, 'base64') } : {}),
  });
  const running = await serveHttp(kit, {
    host: settings.host,
    port: settings.port ?? 0,
    allowedHosts: settings.allowedHosts,
    allowedOrigins: settings.allowedOrigins,
    maxBodyBytes: settings.maxBodyBytes,
    authenticate: createBearerAuthenticator({ apiKeys: settings.apiKeys }),
  });
  process.stderr.write(`[${echoDefinition.name}] serving MCP at ${running.url}\n`);
  process.once('SIGTERM', () => {
    void (async () => {
      await running.close();
      await kit.close();
      await pool.end();
    })().finally(() => process.exit(0));
  });
}

const mode = process.argv[2];
if (mode === 'on') await runServer(echoDefinition, { defaultPort: 0, defaultPolicyFile: POLICY });
else if (mode === 'off') await serveWithoutPostgresAudit();
else throw new Error(`usage: node server.ts on|off (got ${mode})`);
