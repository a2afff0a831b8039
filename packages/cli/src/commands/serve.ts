import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expectPositionals, parseCommand } from '../args.ts';
import type { CommandContext } from '../context.ts';
import { UsageError } from '../errors.ts';
import { runningLocal } from '../local-state.ts';
import { KNOWN_SERVERS, REPOSITORY_ROOT } from '../servers.ts';

export const SERVE_HELP = `Usage: gatehouse serve <server>

Runs one server in this process, over stdio by default: what the host configs of
\`gatehouse host-config\` start (${KNOWN_SERVERS.map((s) => s.name).join(', ')}). While a ./gatehouse start runs
from this checkout, the server joins its shared state (audit, approvals, rate limits), so the
approvals it asks for can be granted with \`gatehouse approvals grant\`. Settings come from the
environment as for any server (GATEHOUSE_TRANSPORT=http serves HTTP instead).

Options:
  -h, --help   this help`;

/** Environment the server takes from a running start, unless the caller set it. */
export function localServeEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const running = runningLocal(env);
  if (running === undefined) return {};
  return {
    ...(env.GATEHOUSE_DATABASE_URL ? {} : { GATEHOUSE_DATABASE_URL: running.databaseUrl }),
    ...(env.GATEHOUSE_APPROVAL_COMMAND ? {} : { GATEHOUSE_APPROVAL_COMMAND: running.approvalCommand }),
  };
}

export async function serveCommand(argv: readonly string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommand(argv, {}, SERVE_HELP);
  if (values.help) {
    ctx.out(SERVE_HELP);
    return 0;
  }
  const [name] = expectPositionals(positionals, ['server'], SERVE_HELP);
  const server = KNOWN_SERVERS.find((s) => s.name === name);
  if (server === undefined) {
    throw new UsageError(
      `unknown server ${JSON.stringify(name)}; valid servers: ${KNOWN_SERVERS.map((s) => s.name).join(', ')}`,
      SERVE_HELP,
    );
  }
  // Servers read their settings from process.env: what a running start shares goes there before they load.
  const joined = localServeEnv(ctx.env);
  Object.assign(process.env, { GATEHOUSE_TRANSPORT: ctx.env.GATEHOUSE_TRANSPORT || 'stdio', ...joined });
  if (joined.GATEHOUSE_DATABASE_URL) {
    ctx.err(`[${server.name}] joined the shared state of the running ./gatehouse start (audit, approvals)`);
  } else if (!process.env.GATEHOUSE_DATABASE_URL) {
    ctx.err(
      `[${server.name}] no ./gatehouse start is running: approvals stay in this process, and the CLI cannot grant them`,
    );
  }
  // The entry serves until a signal ends the process; this command's work is done once it is up.
  await import(pathToFileURL(join(REPOSITORY_ROOT, server.entry)).href);
  return 0;
}
