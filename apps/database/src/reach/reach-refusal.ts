/**
 * The checks of a statement's reach that do not depend on who calls: secret catalogs and settings reached
 * through views and functions, functions denied by name wherever they are called from, volatile functions,
 * functions in a language this server cannot look into, current_setting() inside a view, and masked columns
 * read inside a function. The caller's policy is checked afterwards, per call (see the statement check).
 */
import {
  deniedFunctionReason,
  HARMLESS_VOLATILE_EXAMPLES,
  isHarmlessVolatile,
  isKnownSafeFunction,
  isShowableSetting,
  refusedCatalogReason,
  type SqlRefusalCode,
} from '../sql-guard/index.ts';
import { type Reach, type ReachedFunction, SYSTEM_SCHEMAS } from './closure.ts';

export interface ReachRefusal {
  readonly code: SqlRefusalCode;
  readonly reason: string;
}

export interface FunctionTrust {
  /** `allowFunctions` of the database: functions trusted as reads whatever their language or volatility. */
  readonly allowFunction: (schema: string, name: string) => boolean;
  /** `allowForeignTables` of the database: foreign tables that may be read (default: none). */
  readonly allowForeignTable?: (schema: string, name: string) => boolean;
}

const through = (via: string | undefined) => (via === undefined ? '' : ` through ${via}`);

function written(fn: ReachedFunction): string {
  return fn.schema === 'pg_catalog' ? `${fn.name}()` : `${fn.schema}.${fn.name}()`;
}

/** Why a reached function may not run, or undefined. */
export function functionRefusal(fn: ReachedFunction, trust: FunctionTrust): ReachRefusal | undefined {
  const denied = deniedFunctionReason(fn.name);
  if (denied) {
    return {
      code: 'sql_function_denied',
      reason: `the statement calls ${written(fn)}${through(fn.via)}, which is denied (${denied})`,
    };
  }
  if (trust.allowFunction(fn.schema, fn.name)) return undefined;
  if (SYSTEM_SCHEMAS.has(fn.schema)) {
    if (
      fn.volatility !== 'v' ||
      isKnownSafeFunction(fn.name, fn.schema) ||
      isHarmlessVolatile(fn.name, fn.schema)
    ) {
      return undefined;
    }
    return {
      code: 'sql_function_denied',
      reason:
        `the statement calls ${written(fn)}${through(fn.via)}, which PostgreSQL marks volatile and which is not ` +
        `among the volatile functions known to change nothing (${HARMLESS_VOLATILE_EXAMPLES}, the size functions); ` +
        'use an immutable or stable function instead',
    };
  }
  // A SQL function's body is read and checked like the statement itself.
  if (fn.language === 'sql') return undefined;
  return {
    code: 'sql_function_unresolvable',
    reason:
      `the statement calls ${written(fn)}${through(fn.via)}, written in ${fn.language}: what it reads cannot be ` +
      `checked. If it only reads, the operator can trust it by adding ${fn.schema}.${fn.name} to allowFunctions ` +
      'of this database',
  };
}

/** The first caller-independent refusal of a reach, or undefined. */
export function reachRefusal(reach: Reach, trust: FunctionTrust): ReachRefusal | undefined {
  for (const relation of reach.relations) {
    const why = relation.schema === 'pg_catalog' ? refusedCatalogReason(relation.name) : undefined;
    if (why !== undefined) {
      return {
        code: 'sql_system_catalog',
        reason: `the statement reads pg_catalog.${relation.name}${through(relation.via)}, which ${why}`,
      };
    }
    if (relation.kind === 'f' && !trust.allowForeignTable?.(relation.schema, relation.name)) {
      return {
        code: 'sql_foreign_table',
        reason:
          `the statement reads the foreign table ${relation.schema}.${relation.name}${through(relation.via)}: reading it ` +
          'opens a connection or a file outside this database, which a rollback does not undo. If that is intended, the operator can add it to allowForeignTables of this database',
      };
    }
  }
  for (const fn of reach.functions) {
    const refusal = functionRefusal(fn, trust);
    if (refusal) return refusal;
  }
  for (const { setting, via } of reach.settings) {
    if (setting !== undefined && isShowableSetting(setting)) continue;
    return {
      code: 'sql_function_denied',
      reason:
        `the statement calls current_setting(${setting === undefined ? 'a computed name' : `'${setting}'`}) ` +
        `through ${via}; only settings SHOW may reveal are allowed (e.g. server_version, timezone, work_mem)`,
    };
  }
  const masked = reach.maskedBodyColumns[0];
  if (masked) {
    return {
      code: 'sql_masked_column',
      reason:
        `the statement calls ${masked.function}, whose body uses the masked column ${masked.column}; masked ` +
        'columns can only be selected by the statement itself, not read through a function',
    };
  }
  return undefined;
}
