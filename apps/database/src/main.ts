import { fileURLToPath } from 'node:url';
import { ConfigError, KitSettingsSchema, loadConfig, runServer, type StartupNotice } from '@gatehouse/kit';
import { type DatabaseConfig, DatabaseSettingsSchema, demoDatabaseConfig, redactUrl } from './config.ts';
import { Connections } from './connections.ts';
import { DEMO_ROLE, type RunningDemo, startDemo } from './demo/index.ts';
import { inspectRole, ROLE_PRIVILEGED, roleChecked, roleRefusal, roleWarning } from './role-check.ts';
import { databaseServer } from './server.ts';
import { databaseTarget } from './targets.ts';

/**
 * Checks, at start, the role of every database: one that can write stops start-up (exit 78) unless its
 * configuration says allowPrivilegedRole, and then it is warned about loudly and noted for the audit record.
 * An unreachable database is reported, not fatal: its role is checked on first use instead.
 */
async function checkRoles(connections: Connections): Promise<StartupNotice[]> {
  const refusals: string[] = [];
  const notices: StartupNotice[] = [];
  for (const database of connections.all()) {
    try {
      const report = await inspectRole(database);
      roleChecked(database, report);
      const refusal = roleRefusal(database, report);
      if (refusal) {
        refusals.push(refusal);
        continue;
      }
      const warning = roleWarning(database, report);
      if (warning) {
        process.stderr.write(`\n${warning}\n\n`);
        notices.push({ code: ROLE_PRIVILEGED, target: databaseTarget(database.name) });
      }
    } catch (error) {
      process.stderr.write(
        `[database] cannot check database ${database.name} at ${redactUrl(database.config.url)}: ${(error as Error).message}\n`,
      );
    }
  }
  if (refusals.length > 0) throw new ConfigError(refusals, 'A database role can write');
  return notices;
}

let demo: RunningDemo | undefined;
let connections: Connections | undefined;
let startupNotices: StartupNotice[] = [];
/** Together: stopping the demo signals its postmaster at once, so it stops even if this process is killed next. */
const cleanup = async () => {
  await Promise.all([connections?.close(), demo?.stop()]);
};
try {
  const settings = await loadConfig(DatabaseSettingsSchema, {
    prefix: 'GATEHOUSE_DATABASE_',
    ...(process.env.GATEHOUSE_DATABASE_CONFIG ? { file: process.env.GATEHOUSE_DATABASE_CONFIG } : {}),
  });
  // The kit's own settings are checked again by runServer; checked here first, a bad one stops start-up
  // before an embedded cluster is started at all.
  await loadConfig(KitSettingsSchema, {
    prefix: 'GATEHOUSE_',
    ...(process.env.GATEHOUSE_CONFIG ? { file: process.env.GATEHOUSE_CONFIG } : {}),
  });
  let configs: DatabaseConfig[] = settings.databases;
  if (configs.length === 0) {
    // Under `pnpm start`, in its local cluster (no PostgreSQL of our own); otherwise in a temporary one.
    demo = await startDemo(process.env.GATEHOUSE_EMBEDDED_POSTGRES_URL || undefined);
    configs = [demoDatabaseConfig(demo.readerUrl)];
    process.stderr.write(
      `[database] no databases configured (GATEHOUSE_DATABASE_DATABASES): serving the embedded demo database "demo" through the read-only role ${DEMO_ROLE}\n`,
    );
  }
  connections = new Connections(configs);
  startupNotices = await checkRoles(connections);
} catch (error) {
  await cleanup().catch((failure: unknown) =>
    process.stderr.write(`[database] cleanup failed: ${(failure as Error).message}\n`),
  );
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`[database] cannot start.\n${error.message}\n`);
  process.exit(78);
}
// runServer runs the cleanup at shutdown (after the transport is closed) and when its own start-up fails.
await runServer(databaseServer(connections), {
  defaultPort: 3102,
  defaultPolicyFile: fileURLToPath(new URL('../policy.default.yaml', import.meta.url)),
  onShutdown: cleanup,
  startupNotices,
});
