import type { TableDescription } from './catalog.ts';
import type { Database } from './connections.ts';
import { tableTarget } from './targets.ts';

/**
 * The caller's policy check of a target without refusing anything: `mayAccess` of the kit's handler, resource and
 * prompt contexts.
 */
export type MayAccess = (target: string) => boolean;

/**
 * Whether this caller may read a table: its policy (the database's allow/deny lists included, as boundaries) allows
 * the table's target. Whatever names tables other than the one asked for (foreign keys, migration histories)
 * filters by this, so a tool, a resource and a prompt never disagree on what a caller may learn.
 */
export function readableTable(
  db: Database,
  mayAccess: MayAccess,
): (schema: string, table: string) => boolean {
  return (schema, table) => mayAccess(tableTarget(db.name, schema, table));
}

/**
 * A table's description without the foreign keys from or to tables the caller may not read: those tables are not
 * named at all (describe_table and the schema document both show this).
 */
export function readableDescription(
  db: Database,
  mayAccess: MayAccess,
  description: TableDescription,
): TableDescription {
  const readable = readableTable(db, mayAccess);
  return {
    ...description,
    foreignKeysOut: description.foreignKeysOut.filter((fk) =>
      readable(fk.referencesSchema, fk.referencesTable),
    ),
    foreignKeysIn: description.foreignKeysIn.filter((fk) => readable(fk.fromSchema, fk.fromTable)),
  };
}
