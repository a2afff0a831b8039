/** Shared by the guard's tests: parse one statement, and a volatility table shaped like pg_proc's. */
import { parseSingleStatement } from './parse.ts';
import type { AstNode } from './walk.ts';

/** The parsed single statement of `sql`; throws when the SQL is refused at parse time. */
export async function parseStatement(sql: string): Promise<AstNode> {
  const parsed = await parseSingleStatement(sql);
  if (!parsed.ok) throw new Error(`expected ${sql} to parse: ${parsed.reason}`);
  return parsed.statement;
}

/** provolatile of a few pg_catalog functions (PostgreSQL 18), plus `bump`, a user function that writes. */
const VOLATILITY: ReadonlyMap<string, 'i' | 's' | 'v'> = new Map([
  ['lower', 'i'],
  ['upper', 'i'],
  ['length', 'i'],
  ['md5', 'i'],
  ['abs', 'i'],
  ['now', 's'],
  ['to_char', 's'],
  ['current_setting', 's'],
  ['row_to_json', 's'],
  ['pg_backend_pid', 's'],
  ['random', 'v'],
  ['clock_timestamp', 'v'],
  ['gen_random_uuid', 'v'],
  ['pg_sleep', 'v'],
  ['nextval', 'v'],
  ['pg_read_file', 'v'],
  ['set_config', 'v'],
  ['query_to_xml', 's'],
  ['bump', 'v'],
  ['full_name', 's'],
]);

export function volatilityOf(name: string, schema: string | undefined): 'i' | 's' | 'v' | undefined {
  if (schema !== undefined && schema !== 'pg_catalog' && schema !== 'public') return undefined;
  return VOLATILITY.get(name);
}
