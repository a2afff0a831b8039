/**
 * The SQL guard: static analysis of one SQL text with the real PostgreSQL parser, deciding whether it is
 * exactly one read statement that is safe to run, and listing what it refers to. Pure — it never touches a
 * database; what only the catalog knows (what a name resolves to, what a view or function reads, whether a
 * function is volatile) the server decides from what the guard lists.
 *
 * Checks run in this order, and the first refusal is returned: length, parse, one statement, statement kind
 * (incl. SHOW list and EXPLAIN target), EXPLAIN ANALYZE permission, structure (INTO, locking, writable WITH,
 * anything not part of a read), system catalogs, functions denied by name. Masked columns are checked with
 * `maskedColumnRefusal` once the server knows which columns of the relations read are masked.
 */
import { collectFunctionCalls, type FunctionRef } from './functions.ts';
import { collectProbes, type MetadataProbe } from './metadata.ts';
import { parseSingleStatement, parseStatements } from './parse.ts';
import { refuse, type SqlRefusal } from './refusal.ts';
import { collectRelations, type RelationRef, systemCatalogRefusal } from './relations.ts';
import { classifyStatement, type ReadKind } from './statement-kind.ts';
import { structureRefusal } from './structure.ts';
import type { AstNode } from './walk.ts';

export {
  deniedFunctionReason,
  HARMLESS_VOLATILE_EXAMPLES,
  isHarmlessVolatile,
  isKnownSafeFunction,
} from './function-rules.ts';
export { callName, type FunctionRef, isShowableSetting } from './functions.ts';
export { maskedColumnRefusal, referencedColumnNames } from './masking.ts';
export {
  type MetadataProbe,
  PROBE_CATALOG,
  type ProbeKind,
  probeKindOf,
  splitObjectName,
} from './metadata.ts';
export { loadParser, MAX_SQL_LENGTH } from './parse.ts';
export { refuse, type SqlRefusal, type SqlRefusalCode } from './refusal.ts';
export { type RelationRef, refusedCatalogReason } from './relations.ts';
export type { ReadKind } from './statement-kind.ts';
export type { AstNode } from './walk.ts';

export interface GuardOptions {
  /** Allow EXPLAIN ANALYZE when the explained statement is itself a permitted read. */
  readonly allowExplainAnalyze: boolean;
}

/** What a read refers to: the names the server resolves in the catalog and checks. */
export interface References {
  /** Relations named, as written; names of WITH queries in scope are not included. */
  readonly relations: readonly RelationRef[];
  /** Functions called, as written, once each. */
  readonly functions: readonly FunctionRef[];
  /** Names written after a dot that PostgreSQL may run as a one-argument function of the row. */
  readonly attributes: readonly string[];
  /** Operator names used; a user-defined operator runs its function. */
  readonly operators: readonly string[];
  /** Calls and casts that reveal metadata of the object their argument names. */
  readonly probes: readonly MetadataProbe[];
}

export interface StatementAnalysis extends References {
  readonly ok: true;
  readonly kind: ReadKind;
  /** EXPLAIN with ANALYZE: the explained statement will be executed. */
  readonly analyze: boolean;
  /** The read statement whose tree the checks walked (the explained one for EXPLAIN; SHOW's own node). */
  readonly read: AstNode;
  /**
   * The single statement's own text: from its first to its last token, so no leading or trailing
   * comment and no trailing ';'. Safe to embed as `SELECT * FROM (<normalizedSql>) AS q` (comments inside
   * it are followed by more tokens, so a `--` comment always ends at a newline inside the text).
   */
  readonly normalizedSql: string;
}

export type GuardVerdict = StatementAnalysis | SqlRefusal;

const NOTHING: References = { relations: [], functions: [], attributes: [], operators: [], probes: [] };

/** The references of one read tree, or the first refusal that needs no catalog. */
function referencesOf(read: AstNode, allowParams: boolean): References | SqlRefusal {
  const structural = structureRefusal(read, { allowParams });
  if (structural) return structural;
  const relations = collectRelations(read);
  const catalog = systemCatalogRefusal(relations);
  if (catalog) return catalog;
  const calls = collectFunctionCalls(read);
  if (!calls.ok) return calls;
  return {
    relations,
    functions: calls.functions,
    attributes: calls.attributes,
    operators: calls.operators,
    probes: collectProbes(read),
  };
}

function guarded<T>(check: () => T | SqlRefusal): T | SqlRefusal {
  try {
    return check();
  } catch (error) {
    // The walkers recurse; a tree deep enough to exhaust the stack is refused rather than crashing the call.
    if (error instanceof RangeError) return refuse('sql_syntax', 'the SQL is nested too deeply to check');
    throw error;
  }
}

/** Decides whether `sql` is exactly one permitted read statement. Never throws for bad SQL; refuses instead. */
export async function analyzeReadOnlySql(sql: string, options: GuardOptions): Promise<GuardVerdict> {
  const parsed = await parseSingleStatement(sql);
  if (!parsed.ok) return parsed;
  return guarded(() => {
    const classified = classifyStatement(parsed.statement, options);
    if (!classified.ok) return classified;
    const { kind, analyze, read } = classified;
    const references = read.type === 'VariableShowStmt' ? NOTHING : referencesOf(read, false);
    if ('ok' in references) return references;
    return { ok: true, kind, analyze, read, normalizedSql: parsed.text, ...references };
  });
}

export interface FunctionBody extends References {
  readonly ok: true;
  readonly statements: readonly AstNode[];
}

/**
 * The body of a SQL-language function, written as a string (`AS $$ ... $$`): every statement must be a read,
 * checked as a statement sent to `query` is (its arguments, $1 or by name, are allowed). What its statements
 * refer to is merged, for the server to resolve and check as if the caller had written it.
 */
export async function analyzeFunctionBody(body: string): Promise<FunctionBody | SqlRefusal> {
  const parsed = await parseStatements(body);
  if (!parsed.ok) return parsed;
  return guarded(() => {
    const merged = {
      relations: [] as RelationRef[],
      functions: [] as FunctionRef[],
      attributes: [] as string[],
      operators: [] as string[],
    };
    const probes: MetadataProbe[] = [];
    for (const statement of parsed.statements) {
      if (statement.type !== 'SelectStmt') {
        const classified = classifyStatement(statement, { allowExplainAnalyze: false });
        return classified.ok
          ? refuse('sql_not_read_only', `${statement.type} is not a read`)
          : refuse(classified.code, classified.reason.replace(/^refused: /, ''));
      }
      const references = referencesOf(statement, true);
      if ('ok' in references) return references;
      merged.relations.push(...references.relations);
      merged.functions.push(...references.functions);
      merged.attributes.push(...references.attributes);
      merged.operators.push(...references.operators);
      probes.push(...references.probes);
    }
    return { ok: true, statements: parsed.statements, ...merged, probes };
  });
}
