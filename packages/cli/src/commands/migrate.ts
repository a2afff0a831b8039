import { migratePostgres, pendingMigrations } from '@gatehouse/kit/operator';
import { expectPositionals, parseCommand } from '../args.ts';
import type { CommandContext } from '../context.ts';
import { DATABASE_URL_HELP, databaseUrl, describeDatabase, withDatabase } from '../database.ts';
import { ExitCode } from '../errors.ts';

export const MIGRATE_HELP = `Usage: gatehouse migrate [--check] [--database-url <url>]

Applies the Gatehouse store's pending schema migrations (audit log, approvals, rate limits), in order,
under a lock, so it is safe beside running servers. Servers apply them themselves at start unless
GATEHOUSE_MIGRATE=off; then this command is how they are applied.

Options:
${DATABASE_URL_HELP}
  --check                list pending migrations and change nothing; exit 1 when any are pending
  -h, --help             this help`;

const OPTIONS = {
  'database-url': { type: 'string' },
  check: { type: 'boolean' },
} as const;

export async function migrateCommand(argv: readonly string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommand(argv, OPTIONS, MIGRATE_HELP);
  if (values.help) {
    ctx.out(MIGRATE_HELP);
    return ExitCode.ok;
  }
  expectPositionals(positionals, [], MIGRATE_HELP);
  const url = databaseUrl(values['database-url'], ctx, MIGRATE_HELP);
  const where = describeDatabase(url);
  return withDatabase(url, async (db) => {
    if (values.check) {
      const pending = await pendingMigrations(db.pool).catch((error: unknown) => {
        throw db.failure(error, 'cannot read the applied migrations');
      });
      if (pending.length === 0) {
        ctx.out(`${where}: up to date`);
        return ExitCode.ok;
      }
      ctx.out(`${where}: ${pending.length} pending: ${pending.join(', ')}`);
      return ExitCode.failure;
    }
    const { applied } = await migratePostgres(db.pool).catch((error: unknown) => {
      throw db.failure(error, 'cannot apply migrations');
    });
    ctx.out(applied.length === 0 ? `${where}: up to date` : `${where}: applied ${applied.join(', ')}`);
    return ExitCode.ok;
  });
}
