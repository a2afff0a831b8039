import pg from 'pg';
import type { Logger } from 'pino';
import type { ApprovalStore } from '../../approvals/store.ts';
import { ConfigError } from '../../errors.ts';
import type { RateLimiter } from '../../limits/rate-limit.ts';
import { createPostgresApprovalStore } from './approval-store.ts';
import { createPostgresAuditSink, type PostgresAuditSink } from './audit-sink.ts';
import { migratePostgres, pendingMigrations } from './migrations.ts';
import { createPostgresRateLimiter } from './rate-limiter.ts';

export interface SharedState {
  /** The audit table's sink; absent when the audit stays in the log only (GATEHOUSE_AUDIT_STORE=log). */
  readonly audit: PostgresAuditSink | undefined;
  readonly approvals: ApprovalStore;
  readonly rateLimiter: RateLimiter;
  /** Stores what the audit sink still holds, then closes the pool. */
  close(): Promise<void>;
}

/**
 * The kit's state for several replicas, from GATEHOUSE_DATABASE_URL: one pool, the schema brought up to date
 * (GATEHOUSE_MIGRATE=auto) or checked (off), and the three stores on it. An unreachable database or a schema
 * that does not match stops start-up with a ConfigError naming the setting.
 */
export async function openSharedState(options: {
  readonly url: string;
  readonly migrate: 'auto' | 'off';
  readonly server: string;
  readonly logger: Logger;
  /** Whether audit records go to the audit table (the table is migrated either way). */
  readonly audit: boolean;
}): Promise<SharedState> {
  const settings = {
    connectionString: options.url,
    // A database that does not answer must fail a call (and mark the audit store down), not hang it.
    connectionTimeoutMillis: 5000,
    application_name: `gatehouse-${options.server}`,
  };
  // Migrations get their own connection without a query timeout: a future one may take long on a big table.
  const migrations = new pg.Pool({ ...settings, max: 1 });
  migrations.on('error', () => {});
  try {
    if (options.migrate === 'auto') {
      const { applied } = await migratePostgres(migrations);
      if (applied.length > 0) options.logger.info({ applied }, 'applied database migrations');
    } else {
      const pending = await pendingMigrations(migrations);
      if (pending.length > 0) {
        throw new ConfigError([
          `GATEHOUSE_MIGRATE: off, but the database (GATEHOUSE_DATABASE_URL) lacks migrations ${pending.join(', ')}; apply them with "gatehouse migrate", or set GATEHOUSE_MIGRATE=auto`,
        ]);
      }
    }
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const why = (error as Error).message || String((error as { code?: unknown }).code ?? error);
    throw new ConfigError([`GATEHOUSE_DATABASE_URL: cannot prepare the kit's database: ${why}`]);
  } finally {
    await migrations.end().catch(() => {});
  }
  const pool = new pg.Pool({ ...settings, max: 10, query_timeout: 15_000 });
  // A connection the server dropped (restart, failover) is replaced on next use; an unhandled 'error' would crash.
  pool.on('error', (error) => options.logger.warn({ err: error }, 'PostgreSQL connection lost'));
  const audit = options.audit ? createPostgresAuditSink(pool, { logger: options.logger }) : undefined;
  return {
    audit,
    approvals: createPostgresApprovalStore(pool),
    rateLimiter: createPostgresRateLimiter(pool, { logger: options.logger }),
    async close() {
      await audit?.close();
      await pool.end();
    },
  };
}
