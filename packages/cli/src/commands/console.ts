import { join } from 'node:path';
import {
  APPROVER_ROLE,
  APPROVER_SCOPE,
  type ConsoleOptions,
  oauthFromEnv,
  parseApiKeys,
  startConsole,
} from '@gatehouse/console';
import { ConfigError } from '@gatehouse/kit';
import { type ApiKeyEntry, discoverServers } from '@gatehouse/kit/operator';
import { parseCommand } from '../args.ts';
import type { CommandContext } from '../context.ts';
import { DATABASE_URL_HELP, databaseUrl, openDatabase } from '../database.ts';
import { CommandFailure, UsageError } from '../errors.ts';
import { readLocalState, stateDir } from '../local-state.ts';
import { REPOSITORY_ROOT } from '../servers.ts';

/** The console's own port, below the servers' (31xx): `./gatehouse start` serves it there too. */
export const CONSOLE_PORT = 3090;

export const CONSOLE_HELP = `Usage: gatehouse console [--port <port>] [--host <address>] [--database-url <url>]

Serves the Gatehouse console, a web page over the shared PostgreSQL store: the approvals inbox (pending
requests, what each will run, approve or deny with a reason) and its history, the audit trail (filters, paging,
each record's detail, a live tail, the hash-chain verification) and the inventory (every server's tools,
versions, token costs, and which roles may call them). Sign in with an API key the servers accept
(GATEHOUSE_API_KEYS; the development key of a running ./gatehouse start too), or through the identity
provider the servers trust: set GATEHOUSE_OAUTH_ISSUER as for the servers, GATEHOUSE_CONSOLE_OAUTH_CLIENT_ID
(and _CLIENT_SECRET for a confidential client), and GATEHOUSE_CONSOLE_URL, the console's public URL (the tokens'
audience; its /oauth/callback is the redirect URI). Repeated failed sign-ins from one address are held back. Only keys with the role ${APPROVER_ROLE} or the scope ${APPROVER_SCOPE} decide, never on
their own requests; each decision is written to the audit log (intent, then outcome) and kept with the request
(who, channel console, reason). Ctrl-C stops it.

Options:
${DATABASE_URL_HELP}
  --port <port>          default ${CONSOLE_PORT}; 0 for a free one
  --host <address>       default 127.0.0.1; off loopback, the session cookie is Secure (serve it behind TLS)
  -h, --help             this help`;

const OPTIONS = {
  'database-url': { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
} as const;

export interface OpenedConsole {
  readonly url: string;
  close(): Promise<void>;
}

/** The console over the store at `url`, with its own small pool; what `gatehouse console` and start share. */
export async function openConsole(options: {
  databaseUrl: URL;
  apiKeys: readonly ApiKeyEntry[];
  oauth?: ConsoleOptions['oauth'];
  host?: string;
  port?: number;
}): Promise<OpenedConsole> {
  const db = await openDatabase(options.databaseUrl);
  try {
    const running = await startConsole({
      pool: db.pool,
      apiKeys: options.apiKeys,
      servers: discoverServers(REPOSITORY_ROOT),
      rootReadme: join(REPOSITORY_ROOT, 'README.md'),
      ...(options.oauth === undefined ? {} : { oauth: options.oauth }),
      ...(options.host === undefined ? {} : { host: options.host }),
      ...(options.port === undefined ? {} : { port: options.port }),
    });
    return {
      url: running.url,
      async close() {
        await running.close();
        await db.close();
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}

export async function consoleCommand(argv: readonly string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommand(argv, OPTIONS, CONSOLE_HELP);
  if (values.help) {
    ctx.out(CONSOLE_HELP);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`, CONSOLE_HELP);
  const port = values.port === undefined ? CONSOLE_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port: expected a port number 0-65535, got ${values.port}`, CONSOLE_HELP);
  }
  const url = databaseUrl(values['database-url'], ctx, CONSOLE_HELP);
  let apiKeys: ApiKeyEntry[];
  let oauth: ConsoleOptions['oauth'];
  try {
    apiKeys = [...parseApiKeys(ctx.env.GATEHOUSE_API_KEYS), ...localKey(ctx.env)];
    oauth = await oauthFromEnv(ctx.env);
  } catch (error) {
    if (error instanceof ConfigError) throw new CommandFailure(error.problems.join('; '));
    throw error;
  }
  if (apiKeys.length === 0 && oauth === undefined) {
    throw new CommandFailure(
      'nobody could sign in: set GATEHOUSE_API_KEYS (entries from `gatehouse keys create`) or GATEHOUSE_CONSOLE_OAUTH_CLIENT_ID, or run ./gatehouse start',
    );
  }
  let running: OpenedConsole;
  try {
    running = await openConsole({
      databaseUrl: url,
      apiKeys,
      ...(oauth === undefined ? {} : { oauth }),
      port,
      ...(values.host ? { host: values.host } : {}),
    });
  } catch (error) {
    if (error instanceof CommandFailure) throw error;
    throw new CommandFailure(`cannot serve the console: ${(error as Error).message}`);
  }
  ctx.err(`console serving at ${running.url} (Ctrl-C stops it)`);
  await new Promise<void>((resolve) => {
    if (ctx.signal.aborted) resolve();
    ctx.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await running.close();
  return 0;
}

/** The development key of ./gatehouse start (its hash in the state folder), so the same key signs in here. */
function localKey(env: NodeJS.ProcessEnv): ApiKeyEntry[] {
  const key = readLocalState(stateDir(env))?.key;
  return key === undefined ? [] : [{ hash: key.hash, actor: key.actor, roles: key.roles, scopes: [] }];
}
