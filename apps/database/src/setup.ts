import { ConfigError, type StartContext, type StartupNotice } from '@gatehouse/kit';
import { type DatabaseConfig, type DatabaseSettings, demoDatabaseConfig, redactUrl } from './config.ts';
import { Connections } from './connections.ts';
import { DEMO_ROLE, type RunningDemo, startDemo } from './demo/index.ts';
import { inspectRole, ROLE_PRIVILEGED, roleChecked, roleRefusal, roleWarning } from './role-check.ts';
import { databaseServer } from './server.ts';
import { databaseTarget } from './targets.ts';

/**
 * The database server from its settings: the configured databases, or with none the embedded demo database
 * through its read-only role. A role that can write stops start-up (see checkRoles).
 */
export async function startDatabase(settings: DatabaseSettings, ctx: StartContext) {
  let demo: RunningDemo | undefined;
  let connections: Connections | undefined;
  // Together: stopping the demo signals its postmaster at once, so it stops even if this process is killed next.
  ctx.onShutdown(() => Promise.all([connections?.close(), demo?.stop()]));
  let configs: DatabaseConfig[] = settings.databases;
  if (configs.length === 0) {
    // Under `pnpm start`, in its local cluster (no PostgreSQL of our own); otherwise in a temporary one.
    demo = await startDemo(ctx.env.GATEHOUSE_EMBEDDED_POSTGRES_URL || undefined);
    configs = [demoDatabaseConfig(demo.readerUrl)];
    ctx.log(
      `no databases configured (GATEHOUSE_DATABASE_DATABASES): serving the embedded demo database "demo" through the read-only role ${DEMO_ROLE}`,
    );
  }
  connections = new Connections(configs);
  const startupNotices = await checkRoles(connections, ctx);
  return { definition: databaseServer(connections), boundaries: connections.boundaries(), startupNotices };
}

/**
 * Checks, at start, the role of every database: one that can write stops start-up (exit 78) unless its
 * configuration says allowPrivilegedRole, and then it is warned about loudly and noted for the audit record.
 * An unreachable database is reported, not fatal: its role is checked on first use instead.
 */
async function checkRoles(connections: Connections, ctx: StartContext): Promise<StartupNotice[]> {
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
      ctx.log(
        `cannot check database ${database.name} at ${redactUrl(database.config.url)}: ${(error as Error).message}`,
      );
    }
  }
  if (refusals.length > 0) throw new ConfigError(refusals, 'A database role can write');
  return notices;
}
