import { setTimeout as sleep } from 'node:timers/promises';
import {
  type AuditDecision,
  type AuditQuery,
  queryAuditRecords,
  type StoredAuditRecord,
} from '@gatehouse/kit/operator';
import { parseChoice, parseCommand, parseInteger, parseTime } from '../args.ts';
import { newestAuditRecords, startAuditFollower } from '../audit-reader.ts';
import type { CommandContext } from '../context.ts';
import { DATABASE_URL_HELP, type Database, databaseUrl, openDatabase } from '../database.ts';
import { UsageError } from '../errors.ts';
import { jsonLine, tableWriter } from '../output.ts';
import { shortTime } from '../times.ts';

const DECISIONS: readonly AuditDecision[] = [
  'allowed',
  'denied',
  'approval_required',
  'approved',
  'rejected',
];
const MAX_LIMIT = 10_000;

export const AUDIT_HELP = `Usage: gatehouse audit <tail|query|verify> [filters] [options]

Reads the audit log in the Gatehouse PostgreSQL store: one record per call, allowed or not.

  gatehouse audit tail  [filters] [-n <count>] [--follow [--interval <seconds>]]
      the newest records (default 20), oldest first; --follow then prints new ones as they
      arrive until Ctrl-C
  gatehouse audit query [filters] [--limit <count>]
      the records matching the filters (default limit 100), oldest first
  gatehouse audit verify [--file <log>...] [--anchors <log>...]
      checks the hash chains: finds a deleted, inserted, edited or moved record (see verify --help)

Filters:
  --since <time>         from this time: ISO (2026-11-24T09:00:00Z, 2026-11-24) or ago (15m, 2h, 7d)
  --until <time>         before this time, same forms
  --actor <actor>        --server <server>   --tool <name>
  --decision <d>         ${DECISIONS.join(', ')}

Options:
${DATABASE_URL_HELP}
  -n, --limit <count>    how many records at most (1 to ${MAX_LIMIT})
  --follow               tail only: keep polling for new records
  --interval <seconds>   tail --follow only: seconds between polls (default 2)
  --json                 JSON lines, one record per line, instead of columns
  -h, --help             this help`;

const OPTIONS = {
  'database-url': { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
  actor: { type: 'string' },
  server: { type: 'string' },
  tool: { type: 'string' },
  decision: { type: 'string' },
  limit: { type: 'string', short: 'n' },
  follow: { type: 'boolean' },
  interval: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export async function auditCommand(argv: readonly string[], ctx: CommandContext): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === '-h' || sub === '--help' || sub === 'help') {
    ctx.out(AUDIT_HELP);
    return 0;
  }
  if (sub === 'verify') return (await import('./audit-verify.ts')).auditVerifyCommand(rest, ctx);
  if (sub !== 'tail' && sub !== 'query') {
    throw usage(sub === undefined ? 'missing subcommand' : `unknown subcommand audit ${sub}`);
  }
  const { values, positionals } = parseCommand(rest, OPTIONS, AUDIT_HELP);
  if (values.help) {
    ctx.out(AUDIT_HELP);
    return 0;
  }
  if (positionals.length > 0) throw usage(`unexpected argument ${JSON.stringify(positionals[0])}`);
  if (sub === 'query' && (values.follow || values.interval !== undefined)) {
    throw usage('--follow and --interval go with audit tail');
  }
  if (values.interval !== undefined && !values.follow) throw usage('--interval goes with --follow');
  if (values.follow && values.until !== undefined) throw usage('--until does not go with --follow');

  const filters = auditFilters(values);
  const limit = parseInteger('limit', values.limit ?? (sub === 'tail' ? '20' : '100'), 1, MAX_LIMIT);
  const intervalMs = parseInteger('interval', values.interval ?? '2', 1, 3600) * 1000;
  const url = databaseUrl(values['database-url'], ctx, AUDIT_HELP);
  const print = printer(values.json === true, ctx);

  const db = await openDatabase(url);
  try {
    if (sub === 'query') {
      // One more than asked for tells whether the answer was cut.
      const found = await reading(db, () =>
        queryAuditRecords(db.pool, { ...filters, limit: Math.min(limit + 1, MAX_LIMIT) }),
      );
      print(found.slice(0, limit), true);
      if (found.length > limit) {
        ctx.err(
          `Showing the first ${limit} matching records; more match: raise --limit or narrow with --since/--until.`,
        );
      }
      return 0;
    }
    const follower = values.follow
      ? await reading(db, () => startAuditFollower(db.pool, filters))
      : undefined;
    const newest = await reading(db, () => newestAuditRecords(db.pool, filters, limit));
    print(newest, true);
    if (follower === undefined) return 0;
    follower.markShown(newest);
    ctx.err('Following new records; Ctrl-C stops.');
    while (!ctx.signal.aborted) {
      try {
        await sleep(intervalMs, undefined, { signal: ctx.signal });
      } catch {
        break; // interrupted: a normal end of --follow
      }
      print(await reading(db, () => follower.poll()), false);
    }
    return 0;
  } finally {
    await db.close().catch(() => undefined);
  }
}

/** The query's filters from the options: times parsed, the decision checked, an empty window refused. */
export function auditFilters(
  values: Partial<Record<'since' | 'until' | 'actor' | 'server' | 'tool' | 'decision', string>>,
  now: number = Date.now(),
): AuditQuery {
  const query: { -readonly [K in keyof AuditQuery]: AuditQuery[K] } = {};
  if (values.since !== undefined) query.since = parseTime('since', values.since, now);
  if (values.until !== undefined) query.until = parseTime('until', values.until, now);
  if (query.since && query.until && query.since >= query.until) {
    throw usage(
      `--since (${query.since.toISOString()}) must be before --until (${query.until.toISOString()})`,
    );
  }
  if (values.actor !== undefined) query.actor = values.actor;
  if (values.server !== undefined) query.server = values.server;
  if (values.tool !== undefined) query.tool = values.tool;
  if (values.decision !== undefined) query.decision = parseChoice('decision', values.decision, DECISIONS);
  return query;
}

async function reading<T>(db: Database, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw db.failure(error, 'cannot read the audit log');
  }
}

const COLUMNS = [
  { header: 'TIME', value: (r: StoredAuditRecord) => shortTime(r.time) },
  { header: 'ACTOR', value: (r: StoredAuditRecord) => r.actor },
  { header: 'SERVER', value: (r: StoredAuditRecord) => r.server },
  { header: 'NAME', value: (r: StoredAuditRecord) => (r.kind === 'tool' ? r.name : `${r.kind}:${r.name}`) },
  { header: 'DECISION', value: (r: StoredAuditRecord) => r.decision },
  { header: 'OUTCOME', value: (r: StoredAuditRecord) => (r.code ? `${r.outcome} ${r.code}` : r.outcome) },
  { header: 'MS', value: (r: StoredAuditRecord) => Math.round(r.durationMs), align: 'right' as const },
  { header: 'TARGET', value: (r: StoredAuditRecord) => r.target },
];

/** Prints records as JSON lines, or as columns (header once) that stay aligned across `--follow` batches. */
function printer(json: boolean, ctx: CommandContext) {
  const table = tableWriter(COLUMNS);
  let headerShown = false;
  return (records: readonly StoredAuditRecord[], first: boolean) => {
    if (json) {
      for (const record of records) ctx.out(jsonLine(record));
      return;
    }
    if (records.length === 0) {
      if (first) ctx.err('No audit records match.');
      return;
    }
    for (const line of table(records, !headerShown)) ctx.out(line);
    headerShown = true;
  };
}

const usage = (message: string) => new UsageError(message, AUDIT_HELP);
