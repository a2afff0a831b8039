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

import type { FactsRequest } from './catalog-facts.ts';

/** Everything the walk looked up, by name and by oid (operators found by oid come back as their functions). */
export type FingerprintInput = Omit<FactsRequest, 'operatorOids'>;

const PARTS = `
  (SELECT string_agg(c.oid::text || ':' || c.xmin::text, ',' ORDER BY c.oid) FROM pg_catalog.pg_class c
    WHERE c.relname = ANY($1::text[]) AND c.relnamespace IN
      (SELECT n.oid FROM pg_catalog.pg_namespace n WHERE n.nspname = ANY($3::text[]))),
  (SELECT string_agg(p.oid::text || ':' || p.xmin::text, ',' ORDER BY p.oid) FROM pg_catalog.pg_proc p
    WHERE p.proname = ANY($2::text[]) AND p.pronamespace IN
      (SELECT n.oid FROM pg_catalog.pg_namespace n WHERE n.nspname = ANY($3::text[]))),
  (SELECT string_agg(n.oid::text || ':' || n.xmin::text, ',' ORDER BY n.oid) FROM pg_catalog.pg_namespace n
    WHERE n.nspname = ANY($3::text[]) OR n.oid IN (SELECT c.relnamespace FROM pg_catalog.pg_class c WHERE c.oid = ANY($4::oid[]))
      OR n.oid IN (SELECT p.pronamespace FROM pg_catalog.pg_proc p WHERE p.oid = ANY($5::oid[]))),
  (SELECT string_agg(c.oid::text || ':' || c.xmin::text, ',' ORDER BY c.oid) FROM pg_catalog.pg_class c
    WHERE c.oid = ANY($4::oid[])),
  (SELECT string_agg(r.oid::text || ':' || r.xmin::text, ',' ORDER BY r.oid) FROM pg_catalog.pg_rewrite r
    WHERE r.ev_class = ANY($4::oid[])),
  (SELECT string_agg(i.inhrelid::text || '<' || i.inhparent::text || ':' || i.xmin::text, ',' ORDER BY i.inhrelid, i.inhparent)
    FROM pg_catalog.pg_inherits i WHERE i.inhparent = ANY($4::oid[]) OR i.inhrelid = ANY($4::oid[])),
  (SELECT string_agg(p.oid::text || ':' || p.xmin::text, ',' ORDER BY p.oid) FROM pg_catalog.pg_policy p
    WHERE p.polrelid = ANY($4::oid[])),
  (SELECT string_agg(a.attrelid::text || '.' || a.attnum::text || ':' || a.xmin::text, ',' ORDER BY a.attrelid, a.attnum)
    FROM pg_catalog.pg_attribute a WHERE a.attrelid = ANY($4::oid[]) AND a.attnum > 0),
  (SELECT string_agg(p.oid::text || ':' || p.xmin::text, ',' ORDER BY p.oid) FROM pg_catalog.pg_proc p
    WHERE p.oid = ANY($5::oid[])),
  (SELECT string_agg(o.oid::text || ':' || o.xmin::text, ',' ORDER BY o.oid) FROM pg_catalog.pg_operator o
    WHERE o.oprname = ANY($6::text[]) AND o.oprnamespace IN
      (SELECT n.oid FROM pg_catalog.pg_namespace n WHERE n.nspname = ANY($3::text[]) AND n.nspname <> 'pg_catalog'))`;

const FINGERPRINT_EXPRESSION = `pg_catalog.md5(concat_ws('|', ${PARTS}))`;

/** Computes the fingerprint (when the plan is made). */
export const FINGERPRINT_SQL = `SELECT ${FINGERPRINT_EXPRESSION} AS fingerprint`;

/**
 * Checks it (when the plan runs): fails with division_by_zero (22012) when the catalog changed. The divisor
 * depends on the catalog, so the planner cannot fold it into a constant error.
 */
export const FINGERPRINT_CHECK_SQL = `SELECT 1 / (CASE WHEN ${FINGERPRINT_EXPRESSION} = $7::text THEN 1 ELSE 0 END) AS unchanged`;

/** SQLSTATE of a failed fingerprint check. */
export const FINGERPRINT_CHANGED = '22012';

/** The query parameters, in order ($1-$6; the check adds the expected fingerprint as $7). */
export function fingerprintParameters(input: FingerprintInput): unknown[] {
  return [
    [...input.relationNames],
    [...input.functionNames],
    [...input.schemas],
    [...input.relationOids],
    [...input.functionOids],
    [...input.operatorNames],
  ];
}
