import { z } from 'zod';

/** `postgres://user:secret@host/db` → `postgres://user:***@host/db`, for any message or log line. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    // Not a URL: hide everything between `//user:` and `@` the way a URL would carry a password.
    return url.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@');
  }
}

const identifierGlob = /^[A-Za-z0-9_$*?-]+$/;
const schemaName = z.string().regex(identifierGlob, 'expected a schema name or glob, e.g. public or app_*');
/** `schema.table` (either part may be a glob). */
const tableGlob = z
  .string()
  .regex(
    /^[A-Za-z0-9_$*?-]+\.[A-Za-z0-9_$*?-]+$/,
    'expected schema.table, e.g. public.* or billing.invoices',
  );
/** `column`-qualified mask rules: `table.column` or `schema.table.column` (parts may be globs). */
const maskRule = z
  .string()
  .regex(
    /^([A-Za-z0-9_$*?-]+\.){1,2}[A-Za-z0-9_$*?-]+$/,
    'expected table.column or schema.table.column, e.g. *.email or customers.ssn',
  );

const DatabaseSchema = z.strictObject({
  name: z
    .string()
    .regex(/^[a-z][a-z0-9_-]{0,39}$/, 'expected a lowercase name (letters, digits, _ and -)')
    .describe('Name used in tool inputs and policy targets db:<name>/<schema>.<table>'),
  url: z
    .string()
    .refine((value) => {
      try {
        const url = new URL(value);
        return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
      } catch {
        return false;
      }
    }, 'expected a postgres://user:password@host:port/database URL')
    .describe('Connection URL of the read-only role'),
  allowSchemas: z.array(schemaName).default([]).describe('Schemas offered (globs); empty = all but system'),
  denySchemas: z.array(schemaName).default([]),
  allowTables: z
    .array(tableGlob)
    .default([])
    .describe('schema.table globs; empty = every table of an allowed schema'),
  denyTables: z.array(tableGlob).default([]),
  masks: z.array(maskRule).default([]).describe('Columns whose values are replaced by [masked]'),
  statementTimeoutMs: z.number().int().min(100).max(600_000).default(5_000),
  lockTimeoutMs: z.number().int().min(10).max(60_000).default(1_000),
  maxRows: z.number().int().min(1).max(10_000).default(200),
  maxBytes: z
    .number()
    .int()
    .min(1_024)
    .max(16 * 1024 * 1024)
    .default(256 * 1024),
  allowExplainAnalyze: z.boolean().default(false),
  searchPath: z.array(schemaName).min(1).default(['public']),
  allowFunctions: z
    .array(
      z
        .string()
        .regex(
          /^[A-Za-z0-9_$*?-]+\.[A-Za-z0-9_$*?-]+$/,
          'expected schema.function, e.g. app.tenant_name or util.*',
        ),
    )
    .default([])
    .describe(
      'schema.function globs trusted as reads although this server cannot look into them (PL/pgSQL, C, volatile)',
    ),
  allowForeignTables: z
    .array(tableGlob)
    .default([])
    .describe(
      'schema.table globs of foreign tables that may be read (reading one connects outside the database)',
    ),
  allowPrivilegedRole: z
    .boolean()
    .default(false)
    .describe(
      'Start although the role is a superuser or can write to an offered schema (warned and audited)',
    ),
});

export type DatabaseConfig = z.infer<typeof DatabaseSchema>;

/** The database server's own settings (`GATEHOUSE_DATABASE_*`, or keys of GATEHOUSE_DATABASE_CONFIG's file). */
export const DatabaseSettingsSchema = z.object({
  databases: z
    .array(DatabaseSchema)
    .default([])
    .superRefine((databases, ctx) => {
      const seen = new Set<string>();
      databases.forEach((db, i) => {
        if (seen.has(db.name)) {
          ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `duplicate database name ${db.name}` });
        }
        seen.add(db.name);
      });
    })
    // Sensitive: connection URLs carry passwords, so a malformed value is never echoed back.
    .meta({
      sensitive: true,
      description:
        'JSON array of {name, url, allowSchemas, denySchemas, allowTables, denyTables, masks, statementTimeoutMs, lockTimeoutMs, maxRows, maxBytes, allowExplainAnalyze, searchPath, allowFunctions, allowForeignTables, allowPrivilegedRole}; empty: the embedded demo.',
    }),
});

export type DatabaseSettings = z.infer<typeof DatabaseSettingsSchema>;

/** Settings of the embedded demo's connection (the URL is filled in once the demo cluster is up). */
export function demoDatabaseConfig(url: string): DatabaseConfig {
  return DatabaseSchema.parse({
    name: 'demo',
    url,
    allowSchemas: ['public', 'billing'],
    masks: ['*.email', '*.phone', 'customers.national_id'],
  });
}
