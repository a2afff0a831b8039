#!/usr/bin/env node
// The `gatehouse` command: out-of-band approvals, audit queries, API keys, host configuration snippets.
import type { CommandContext } from './context.ts';
import { CommandFailure, ExitCode, UsageError } from './errors.ts';

type Command = (argv: readonly string[], ctx: CommandContext) => Promise<number>;

/** Loaded on use, so `gatehouse keys` does not load the PostgreSQL driver. */
const COMMANDS: Readonly<Record<string, { summary: string; load: () => Promise<Command> }>> = {
  approvals: {
    summary: 'list, show, grant or deny approval requests (list|show|grant|deny)',
    load: async () => (await import('./commands/approvals.ts')).approvalsCommand,
  },
  audit: {
    summary: 'read the audit log: newest records, filtered, or its chains verified (tail|query|verify)',
    load: async () => (await import('./commands/audit.ts')).auditCommand,
  },
  console: {
    summary: 'serve the web console (approvals inbox) over the shared PostgreSQL store',
    load: async () => (await import('./commands/console.ts')).consoleCommand,
  },
  keys: {
    summary: 'create an API key and its GATEHOUSE_API_KEYS entry (create)',
    load: async () => (await import('./commands/keys.ts')).keysCommand,
  },
  migrate: {
    summary: "apply the Gatehouse store's pending schema migrations (--check lists them)",
    load: async () => (await import('./commands/migrate.ts')).migrateCommand,
  },
  'host-config': {
    summary: 'print the config a host (Claude, VS Code, Cursor) needs for chosen servers',
    load: async () => (await import('./commands/host-config.ts')).hostConfigCommand,
  },
  serve: {
    summary: 'run one server over stdio, joined to a running ./gatehouse start (what host configs run)',
    load: async () => (await import('./commands/serve.ts')).serveCommand,
  },
};

export const MAIN_HELP = `Usage: gatehouse <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, { summary }]) => `  ${name.padEnd(12)} ${summary}`)
  .join('\n')}

Run \`gatehouse <command> --help\` for a command's options. In a checkout, ./gatehouse runs this command
(bringing Node when the machine lacks it), and also: ./gatehouse start (serve every server), ./gatehouse test.
Exit codes: 0 done, 1 failed (e.g. database unreachable), 2 usage error.`;

async function main(argv: readonly string[]): Promise<number> {
  const interrupted = new AbortController();
  process.on('SIGINT', () => {
    // The first interrupt asks the command to stop (`audit tail --follow` ends cleanly); a second one insists.
    if (interrupted.signal.aborted) process.exit(130);
    interrupted.abort();
    setTimeout(() => process.exit(130), 3000).unref();
  });
  const ctx: CommandContext = {
    env: process.env,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    signal: interrupted.signal,
  };
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
      const topic = name === 'help' && rest[0] !== undefined ? COMMANDS[rest[0]] : undefined;
      if (topic !== undefined) return await (await topic.load())(['--help'], ctx);
      (name === undefined ? ctx.err : ctx.out)(MAIN_HELP);
      return name === undefined ? ExitCode.usage : ExitCode.ok;
    }
    const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (command === undefined) {
      throw new UsageError(
        `unknown command ${JSON.stringify(name)}; commands: ${Object.keys(COMMANDS).join(', ')}`,
      );
    }
    return await (await command.load())(rest, ctx);
  } catch (error) {
    if (error instanceof UsageError) {
      ctx.err(`gatehouse: ${error.message}`);
      const usageLine = (error.help ?? MAIN_HELP).split('\n')[0];
      ctx.err(`${usageLine}\n(add --help for details)`);
      return ExitCode.usage;
    }
    if (error instanceof CommandFailure) {
      ctx.err(`gatehouse: ${error.message}`);
      return ExitCode.failure;
    }
    ctx.err(`gatehouse: unexpected failure: ${error instanceof Error ? error.message : String(error)}`);
    if (ctx.env.GATEHOUSE_DEBUG && error instanceof Error) ctx.err(error.stack ?? '');
    return ExitCode.failure;
  }
}

process.exitCode = await main(process.argv.slice(2));
