import type pg from 'pg';
import type { Reach } from './reach/closure.ts';

/** A column whose values are never shown, resolved to its table (schema and names as stored). */
export interface ColumnMask {
  readonly schema: string;
  readonly table: string;
  readonly column: string;
}

/** A result column as the caller sees it. */
export interface DescribedField {
  readonly name: string;
  readonly masked: boolean;
}

/** Result field metadata as the pg driver reports it (RowDescription). */
export type WireField = Pick<
  pg.FieldDef,
  'name' | 'tableID' | 'columnID' | 'dataTypeID' | 'dataTypeModifier'
>;

/** What masking needs of a statement's reach. */
export type MaskFacts = Pick<Reach, 'masked' | 'maskedNames'>;

/**
 * Whether a result field's values are masked. PostgreSQL reports the relation and column a field comes from
 * (through aliases, subqueries and WITH queries; a view's column as the view's own); for a relation the
 * statement reaches, its masked columns are known exactly (a view's through its lineage). A field with no such
 * origin (an expression, VALUES, a column of a system view) is masked when its name is masked somewhere in
 * what the statement reads — the guard already refused computing with a masked column, so only a plain
 * renamed one could arrive here.
 */
export function isMaskedField(field: WireField, facts: MaskFacts): boolean {
  const masked = field.tableID === 0 ? undefined : facts.masked.get(field.tableID);
  if (masked !== undefined && field.columnID > 0) return masked.has(field.columnID);
  return facts.maskedNames.has(field.name);
}

export const MASKED_VALUE = '[masked]';

/** Replaces masked values with '[masked]'; null stays null (absence is not a secret). */
export function maskRow(values: readonly unknown[], fields: readonly DescribedField[]): unknown[] {
  return values.map((value, i) => (fields[i]?.masked && value !== null ? MASKED_VALUE : value));
}
