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

/** A dotted glob (`schema.name`; either part may use * and ?), matched part by part: `*` never crosses a dot. */
export function nameMatcher(glob: string): (parts: readonly string[]) => boolean {
  const matchers = glob.split('.').map(partMatcher);
  return (parts) => parts.length === matchers.length && matchers.every((m, i) => m(parts[i] as string));
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
      const match = nameMatcher(rule);
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
