import { ErrorCode, ToolError } from '@gatehouse/kit';
import pg from 'pg';
import { listColumns, readOnly } from './catalog.ts';
import type { ColumnMask } from './column-masks.ts';
import type { DatabaseConfig } from './config.ts';
import { AccessRules, MaskRules } from './targets.ts';

/** Mask rules are resolved against the catalog again after this long, so new tables are covered. */
const MASK_CACHE_MS = 30_000;

/** One configured database: its settings, rules, and a connection pool opened on first use. */
export class Database {
  readonly config: DatabaseConfig;
  readonly rules: AccessRules;
  readonly maskRules: MaskRules;
  #pool: pg.Pool | undefined;
  #masks: { at: number; masks: Promise<ColumnMask[]> } | undefined;

  constructor(config: DatabaseConfig) {
    this.config = config;
    this.rules = new AccessRules(config);
    this.maskRules = new MaskRules(config.masks);
  }

  get name(): string {
    return this.config.name;
  }

  get pool(): pg.Pool {
    if (this.#pool === undefined) {
      const pool = new pg.Pool({
        connectionString: this.config.url,
        max: 4,
        idleTimeoutMillis: 30_000,
        connectionTimeoutMillis: 10_000,
        application_name: 'gatehouse-database',
      });
      // An idle client that loses its connection must not crash the server; the next call reconnects.
      pool.on('error', () => {});
      this.#pool = pool;
    }
    return this.#pool;
  }

  /** Limits for user SQL, as runReadOnlyQuery takes them. */
  get limits() {
    const c = this.config;
    return {
      statementTimeoutMs: c.statementTimeoutMs,
      lockTimeoutMs: c.lockTimeoutMs,
      idleInTransactionTimeoutMs: c.statementTimeoutMs + 5_000,
      maxRows: c.maxRows,
      maxBytes: c.maxBytes,
      searchPath: c.searchPath,
    };
  }

  /** The concrete columns the mask rules cover (every user schema, whether offered or not: masking errs wide). */
  masks(): Promise<ColumnMask[]> {
    if (this.maskRules.empty) return Promise.resolve([]);
    const now = Date.now();
    if (this.#masks === undefined || now - this.#masks.at > MASK_CACHE_MS) {
      const masks = readOnly(this.pool, async (client) => {
        const { rows } = await client.query<{ name: string }>(
          `SELECT nspname AS name FROM pg_catalog.pg_namespace
           WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\\_%'`,
        );
        return this.maskRules.resolve(
          await listColumns(
            client,
            rows.map((r) => r.name),
          ),
        );
      });
      this.#masks = { at: now, masks };
      masks.catch(() => {
        this.#masks = undefined;
      });
    }
    return this.#masks.masks;
  }

  async close(): Promise<void> {
    const pool = this.#pool;
    this.#pool = undefined;
    await pool?.end();
  }
}

/** The named databases of this server. */
export class Connections {
  readonly #databases: Map<string, Database>;

  constructor(configs: readonly DatabaseConfig[]) {
    this.#databases = new Map(configs.map((c) => [c.name, new Database(c)]));
  }

  names(): string[] {
    return [...this.#databases.keys()];
  }

  all(): Database[] {
    return [...this.#databases.values()];
  }

  get(name: string): Database {
    const database = this.#databases.get(name);
    if (!database) {
      throw new ToolError(
        ErrorCode.NotFound,
        `No database named ${name}; configured: ${this.names().join(', ')}. See list_databases.`,
      );
    }
    return database;
  }

  async close(): Promise<void> {
    await Promise.all(this.all().map((d) => d.close()));
  }
}
