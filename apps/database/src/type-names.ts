import type pg from 'pg';
import type { WireField } from './column-masks.ts';

const key = (field: WireField) => `${field.dataTypeID}:${field.dataTypeModifier}`;

/**
 * Type names of result fields as PostgreSQL formats them (`numeric(6,2)`, `timestamp with time zone`), looked up
 * once per type and modifier and kept: a type's oid names the same type for as long as it exists.
 */
export class TypeNames {
  readonly #names = new Map<string, string>();

  /** The names, fetched in one round trip for the types not seen before. */
  async of(pool: pg.Pool | pg.ClientBase, fields: readonly WireField[]): Promise<string[]> {
    const missing = fields.filter((f) => !this.#names.has(key(f)));
    if (missing.length > 0) {
      const { rows } = await pool.query<{ type: string }>(
        `SELECT pg_catalog.format_type(f.typ, nullif(f.mod, -1)) AS type
           FROM unnest($1::oid[], $2::int[]) WITH ORDINALITY AS f(typ, mod, i) ORDER BY f.i`,
        [missing.map((f) => f.dataTypeID), missing.map((f) => f.dataTypeModifier)],
      );
      for (const [i, field] of missing.entries()) this.#names.set(key(field), rows[i]?.type ?? 'unknown');
    }
    return fields.map((f) => this.#names.get(key(f)) ?? 'unknown');
  }
}
