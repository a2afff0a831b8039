import type pg from 'pg';

/** A column whose values are never shown, resolved to its table (schema and names as stored). */
export interface ColumnMask {
  readonly schema: string;
  readonly table: string;
  readonly column: string;
}

/** A result column as the caller sees it. */
export interface DescribedField {
  readonly name: string;
  readonly type: string;
  readonly masked: boolean;
}

/** Result field metadata as the pg driver reports it (RowDescription). */
export type WireField = Pick<
  pg.FieldDef,
  'name' | 'tableID' | 'columnID' | 'dataTypeID' | 'dataTypeModifier'
>;

interface FieldOrigin {
  readonly i: number;
  readonly type: string;
  readonly schema: string | null;
  readonly table: string | null;
  readonly kind: string | null;
  readonly column: string | null;
}

// One round trip for all fields: type names, and the table column each field comes from
// (PostgreSQL reports the originating table and column number through subqueries and CTEs).
const ORIGIN_SQL = `select f.i::int as i, pg_catalog.format_type(f.typ, nullif(f.mod, -1)) as type,
    n.nspname as schema, c.relname as table, c.relkind::text as kind, a.attname as column
  from unnest($1::oid[], $2::int[], $3::oid[], $4::int[]) with ordinality as f(typ, mod, rel, att, i)
  left join pg_catalog.pg_class c on c.oid = f.rel
  left join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  left join pg_catalog.pg_attribute a on a.attrelid = f.rel and a.attnum = f.att and not a.attisdropped
  order by f.i`;

// Views and materialized views have their own table IDs, so a view over a masked column is masked by name.
const VIEW_KINDS = new Set(['v', 'm']);

/**
 * Describes each result field and decides whether its values are masked: by the (table, column) it comes
 * from; by name when it has no source table (an expression, VALUES) or comes from a view, since then the
 * origin is unknown and a same-named masked column may be behind it. Runs on the query's own connection
 * and transaction, so it sees the same catalog snapshot as the statement (no stale cache after renames).
 */
export async function describeFields(
  client: pg.ClientBase | pg.Pool,
  fields: readonly WireField[],
  masks: readonly ColumnMask[],
): Promise<DescribedField[]> {
  if (fields.length === 0) return [];
  const { rows } = await client.query<FieldOrigin>(ORIGIN_SQL, [
    fields.map((f) => f.dataTypeID),
    fields.map((f) => f.dataTypeModifier),
    fields.map((f) => f.tableID),
    fields.map((f) => f.columnID),
  ]);
  const exact = new Set(masks.map((m) => `${m.schema}\u0000${m.table}\u0000${m.column}`));
  const names = new Set(masks.map((m) => m.column.toLowerCase()));
  return fields.map((field, index) => {
    const origin = rows[index];
    const fromTable = origin?.schema != null && origin.table != null && origin.column != null;
    const maskedByOrigin =
      fromTable && exact.has(`${origin.schema}\u0000${origin.table}\u0000${origin.column}`);
    const originUnknown = !fromTable || VIEW_KINDS.has(origin.kind ?? '');
    // A view column may be renamed on output (`select ssn as x from v`): its own name counts too.
    const maskedByName =
      originUnknown &&
      (names.has(field.name.toLowerCase()) || names.has((origin?.column ?? '').toLowerCase()));
    return { name: field.name, type: origin?.type ?? 'unknown', masked: maskedByOrigin || maskedByName };
  });
}

export const MASKED_VALUE = '[masked]';

/** Replaces masked values with '[masked]'; null stays null (absence is not a secret). */
export function maskRow(values: readonly unknown[], fields: readonly DescribedField[]): unknown[] {
  return values.map((value, i) => (fields[i]?.masked && value !== null ? MASKED_VALUE : value));
}
