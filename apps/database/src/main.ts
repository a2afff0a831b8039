import { fileURLToPath } from 'node:url';
import { ConfigError, KitSettingsSchema, loadConfig, runServer } from '@gatehouse/kit';
import { type DatabaseConfig, DatabaseSettingsSchema, demoDatabaseConfig, redactUrl } from './config.ts';
import { Connections } from './connections.ts';
import { DEMO_ROLE, type RunningDemo, startDemo } from './demo/index.ts';
import { inspectRole, roleWarning } from './role-check.ts';
import { databaseServer } from './server.ts';

/** Warns loudly, at start, about roles that could write; an unreachable database is reported, not fatal. */
async function checkRoles(connections: Connections): Promise<void> {
  for (const database of connections.all()) {
    try {
      const warning = roleWarning(database, await inspectRole(database));
      if (warning) process.stderr.write(`\n${warning}\n\n`);
    } catch (error) {
      process.stderr.write(
        `[database] cannot check database ${database.name} at ${redactUrl(database.config.url)}: ${(error as Error).message}\n`,
      );
    }
  }
}

let demo: RunningDemo | undefined;
let connections: Connections | undefined;
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
    demo = await startDemo();
    configs = [demoDatabaseConfig(demo.readerUrl)];
    process.stderr.write(
      `[database] no databases configured (GATEHOUSE_DATABASE_DATABASES): serving the embedded demo database "demo" through the read-only role ${DEMO_ROLE}\n`,
    );
  }
  connections = new Connections(configs);
  await checkRoles(connections);
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
});
