import { userInfo } from 'node:os';
import { isToolError } from '@gatehouse/kit';
import {
  type ApprovalRecord,
  type ApprovalStatus,
  createPostgresApprovalStore,
  escapeInvisible,
} from '@gatehouse/kit/operator';
import { expectPositionals, parseChoice, parseCommand } from '../args.ts';
import type { CommandContext } from '../context.ts';
import { DATABASE_URL_HELP, databaseUrl, withDatabase } from '../database.ts';
import { CommandFailure, UsageError } from '../errors.ts';
import { formatFields, formatTable, jsonLine } from '../output.ts';
import { fromNow, shortTime } from '../times.ts';

const STATUSES = ['pending', 'granted', 'denied', 'used', 'consumed', 'expired', 'all'] as const;

export const APPROVALS_HELP = `Usage: gatehouse approvals <list|show|grant|deny> [options]

Decide approval requests out of band: a write or destructive call that needs a person's yes waits
as a request; once granted, the caller's retry of exactly that call (same input) runs, once. Once
denied, the caller's retry is answered with the denial and its reason until the request expires.
Each decision records who decided (--by) and that it was made here (channel: cli), in the call's
audit record too. Invisible and bidi characters are shown as escapes (\u202E).

  gatehouse approvals list [--status <status>] [--actor <actor>]   (default: those waiting)
  gatehouse approvals show <id>
  gatehouse approvals grant <id> [--by <person>]
  gatehouse approvals deny <id> [--reason <text>] [--by <person>]

Options:
${DATABASE_URL_HELP}
  --status <status>      list only: pending (default), granted, denied, used (or consumed), expired, all
  --actor <actor>        list only: requests made by this actor
  --by <person>          who decides (default: env GATEHOUSE_ACTOR, else the OS user)
  --reason <text>        deny only: why (kept with the record)
  --json                 JSON lines (one record per line) instead of text
  -h, --help             this help`;

const OPTIONS = {
  'database-url': { type: 'string' },
  status: { type: 'string' },
  actor: { type: 'string' },
  by: { type: 'string' },
  reason: { type: 'string' },
  json: { type: 'boolean' },
} as const;

type Values = ReturnType<typeof parseCommand<typeof OPTIONS>>['values'];

/** Options each subcommand takes besides --database-url, --json and --help. */
const ALLOWED: Readonly<Record<string, readonly (keyof typeof OPTIONS)[]>> = {
  list: ['status', 'actor'],
  show: [],
  grant: ['by'],
  deny: ['by', 'reason'],
};

export async function approvalsCommand(argv: readonly string[], ctx: CommandContext): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === '-h' || sub === '--help' || sub === 'help') {
    ctx.out(APPROVALS_HELP);
    return 0;
  }
  if (sub === undefined || !Object.hasOwn(ALLOWED, sub)) {
    throw usage(sub === undefined ? 'missing subcommand' : `unknown subcommand approvals ${sub}`);
  }
  const { values, positionals } = parseCommand(rest, OPTIONS, APPROVALS_HELP);
  if (values.help) {
    ctx.out(APPROVALS_HELP);
    return 0;
  }
  for (const option of ['status', 'actor', 'by', 'reason'] as const) {
    if (values[option] !== undefined && !ALLOWED[sub]?.includes(option)) {
      throw usage(`--${option} does not go with approvals ${sub}`);
    }
  }
  const [id] = expectPositionals(positionals, sub === 'list' ? [] : ['id'], APPROVALS_HELP);
  const url = databaseUrl(values['database-url'], ctx, APPROVALS_HELP);
  if (id === undefined) return list(url, values, ctx);
  if (sub === 'show') return show(url, id, values, ctx);
  return decide(url, sub as 'grant' | 'deny', id, values, ctx);
}

async function list(url: URL, values: Values, ctx: CommandContext): Promise<number> {
  // Decided and used records stay in the store as history; what a person usually wants is what still waits.
  const status = parseChoice('status', values.status ?? 'pending', STATUSES);
  const filter: { status?: ApprovalStatus; actor?: string } = {};
  if (status !== 'all') filter.status = status === 'consumed' ? 'used' : status;
  if (values.actor !== undefined) filter.actor = values.actor;
  const records = await withDatabase(url, async (db) => {
    try {
      return await createPostgresApprovalStore(db.pool).list(filter);
    } catch (error) {
      throw db.failure(error, 'cannot list approvals');
    }
  });
  if (values.json) {
    for (const record of records) ctx.out(asciiJsonLine(record));
    return 0;
  }
  if (records.length === 0) {
    ctx.err(status === 'pending' ? 'No approval requests are waiting.' : 'No approval requests match.');
    return 0;
  }
  const lines = formatTable(
    [
      { header: 'ID', value: (r: ApprovalRecord) => r.id },
      { header: 'STATUS', value: (r) => r.status },
      { header: 'ACTOR', value: (r) => escapeInvisible(r.actor) },
      { header: 'SERVER', value: (r) => escapeInvisible(r.server) },
      { header: 'TOOL', value: (r) => escapeInvisible(r.tool) },
      { header: 'CREATED', value: (r) => shortTime(r.createdAt) },
      { header: 'EXPIRES', value: (r) => (isLive(r) ? fromNow(r.expiresAt) : '-') },
      { header: 'SUMMARY', value: (r) => truncate(escapeInvisible(r.summary), 80) },
    ],
    records,
  );
  for (const line of lines) ctx.out(line);
  return 0;
}

