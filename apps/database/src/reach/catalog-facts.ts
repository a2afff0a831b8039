/**
 * The catalog lookups behind a statement's reach, one round trip per step of the walk: names resolved and oids
 * described together, every fact the walk needs in one row per relation or function. Fixed SQL with array
 * parameters; it runs inside the planner's REPEATABLE READ transaction, so every step sees one snapshot.
 *
 * What views, policies and BEGIN ATOMIC bodies use is read from their stored trees, not from pg_depend:
 * PostgreSQL records no dependency on its own pinned objects (pg_cancel_backend, pg_authid...).
 */
import type pg from 'pg';

export interface RelationFacts {
  readonly oid: number;
  readonly schema: string;
  readonly namespace: number;
  readonly name: string;
  /** pg_class.relkind: r table, p partitioned, v view, m materialized view, f foreign table, S sequence. */
  readonly kind: string;
  /** A view's or materialized view's analysed query (pg_rewrite.ev_action), as pg_node_tree text. */
  readonly action: string | null;
  /** Partitions and inheritance children (one level). */
  readonly children: readonly number[];
  /** The expressions of the relation's row-level security policies, as pg_node_tree text. */
  readonly policies: readonly string[];
  /** [attnum, attname] of every live column. */
  readonly columns: readonly (readonly [number, string])[];
  /** [schema, name] of every ancestor (partitioned parent, inheritance parent), nearest first. */
  readonly ancestors: readonly (readonly [string, string])[];
}

export interface FunctionFacts {
  readonly oid: number;
  readonly schema: string;
  readonly namespace: number;
  readonly name: string;
  readonly language: string;
  readonly volatility: 'i' | 's' | 'v';
  readonly argumentCount: number;
  /** A SQL function's body written as a string (`AS $$ ... $$`). */
  readonly body: string | null;
  /** A SQL function's body written as BEGIN ATOMIC / RETURN: its analysed tree (prosqlbody). */
  readonly atomic: string | null;
  /** The function's own `SET search_path`, as stored. */
  readonly searchPath: string | null;
  /** The function behind a user-defined operator the request named. */
  readonly operator: boolean;
}

export interface CatalogFacts {
  readonly relations: readonly RelationFacts[];
  readonly functions: readonly FunctionFacts[];
  /** Operator oid → the oid of the function that implements it (for the operators requested by oid). */
  readonly operators: ReadonlyMap<number, number>;
  /** The schemas requested by name that exist: name → oid. */
  readonly schemas: ReadonlyMap<string, number>;
}

export interface FactsRequest {
  readonly relationNames: readonly string[];
  readonly functionNames: readonly string[];
  /** Schemas the names may resolve to (every search path in play, pg_catalog, and the schemas written). */
  readonly schemas: readonly string[];
  readonly relationOids: readonly number[];
  readonly functionOids: readonly number[];
  /** Operator names: those defined outside PostgreSQL's own schemas bring their functions in. */
  readonly operatorNames: readonly string[];
  /** Operators found in stored trees (by oid): their functions. */
  readonly operatorOids: readonly number[];
}

// Objects of PostgreSQL's own schemas are not looked into: their definitions are PostgreSQL's.
const SYSTEM = `('pg_catalog', 'information_schema')`;

