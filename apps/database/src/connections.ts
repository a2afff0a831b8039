import { type Boundary, ErrorCode, ToolError } from '@gatehouse/kit';
import pg from 'pg';
import { databaseBoundaries } from './boundaries.ts';
import type { DatabaseConfig } from './config.ts';
import { StatementPlanner } from './statement-plan.ts';
import { MaskRules, nameMatcher } from './targets.ts';

/** One configured database: its settings, boundaries, masks, and a connection pool opened on first use. */
export class Database {
  readonly config: DatabaseConfig;
  /** Its allow/deny lists as kit boundaries (see boundaries.ts). */
  readonly boundaries: readonly Boundary[];
  readonly maskRules: MaskRules;
  #pool: pg.Pool | undefined;
  #planner: StatementPlanner | undefined;

  constructor(config: DatabaseConfig) {
    this.config = config;
    this.boundaries = databaseBoundaries(config);
    this.maskRules = new MaskRules(config.masks);
  }

  get name(): string {
    return this.config.name;
  }

  /** The database's own name on the server (the URL's path), as metadata functions name it. */
  get databaseName(): string {
    return decodeURIComponent(new URL(this.config.url).pathname.slice(1)) || 'postgres';
  }

  /** Plans of statements on this database: parsed once, their reach walked once until the catalog changes. */
  get planner(): StatementPlanner {
    if (this.#planner === undefined) {
      const trusted = this.config.allowFunctions.map(nameMatcher);
      const foreign = this.config.allowForeignTables.map(nameMatcher);
      this.#planner = new StatementPlanner(this.pool, {
        searchPath: this.config.searchPath,
        covers: (column) => this.maskRules.covers(column),
        allowFunction: (schema, name) => trusted.some((matches) => matches([schema, name])),
        allowForeignTable: (schema, name) => foreign.some((matches) => matches([schema, name])),
      });
    }
    return this.#planner;
  }

  get pool(): pg.Pool {
    if (this.#pool === undefined) {
      const pool = new pg.Pool({
        connectionString: this.config.url,
        // Queries on a connection are written without waiting for the one before: a statement and the
        // transaction around it cost one round trip.
        pipeline: true,
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

  async close(): Promise<void> {
    const pool = this.#pool;
    this.#pool = undefined;
    this.#planner = undefined;
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

  /** Every database's boundaries, for the kit to intersect every role with. */
  boundaries(): Boundary[] {
    return this.all().flatMap((database) => database.boundaries);
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
