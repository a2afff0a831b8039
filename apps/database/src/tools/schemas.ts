import { z } from 'zod';

export const databaseName = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,39}$/)
  .describe('Database name from list_databases');
const identifier = z.string().min(1).max(63);
export const schemaName = identifier.describe('Schema, e.g. public');
export const tableName = identifier.describe('Table or view name');
export const sqlText = z.string().min(1).max(100_000).describe('One read-only SQL statement');

export const Column = z.object({ name: z.string(), type: z.string() });
export const Row = z.record(z.string(), z.unknown());
/** Present only when the result was cut: by the row cap or the byte cap (a cursor then gives the rest). */
export const Truncated = z.object({ reason: z.enum(['rows', 'bytes']), limit: z.number() }).optional();