const FACTS_SQL = `
WITH rels AS (
  SELECT c.oid FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
   WHERE c.relname = ANY($1::text[]) AND n.nspname = ANY($3::text[]) AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
  UNION SELECT unnest($4::oid[])
), fns AS (
  SELECT p.oid FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
   WHERE p.proname = ANY($2::text[]) AND n.nspname = ANY($3::text[]) AND p.prokind <> 'p'
  UNION SELECT unnest($5::oid[])
  UNION SELECT o.oprcode::oid FROM pg_catalog.pg_operator o JOIN pg_catalog.pg_namespace n ON n.oid = o.oprnamespace
   WHERE o.oprname = ANY($6::text[]) AND n.nspname = ANY($3::text[]) AND n.nspname NOT IN ${SYSTEM}
  UNION SELECT o.oprcode::oid FROM pg_catalog.pg_operator o WHERE o.oid = ANY($7::oid[])
)
SELECT 'r' AS what, jsonb_build_object(
    'oid', c.oid::int8, 'schema', n.nspname, 'namespace', n.oid::int8, 'name', c.relname, 'kind', c.relkind::text,
    'action', (SELECT r.ev_action::text FROM pg_catalog.pg_rewrite r
                WHERE r.ev_class = c.oid AND r.rulename = '_RETURN' AND n.nspname NOT IN ${SYSTEM}),
    'children', ARRAY(SELECT i.inhrelid::int8 FROM pg_catalog.pg_inherits i WHERE i.inhparent = c.oid),
    'policies', ARRAY(SELECT e::text FROM pg_catalog.pg_policy pol, LATERAL (VALUES (pol.polqual), (pol.polwithcheck)) AS x(e)
                      WHERE pol.polrelid = c.oid AND e IS NOT NULL),
    'columns', ARRAY(SELECT jsonb_build_array(a.attnum, a.attname) FROM pg_catalog.pg_attribute a
                     WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum),
    'ancestors', ARRAY(WITH RECURSIVE up(oid, depth) AS (
                         SELECT i.inhparent, 1 FROM pg_catalog.pg_inherits i WHERE i.inhrelid = c.oid
                         UNION SELECT i.inhparent, up.depth + 1 FROM pg_catalog.pg_inherits i JOIN up ON i.inhrelid = up.oid
                         WHERE up.depth < 32)
                       SELECT jsonb_build_array(pn.nspname, pc.relname) FROM up
                       JOIN pg_catalog.pg_class pc ON pc.oid = up.oid
                       JOIN pg_catalog.pg_namespace pn ON pn.oid = pc.relnamespace ORDER BY up.depth)
  ) AS facts
  FROM rels JOIN pg_catalog.pg_class c ON c.oid = rels.oid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
UNION ALL
SELECT 'f', jsonb_build_object(
    'oid', p.oid::int8, 'schema', n.nspname, 'namespace', n.oid::int8, 'name', p.proname, 'language', l.lanname,
    'volatility', p.provolatile::text, 'argumentCount', p.pronargs,
    'body', CASE WHEN l.lanname = 'sql' AND p.prosqlbody IS NULL AND n.nspname NOT IN ${SYSTEM} THEN p.prosrc END,
    'atomic', CASE WHEN n.nspname NOT IN ${SYSTEM} THEN p.prosqlbody::text END,
    'searchPath', (SELECT substr(s, 13) FROM unnest(p.proconfig) s WHERE s LIKE 'search\\_path=%' LIMIT 1),
    'operator', EXISTS (SELECT 1 FROM pg_catalog.pg_operator o JOIN pg_catalog.pg_namespace n ON n.oid = o.oprnamespace
                         WHERE o.oprcode = p.oid AND o.oprname = ANY($6::text[]) AND n.nspname = ANY($3::text[])
                           AND n.nspname NOT IN ${SYSTEM})
  )
  FROM fns JOIN pg_catalog.pg_proc p ON p.oid = fns.oid JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
  JOIN pg_catalog.pg_language l ON l.oid = p.prolang
UNION ALL
SELECT 'o', jsonb_build_object('oid', o.oid::int8, 'function', o.oprcode::oid::int8)
  FROM pg_catalog.pg_operator o WHERE o.oid = ANY($7::oid[])
UNION ALL
SELECT 'n', jsonb_build_object('oid', n.oid::int8, 'name', n.nspname) FROM pg_catalog.pg_namespace n
 WHERE n.nspname = ANY($3::text[])`;

/** Resolves names and describes oids in one round trip. */
export async function lookUpFacts(client: pg.ClientBase, request: FactsRequest): Promise<CatalogFacts> {
  const { rows } = await client.query<{
    what: 'r' | 'f' | 'o' | 'n';
    facts: RelationFacts & FunctionFacts & { function: number };
  }>(FACTS_SQL, [
    [...request.relationNames],
    [...request.functionNames],
    [...request.schemas],
    [...request.relationOids],
    [...request.functionOids],
    [...request.operatorNames],
    [...request.operatorOids],
  ]);
  return {
    relations: rows.filter((r) => r.what === 'r').map((r) => r.facts),
    functions: rows.filter((r) => r.what === 'f').map((r) => r.facts),
    operators: new Map(rows.filter((r) => r.what === 'o').map((r) => [r.facts.oid, r.facts.function])),
    schemas: new Map(rows.filter((r) => r.what === 'n').map((r) => [r.facts.name, r.facts.oid])),
  };
}
