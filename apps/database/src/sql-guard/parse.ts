/**
 * Loads the real PostgreSQL parser (libpg-query, WASM) once and turns the caller's SQL into exactly one
 * parsed statement, or a refusal that says why not. Whether a `;` separates statements is the parser's
 * decision, never a text search: a `;` inside a string, a quoted identifier, a comment or $$...$$ is not one.
 */
import { loadModule, parseSync } from 'libpg-query';
import { refuse, type SqlRefusal } from './refusal.ts';
import { statementText } from './statement-text.ts';
import { type AstNode, unwrapNode } from './walk.ts';

export const MAX_SQL_LENGTH = 100_000;

let parserReady: Promise<void> | undefined;

/** Loads the WASM parser on first use; later calls share the same promise. */
export function loadParser(): Promise<void> {
  parserReady ??= loadModule().catch((error: unknown) => {
    parserReady = undefined;
    throw error;
  });
  return parserReady;
}

export type ParsedStatement =
  | { readonly ok: true; readonly statement: AstNode; readonly text: string }
  | SqlRefusal;

interface RawStatement {
  readonly stmt?: unknown;
  readonly stmt_location?: number;
  readonly stmt_len?: number;
}

function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = (error as { sqlDetails?: { cursorPosition?: number } }).sqlDetails?.cursorPosition;
  return typeof position === 'number' && position >= 0
    ? `${message} (at character ${position + 1})`
    : message;
}

/** Every statement of `sql` (a SQL function's body may hold several), or a refusal naming the parse error. */
export async function parseStatements(
  sql: string,
): Promise<{ ok: true; statements: AstNode[] } | SqlRefusal> {
  if (sql.length > MAX_SQL_LENGTH) {
    return refuse('sql_too_long', `the SQL is ${sql.length} characters long; the limit is ${MAX_SQL_LENGTH}`);
  }
  await loadParser();
  try {
    const raw = (parseSync(sql).stmts ?? []) as readonly RawStatement[];
    const statements = raw.map((r) => unwrapNode(r.stmt));
    if (statements.some((s) => s === undefined))
      return refuse('sql_syntax', 'the parser returned no statement');
    return { ok: true, statements: statements as AstNode[] };
  } catch (error) {
    if (error instanceof RangeError) return refuse('sql_syntax', 'the SQL is nested too deeply to check');
    return refuse('sql_syntax', `the SQL does not parse: ${describeParseError(error)}`);
  }
}

/** Parses `sql` and returns its single statement and that statement's text, or a refusal. */
export async function parseSingleStatement(sql: string): Promise<ParsedStatement> {
  if (sql.length > MAX_SQL_LENGTH) {
    return refuse('sql_too_long', `the SQL is ${sql.length} characters long; the limit is ${MAX_SQL_LENGTH}`);
  }
  // The parser and the wire protocol both read C strings: text after a NUL would be seen by one and not the other.
  if (sql.includes('\0')) {
    return refuse('sql_syntax', 'the SQL contains a NUL character');
  }
  await loadParser();
  let statements: readonly RawStatement[];
  try {
    statements = (parseSync(sql).stmts ?? []) as readonly RawStatement[];
  } catch (error) {
    if (error instanceof RangeError) {
      return refuse('sql_syntax', 'the SQL is nested too deeply to check');
    }
    return refuse('sql_syntax', `the SQL does not parse: ${describeParseError(error)}`);
  }
  if (statements.length === 0) {
    return refuse('sql_syntax', 'no SQL statement found (only blanks or comments)');
  }
  if (statements.length > 1) {
    return refuse(
      'sql_multiple_statements',
      `found ${statements.length} statements separated by ';'; send exactly one statement per call`,
    );
  }
  const raw = statements[0]!;
  const statement = unwrapNode(raw.stmt);
  if (!statement) return refuse('sql_syntax', 'the parser returned no statement');
  const text = statementText(sql, { location: raw.stmt_location, length: raw.stmt_len });
  return { ok: true, statement, text };
}
