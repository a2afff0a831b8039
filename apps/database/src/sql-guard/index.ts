/**
 * The SQL guard: static analysis of one SQL text with the real PostgreSQL parser, deciding whether it is
 * exactly one read statement that is safe to run. Pure — it never touches a database; what it needs to know
 * about the database (function volatility, masked column names) comes in through `GuardOptions`.
 *
 * Checks run in this order, and the first refusal is returned: length, parse, one statement, statement kind
 * (incl. SHOW list and EXPLAIN target), EXPLAIN ANALYZE permission, structure (INTO, locking, writable WITH,
 * anything not part of a read), system catalogs, functions, masked columns.
 */
import { checkFunctions } from './functions.ts';
import { maskedColumnRefusal } from './masking.ts';
import { parseSingleStatement } from './parse.ts';
import { refuse, type SqlRefusalCode } from './refusal.ts';
import { collectRelations, type RelationRef, systemCatalogRefusal } from './relations.ts';
import { classifyStatement, type ReadKind } from './statement-kind.ts';
import { structureRefusal } from './structure.ts';
import type { AstNode } from './walk.ts';

export { loadParser, MAX_SQL_LENGTH } from './parse.ts';
export type { SqlRefusalCode } from './refusal.ts';
export type { RelationRef } from './relations.ts';
export type { ReadKind } from './statement-kind.ts';

export interface GuardOptions {
  /** Allow EXPLAIN ANALYZE when the explained statement is itself a permitted read. */
  readonly allowExplainAnalyze: boolean;
  /**
   * Volatility of a function: 'i' immutable, 's' stable, 'v' volatile, undefined = unknown function. From
   * pg_proc. Called with the name exactly as the parser returns it (unquoted names are lower case; a quoted
   * "PG_SLEEP" stays upper case, a different function) and the schema if the call names one.
   */
  readonly volatilityOf: (name: string, schema: string | undefined) => 'i' | 's' | 'v' | undefined;
  /** Column names (lower case) that masking rules cover for relations in this query; see masking.ts. */
  readonly maskedColumns?: ReadonlySet<string>;
}

export type GuardVerdict =
  | {
      readonly ok: true;
      readonly kind: ReadKind;
      /** EXPLAIN with ANALYZE: the explained statement will be executed. */
      readonly analyze: boolean;
      /** Relations named by the statement, as written; names of WITH queries are not included. */
      readonly relations: readonly RelationRef[];
      /** Functions called, as written (`lower`, `pg_catalog.lower`), once each. */
      readonly functions: readonly string[];
      /**
       * The single statement's own text: from its first to its last token, so no leading or trailing
       * comment and no trailing ';'. Safe to embed as `SELECT * FROM (<normalizedSql>) AS q` (comments inside
       * it are followed by more tokens, so a `--` comment always ends at a newline inside the text).
       */
      readonly normalizedSql: string;
    }
  | { readonly ok: false; readonly code: SqlRefusalCode; readonly reason: string };

/** Decides whether `sql` is exactly one permitted read statement. Never throws for bad SQL; refuses instead. */
export async function checkReadOnlySql(sql: string, options: GuardOptions): Promise<GuardVerdict> {
  const parsed = await parseSingleStatement(sql);
  if (!parsed.ok) return parsed;
  try {
    return checkStatement(parsed.statement, parsed.text, options);
  } catch (error) {
    // The walkers recurse; a tree deep enough to exhaust the stack is refused rather than crashing the call.
    if (error instanceof RangeError) return refuse('sql_syntax', 'the SQL is nested too deeply to check');
    throw error;
  }
}

function checkStatement(statement: AstNode, text: string, options: GuardOptions): GuardVerdict {
  const classified = classifyStatement(statement, options);
  if (!classified.ok) return classified;
  const { kind, analyze, read } = classified;
  if (read.type === 'VariableShowStmt') {
    return { ok: true, kind, analyze, relations: [], functions: [], normalizedSql: text };
  }
  const structural = structureRefusal(read);
  if (structural) return structural;
  const relations = collectRelations(read);
  const catalog = systemCatalogRefusal(relations);
  if (catalog) return catalog;
  const functions = checkFunctions(read, options.volatilityOf);
  if (!functions.ok) return functions;
  const masking = maskedColumnRefusal(read, options.maskedColumns);
  if (masking) return masking;
  return { ok: true, kind, analyze, relations, functions: functions.functions, normalizedSql: text };
}
