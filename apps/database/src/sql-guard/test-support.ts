/** Shared by the guard's tests: parse one statement. */
import { parseSingleStatement } from './parse.ts';
import type { AstNode } from './walk.ts';

/** The parsed single statement of `sql`; throws when the SQL is refused at parse time. */
export async function parseStatement(sql: string): Promise<AstNode> {
  const parsed = await parseSingleStatement(sql);
  if (!parsed.ok) throw new Error(`expected ${sql} to parse: ${parsed.reason}`);
  return parsed.statement;
}
