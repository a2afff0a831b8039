import type pg from 'pg';

export type Volatility = 'i' | 's' | 'v';

/** What the SQL guard needs to decide an unknown function: its volatility, from pg_proc. */
export interface FunctionCatalog {
  /**
   * Volatility of a function by name. Schema-qualified: the most volatile overload in that schema. Bare:
   * the most volatile overload in pg_catalog or any schema of `searchPath` (default: the one given at
   * load), because the overload PostgreSQL will pick is not known before planning. `undefined` = unknown.
   */
  volatilityOf(
    name: string,
    schema: string | undefined,
    searchPath?: readonly string[],
  ): Volatility | undefined;
  /** Reloads pg_proc (after functions were created or altered). */
  refresh(): Promise<void>;
}

const RANK: Record<Volatility, number> = { i: 0, s: 1, v: 2 };

function mostVolatile(a: Volatility | undefined, b: Volatility | undefined): Volatility | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return RANK[a] >= RANK[b] ? a : b;
}

// Aggregates and window functions are in pg_proc too; procedures (prokind 'p') cannot be called from a
// query at all, so they are left out.
const PROC_SQL = `select n.nspname as schema, p.proname as name, p.provolatile as volatility
  from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace
  where p.prokind <> 'p'`;

type Table = Map<string, Map<string, Volatility>>; // function name → schema → most volatile overload

async function loadTable(pool: pg.Pool): Promise<Table> {
  const { rows } = await pool.query<{ schema: string; name: string; volatility: Volatility }>(PROC_SQL);
  const table: Table = new Map();
  for (const row of rows) {
    // Keyed exactly as stored: the guard passes names as the parser returns them (unquoted ones folded to
    // lower case, quoted ones as written), which is how PostgreSQL itself resolves them.
    let bySchema = table.get(row.name);
    if (bySchema === undefined) {
      bySchema = new Map();
      table.set(row.name, bySchema);
    }
    bySchema.set(row.schema, mostVolatile(bySchema.get(row.schema), row.volatility)!);
  }
  return table;
}

/** Loads every function's volatility from pg_proc once; `refresh()` reloads it. */
export async function loadFunctionCatalog(
  pool: pg.Pool,
  options: { searchPath?: readonly string[] } = {},
): Promise<FunctionCatalog> {
  let table = await loadTable(pool);
  const defaultSearchPath = options.searchPath ?? ['public'];
  return {
    volatilityOf(name, schema, searchPath = defaultSearchPath) {
      const bySchema = table.get(name);
      if (bySchema === undefined) return undefined;
      if (schema !== undefined) return bySchema.get(schema);
      let result: Volatility | undefined = bySchema.get('pg_catalog');
      for (const candidate of searchPath) result = mostVolatile(result, bySchema.get(candidate));
      return result;
    },
    async refresh() {
      table = await loadTable(pool);
    },
  };
}

const catalogs = new WeakMap<pg.Pool, Promise<FunctionCatalog>>();

/** The function catalog of a pool, loaded on first use and shared afterwards (one per database). */
export function functionCatalogFor(pool: pg.Pool): Promise<FunctionCatalog> {
  let catalog = catalogs.get(pool);
  if (catalog === undefined) {
    catalog = loadFunctionCatalog(pool);
    catalogs.set(pool, catalog);
    // A failed load is not cached: the next call tries again.
    catalog.catch(() => catalogs.delete(pool));
  }
  return catalog;
}
