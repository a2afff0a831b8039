import type { DatabaseConfig } from './config.ts';

/** Policy targets: `db:<database>`, `db:<database>/<schema>`, `db:<database>/<schema>.<table>`. */
export const databaseTarget = (database: string) => `db:${database}`;
export const schemaTarget = (database: string, schema: string) => `db:${database}/${schema}`;
export const tableTarget = (database: string, schema: string, table: string) =>
  `db:${database}/${schema}.${table}`;

/** Schemas PostgreSQL itself owns: never listed as the database's content. */
export function isSystemSchema(schema: string): boolean {
  return (
    schema === 'pg_catalog' ||
    schema === 'information_schema' ||
    schema === 'pg_toast' ||
    /^pg_(toast_)?temp_\d+$/.test(schema)
  );
}

/** One part of a name glob (`*` any run, `?` one character), matched case-sensitively like PG identifiers. */
function partMatcher(glob: string): (value: string) => boolean {
  const source = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  const regex = new RegExp(`^${source}$`);
  return (value) => regex.test(value);
}

/** A `schema.name` glob (either part may use * and ?), matched against [schema, name]. */
export function nameMatcher(glob: string): (parts: readonly string[]) => boolean {
  return dottedMatcher(glob);
}

function dottedMatcher(glob: string): (parts: readonly string[]) => boolean {
  const matchers = glob.split('.').map(partMatcher);
  return (parts) => parts.length === matchers.length && matchers.every((m, i) => m(parts[i] as string));
}

export type Verdict = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

const ALLOWED: Verdict = { allowed: true };

/** The allow/deny lists of one database: deny wins; an empty allow list allows everything not denied. */
export class AccessRules {
  readonly #allowSchemas: ((parts: readonly string[]) => boolean)[];
  readonly #denySchemas: ((parts: readonly string[]) => boolean)[];
  readonly #allowTables: ((parts: readonly string[]) => boolean)[];
  readonly #denyTables: ((parts: readonly string[]) => boolean)[];
  readonly #database: string;

  constructor(
    config: Pick<DatabaseConfig, 'name' | 'allowSchemas' | 'denySchemas' | 'allowTables' | 'denyTables'>,
  ) {
    this.#database = config.name;
    this.#allowSchemas = config.allowSchemas.map(dottedMatcher);
    this.#denySchemas = config.denySchemas.map(dottedMatcher);
    this.#allowTables = config.allowTables.map(dottedMatcher);
    this.#denyTables = config.denyTables.map(dottedMatcher);
  }

  /** Whether a user schema is offered (system schemas never are: they are not the database's content). */
  schema(schema: string): Verdict {
    if (isSystemSchema(schema)) {
      return { allowed: false, reason: `${schema} is a system schema; it is not offered here` };
    }
    return this.#schemaLists(schema);
  }

  /** Whether a table of an offered schema may be read. */
  table(schema: string, table: string): Verdict {
    const schemaVerdict = this.schema(schema);
    if (!schemaVerdict.allowed) return schemaVerdict;
    return this.#tableLists(schema, table);
  }

  /**
   * Whether a query may reference a relation. System catalogs are read-only metadata (the SQL guard refuses the
   * secret-bearing ones), so they are allowed unless the operator denies their schema explicitly.
   */
  relation(schema: string, table: string): Verdict {
    if (isSystemSchema(schema)) {
      return this.#denySchemas.some((m) => m([schema]))
        ? {
            allowed: false,
            reason: `${schema}.${table}: schema ${schema} is in denySchemas of database ${this.#database}`,
          }
        : ALLOWED;
    }
    return this.table(schema, table);
  }

  #schemaLists(schema: string): Verdict {
    if (this.#denySchemas.some((m) => m([schema]))) {
      return { allowed: false, reason: `schema ${schema} is in denySchemas of database ${this.#database}` };
    }
    if (this.#allowSchemas.length > 0 && !this.#allowSchemas.some((m) => m([schema]))) {
      return {
        allowed: false,
        reason: `schema ${schema} is not in allowSchemas of database ${this.#database}`,
      };
    }
    return ALLOWED;
  }

  #tableLists(schema: string, table: string): Verdict {
    const parts = [schema, table];
    if (this.#denyTables.some((m) => m(parts))) {
      return {
        allowed: false,
        reason: `table ${schema}.${table} is in denyTables of database ${this.#database}`,
      };
    }
    if (this.#allowTables.length > 0 && !this.#allowTables.some((m) => m(parts))) {
      return {
        allowed: false,
        reason: `table ${schema}.${table} is not in allowTables of database ${this.#database}`,
      };
    }
    return ALLOWED;
  }
}

export interface ColumnRef {
  readonly schema: string;
  readonly table: string;
  readonly column: string;
}

/** Mask rules: `table.column` (any schema) or `schema.table.column`; each part may be a glob. */
export class MaskRules {
  readonly #rules: ((column: ColumnRef) => boolean)[];

  constructor(rules: readonly string[]) {
    this.#rules = rules.map((rule) => {
      const match = dottedMatcher(rule);
      return rule.split('.').length === 2
        ? (c: ColumnRef) => match([c.table, c.column])
        : (c: ColumnRef) => match([c.schema, c.table, c.column]);
    });
  }

  get empty(): boolean {
    return this.#rules.length === 0;
  }

  covers(column: ColumnRef): boolean {
    return this.#rules.some((rule) => rule(column));
  }

  /** The columns of `columns` that some rule covers. */
  resolve(columns: readonly ColumnRef[]): ColumnRef[] {
    return columns.filter((c) => this.covers(c));
  }
}
