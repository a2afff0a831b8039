/**
 * A fingerprint of every catalog row a statement's reach was computed from: the rows the names resolved
 * against (a new table earlier on the search path, a new overload of a function), and the row versions of
 * every relation, view rule, partition link, policy, column and function reached. Any DDL that could change
 * the reach or a mask — CREATE OR REPLACE VIEW, ATTACH PARTITION, a renamed column or schema, a replaced
 * function body — writes a new version of one of these rows, so the fingerprint changes.
 *
 * A cached plan is only run together with this check, in the same transaction and round trip as the statement:
 * if the fingerprint differs, the check fails (division by zero, on purpose), the transaction is aborted before
 * the statement runs, and the server plans the statement again from the catalog.
 */

/**
 * What a reach depends on, limited to what a role without superuser rights can change: PostgreSQL's own objects
 * (pg_catalog, information_schema) are left out — changing them takes a superuser, who is trusted anyway.
 */
export interface FingerprintInput {
  /** Relation, function and operator names looked up: a new one in a user schema of the path could shadow them. */
  readonly relationNames: readonly string[];
  readonly functionNames: readonly string[];
  readonly operatorNames: readonly string[];
  /** The user schemas of every search path in play, by name (one created or renamed changes the resolution). */
  readonly schemaNames: readonly string[];
  /** Their oids, and those of the schemas of every user object reached. */
  readonly schemaOids: readonly number[];
  /** User relations and functions reached. */
  readonly relationOids: readonly number[];
  readonly functionOids: readonly number[];
}

// Every part is an index lookup by oid or by name within the given schemas.
const PARTS = `
  (SELECT string_agg(c.oid::text || ':' || c.xmin::text, ',' ORDER BY c.oid) FROM pg_catalog.pg_class c
    WHERE c.relname = ANY($1::text[]) AND c.relnamespace = ANY($5::oid[])),
  (SELECT string_agg(p.oid::text || ':' || p.xmin::text, ',' ORDER BY p.oid) FROM pg_catalog.pg_proc p
    WHERE p.proname = ANY($2::text[]) AND p.pronamespace = ANY($5::oid[])),
  (SELECT string_agg(o.oid::text || ':' || o.xmin::text, ',' ORDER BY o.oid) FROM pg_catalog.pg_operator o
    WHERE o.oprname = ANY($3::text[]) AND o.oprnamespace = ANY($5::oid[])),
  (SELECT string_agg(n.oid::text || ':' || n.xmin::text, ',' ORDER BY n.oid) FROM pg_catalog.pg_namespace n
    WHERE n.nspname = ANY($4::text[]) OR n.oid = ANY($5::oid[])),
  (SELECT string_agg(c.oid::text || ':' || c.xmin::text, ',' ORDER BY c.oid) FROM pg_catalog.pg_class c
    WHERE c.oid = ANY($6::oid[])),
  (SELECT string_agg(r.oid::text || ':' || r.xmin::text, ',' ORDER BY r.oid) FROM pg_catalog.pg_rewrite r
    WHERE r.ev_class = ANY($6::oid[])),
  (SELECT string_agg(i.inhrelid::text || '<' || i.inhparent::text || ':' || i.xmin::text, ',' ORDER BY i.inhrelid, i.inhparent)
    FROM pg_catalog.pg_inherits i WHERE i.inhparent = ANY($6::oid[]) OR i.inhrelid = ANY($6::oid[])),
  (SELECT string_agg(p.oid::text || ':' || p.xmin::text, ',' ORDER BY p.oid) FROM pg_catalog.pg_policy p
    WHERE p.polrelid = ANY($6::oid[])),
  (SELECT string_agg(a.attrelid::text || '.' || a.attnum::text || ':' || a.xmin::text, ',' ORDER BY a.attrelid, a.attnum)
    FROM pg_catalog.pg_attribute a WHERE a.attrelid = ANY($6::oid[]) AND a.attnum > 0),
  (SELECT string_agg(p.oid::text || ':' || p.xmin::text, ',' ORDER BY p.oid) FROM pg_catalog.pg_proc p
    WHERE p.oid = ANY($7::oid[]))`;

const FINGERPRINT_EXPRESSION = `pg_catalog.md5(concat_ws('|', ${PARTS}))`;

/** The snapshot a plan was made in, or last checked in: as text, `xmin:xmax:xip,...`. */
export const SNAPSHOT_EXPRESSION = 'pg_catalog.pg_current_snapshot()::text';

/** Computes the fingerprint (when the plan is made), with the snapshot it was computed in. */
export const FINGERPRINT_SQL = `SELECT ${FINGERPRINT_EXPRESSION} AS fingerprint, ${SNAPSHOT_EXPRESSION} AS snapshot`;

/**
 * Checks it (when the plan runs): fails with division_by_zero (22012) when the catalog changed. The divisor
 * depends on the catalog, so the planner cannot fold it into a constant error.
 */
export const FINGERPRINT_CHECK_SQL = `SELECT ${SNAPSHOT_EXPRESSION} AS snapshot,
    1 / (CASE WHEN ${FINGERPRINT_EXPRESSION} = $8::text THEN 1 ELSE 0 END) AS unchanged`;

/**
 * The cheap check (see catalog-clock.ts): fails with division_by_zero (22012) when the snapshot moved since the
 * plan's fingerprint was last found to hold ($1); the call then repeats with the full check.
 */
export const SNAPSHOT_CHECK_SQL = `SELECT ${SNAPSHOT_EXPRESSION} AS snapshot,
    1 / (CASE WHEN ${SNAPSHOT_EXPRESSION} = $1::text THEN 1 ELSE 0 END) AS unchanged`;

/** SQLSTATE of a failed fingerprint check. */
export const FINGERPRINT_CHANGED = '22012';

/** The query parameters, in order ($1-$7; the check adds the expected fingerprint as $8). */
export function fingerprintParameters(input: FingerprintInput): unknown[] {
  return [
    [...input.relationNames],
    [...input.functionNames],
    [...input.operatorNames],
    [...input.schemaNames],
    [...input.schemaOids],
    [...input.relationOids],
    [...input.functionOids],
  ];
}
