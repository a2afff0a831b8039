import { z } from 'zod';

export const databaseName = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,39}$/)
  .describe('Database name from list_databases');
const identifier = z.string().min(1).max(63);
export const schemaName = identifier.describe('Schema, e.g. public');
export const tableName = identifier.describe('Table or view name');
export const sqlText = z.string().min(1).max(100_000).describe('One read-only SQL statement');

/** A result's column names, in order, each once (a repeated name gets a suffix: a, a_2). */
export const ResultColumns = z.array(z.string());
/** A result's rows, each a list of cells in the order of the columns. */
export const ResultRows = z.array(z.array(z.unknown()));
/** Present only when the result was cut: by the row cap or the byte cap (a cursor then gives the rest). */
export const Truncated = z.object({ reason: z.enum(['rows', 'bytes']), limit: z.number() }).optional();