async function show(url: URL, id: string, values: Values, ctx: CommandContext): Promise<number> {
  const record = await withDatabase(url, async (db) => {
    try {
      return await createPostgresApprovalStore(db.pool).get(id);
    } catch (error) {
      throw db.failure(error, `cannot read approval ${id}`);
    }
  });
  if (record === undefined) throw new CommandFailure(`no approval ${id} (it may have been purged)`);
  if (values.json) {
    ctx.out(asciiJsonLine(record));
    return 0;
  }
  for (const line of describeApproval(record)) ctx.out(line);
  if (record.status === 'pending') {
    ctx.err(
      `Decide with: gatehouse approvals grant ${record.id}   or   gatehouse approvals deny ${record.id} --reason "…"`,
    );
  }
  return 0;
}

async function decide(
  url: URL,
  action: 'grant' | 'deny',
  id: string,
  values: Values,
  ctx: CommandContext,
): Promise<number> {
  const by = decider(values.by, ctx);
  const record = await withDatabase(url, async (db) => {
    const store = createPostgresApprovalStore(db.pool);
    try {
      const decider = { by, via: 'cli' } as const;
      return action === 'grant'
        ? await store.grant(id, decider)
        : await store.deny(id, decider, values.reason);
    } catch (error) {
      // The store's own refusal (expired, already decided, unknown id) is the message a person needs.
      if (isToolError(error)) throw new CommandFailure(`cannot ${action} ${id}: ${error.message}`);
      throw db.failure(error, `cannot ${action} approval ${id}`);
    }
  });
  if (values.json) {
    ctx.out(asciiJsonLine(record));
    return 0;
  }
  const what = escapeInvisible(`${record.tool} on ${record.server} for ${record.actor}`);
  ctx.out(
    action === 'grant'
      ? `Granted ${record.id} (${what}) by ${by}; it allows one call with the approved input until ${shortTime(record.expiresAt)}.`
      : `Denied ${record.id} (${what}) by ${by}${values.reason === undefined ? '' : `: ${values.reason}`}.`,
  );
  return 0;
}

/**
 * What a person needs to decide: what will run, for whom, on what, with which input, and until when. Invisible
 * and bidi characters are shown as escapes (`\u202E`), so no field can look like something it is not.
 */
export function describeApproval(record: ApprovalRecord, now: number = Date.now()): string[] {
  const shown = (value: string | undefined) => (value === undefined ? undefined : escapeInvisible(value));
  return formatFields([
    ['Approval', shown(record.id)],
    ['Status', record.status],
    ['Summary', shown(record.summary)],
    ['Tool', shown(record.tool)],
    ['Server', shown(record.server)],
    ['Actor', shown(record.actor)],
    ['Target', shown(record.target)],
    ['Input digest', shown(record.inputDigest)],
    ['Created', shortTime(record.createdAt)],
    ['Expires', `${shortTime(record.expiresAt)} (${fromNow(record.expiresAt, now)})`],
    ['Decided by', shown(record.decidedBy)],
    ['Decided via', record.decidedVia],
    ['Decided at', shortTime(record.decidedAt)],
    ['Reason', shown(record.reason)],
  ]);
}

/**
 * A JSON line with every character outside printable ASCII written as a `\uXXXX` escape: the same JSON to a
 * parser, and nothing a terminal could render invisibly or reorder (bidi overrides) for a person reading it.
 */
export function asciiJsonLine(value: unknown): string {
  return jsonLine(value).replace(
    /[^\x20-\x7e]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** `--by`, else GATEHOUSE_ACTOR, else the OS user: a grant always names a person. */
export function decider(by: string | undefined, ctx: CommandContext): string {
  const who = (by ?? ctx.env.GATEHOUSE_ACTOR ?? osUser())?.trim();
  if (!who) throw usage('cannot tell who decides: pass --by <person> or set GATEHOUSE_ACTOR');
  return who;
}

function osUser(): string | undefined {
  try {
    return userInfo().username;
  } catch {
    return undefined;
  }
}

const isLive = (r: ApprovalRecord) => r.status === 'pending' || r.status === 'granted';

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

const usage = (message: string) => new UsageError(message, APPROVALS_HELP);
