import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { parseChoice, parseCommand, parseList } from '../args.ts';
import type { CommandContext } from '../context.ts';
import { CommandFailure, UsageError } from '../errors.ts';
import { type Connection, claudeCodeCommands, HOSTS, hostConfig } from '../hosts.ts';
import { runningLocal, stateDir } from '../local-state.ts';
import { KNOWN_SERVERS, type KnownServer, REPOSITORY_ROOT } from '../servers.ts';

export const HOST_CONFIG_HELP = `Usage: gatehouse host-config --host <host> --servers <a,b> [options]

Prints the configuration a host needs to enable just these Gatehouse servers (JSON on stdout;
where to paste it on stderr). Servers are named gatehouse-<server> in the host.

Options:
  --host <host>          ${HOSTS.join(' | ')}
  --servers <a,b>        ${KNOWN_SERVERS.map((s) => s.name).join(', ')}
  --url <base>           connect over Streamable HTTP instead of starting a local process (stdio);
                         \`--url local\`: the servers a running ./gatehouse start serves, at their real URLs
  --url-style <style>    port (default): <base>:<port>/mcp, each server on its own port
                         (${KNOWN_SERVERS.map((s) => `${s.name} ${s.port}`).join(', ')}), as the servers serve;
                         path: <base>/<server>/mcp, for a proxy of your own that routes by path
  --launcher <how>       stdio only: gatehouse (default; <root>/gatehouse serve <server>, which finds or
                         fetches Node >= 22.18 and joins a running ./gatehouse start's shared state),
                         node (this machine's Node by absolute path, ${process.execPath}),
                         or pnpm (pnpm --silent --dir <root> --filter <package> start; needs Node >= 22.18
                         first on the host's PATH)
  --root <dir>           stdio only: the Gatehouse checkout on the host's machine (default: ${REPOSITORY_ROOT})
  --format <format>      json (default) or commands (claude-code only: \`claude mcp add\` lines)
  -h, --help             this help

The HTTP form never holds a key: it refers to GATEHOUSE_API_KEY (Claude Code, Cursor), a VS Code
password input, or a placeholder to replace (Claude Desktop).

Examples:
  gatehouse host-config --host claude-code --servers notes,docs --url local
  gatehouse host-config --host vscode --servers docs,database --url https://mcp.example.com`;

const OPTIONS = {
  host: { type: 'string' },
  servers: { type: 'string' },
  url: { type: 'string' },
  'url-style': { type: 'string' },
  launcher: { type: 'string' },
  root: { type: 'string' },
  format: { type: 'string' },
} as const;

export async function hostConfigCommand(argv: readonly string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommand(argv, OPTIONS, HOST_CONFIG_HELP);
  if (values.help) {
    ctx.out(HOST_CONFIG_HELP);
    return 0;
  }
  if (positionals.length > 0) throw usage(`unexpected argument ${JSON.stringify(positionals[0])}`);
  if (values.host === undefined) throw usage(`--host is required: one of ${HOSTS.join(', ')}`);
  if (!(HOSTS as readonly string[]).includes(values.host)) {
    throw usage(`unknown host ${JSON.stringify(values.host)}; valid hosts: ${HOSTS.join(', ')}`);
  }
  const host = values.host as (typeof HOSTS)[number];
  const servers = pickServers(values.servers);
  const format = parseChoice('format', values.format ?? 'json', ['json', 'commands'] as const);
  if (format === 'commands' && host !== 'claude-code') {
    throw usage(`--format commands is only for --host claude-code (its \`claude mcp add\` command lines)`);
  }

  const connections = new Map<string, Connection>();
  if (values.url !== undefined && (values.launcher !== undefined || values.root !== undefined)) {
    throw usage('--launcher and --root describe a local process; they do not go with --url');
  }
  if (values.url === 'local') {
    if (values['url-style'] !== undefined) throw usage('--url local uses the URLs the servers serve');
    const running = runningLocal(ctx.env);
    if (running === undefined) {
      throw new CommandFailure(
        `--url local: no ./gatehouse start is running from ${stateDir(ctx.env)}; start it, or give --url <base>`,
      );
    }
    for (const server of servers) {
      const url = running.servers[server.name];
      if (url === undefined)
        throw new CommandFailure(`--url local: the running start does not serve ${server.name}`);
      connections.set(`gatehouse-${server.name}`, { kind: 'http', url });
    }
  } else if (values.url !== undefined) {
    const style = parseChoice('url-style', values['url-style'] ?? 'port', ['port', 'path'] as const);
    const base = parseBaseUrl(values.url, style);
    if (base.protocol === 'http:' && !isLoopback(base.hostname)) {
      ctx.err(
        `warning: ${base.origin} is plain HTTP: the API key would cross the network unencrypted; use https`,
      );
    }
    for (const server of servers)
      connections.set(`gatehouse-${server.name}`, httpConnection(base, style, server));
  } else {
    if (values['url-style'] !== undefined) throw usage('--url-style goes with --url');
    const launcher = parseChoice('launcher', values.launcher ?? 'gatehouse', [
      'gatehouse',
      'node',
      'pnpm',
    ] as const);
    if (launcher === 'node' && values.root !== undefined) {
      ctx.err(
        `note: --launcher node names this machine's Node (${process.execPath}); another machine needs its own`,
      );
    }
    const root = resolve(values.root ?? REPOSITORY_ROOT);
    if (values.root !== undefined && !isAbsolute(values.root)) {
      ctx.err(
        `note: --root ${values.root} was made absolute (${root}); hosts start servers from their own folder`,
      );
    }
    for (const server of servers) {
      connections.set(`gatehouse-${server.name}`, stdioConnection(launcher, root, server));
      // Only this machine's checkout can be checked; --root may name a folder on another one.
      if (values.root === undefined && !existsSync(join(root, server.entry))) {
        ctx.err(
          `warning: ${server.entry} does not exist in ${root} yet; the ${server.name} server will not start`,
        );
      }
    }
  }

  if (format === 'commands') {
    for (const line of claudeCodeCommands(connections)) ctx.out(line);
    return 0;
  }
  const config = hostConfig(host, connections);
  ctx.out(JSON.stringify(config.document, null, 2));
  ctx.err(`Paste into ${config.file}, merging with any servers already there.`);
  for (const note of config.notes) ctx.err(`Then ${note}.`);
  return 0;
}

function pickServers(text: string | undefined): KnownServer[] {
  const valid = KNOWN_SERVERS.map((s) => s.name).join(', ');
  const names = parseList(text);
  if (names.length === 0) throw usage(`--servers is required: a comma-separated list of ${valid}`);
  const unknown = names.filter((name) => !KNOWN_SERVERS.some((s) => s.name === name));
  if (unknown.length > 0) {
    throw usage(
      `unknown server${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; valid servers: ${valid}`,
    );
  }
  // In the order asked for, each once.
  return [...new Set(names)].map((name) => KNOWN_SERVERS.find((s) => s.name === name) as KnownServer);
}

function parseBaseUrl(text: string, style: 'path' | 'port'): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw usage(
      `--url: expected an http(s) URL such as https://mcp.example.com, got ${JSON.stringify(text)}`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw usage(`--url: expected http or https, got ${url.protocol.replace(/:$/, '')}`);
  }
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw usage('--url: give a base address without credentials, query or fragment');
  }
  if (style === 'port' && url.port !== '') {
    throw usage(`--url: with --url-style port each server uses its own port; leave :${url.port} out`);
  }
  return url;
}

function httpConnection(base: URL, style: 'path' | 'port', server: KnownServer): Connection {
  const prefix = base.pathname.replace(/\/+$/, '');
  if (style === 'port') {
    const host =
      base.hostname.includes(':') && !base.hostname.startsWith('[') ? `[${base.hostname}]` : base.hostname;
    return { kind: 'http', url: `${base.protocol}//${host}:${server.port}${prefix}/mcp` };
  }
  return { kind: 'http', url: `${base.origin}${prefix}/${server.name}/mcp` };
}

/**
 * How a host starts one server. Never a bare `node`: a host's PATH often finds an older Node first, and the server
 * then dies on its `.ts` entry with a message the host hides ("connection closed").
 */
function stdioConnection(
  launcher: 'gatehouse' | 'node' | 'pnpm',
  root: string,
  server: KnownServer,
): Connection {
  const env = { GATEHOUSE_TRANSPORT: 'stdio' };
  if (launcher === 'gatehouse') {
    return { kind: 'stdio', command: join(root, 'gatehouse'), args: ['serve', server.name], env };
  }
  if (launcher === 'node') {
    return { kind: 'stdio', command: process.execPath, args: [join(root, server.entry)], env };
  }
  // --silent: pnpm's "> package start" banner would otherwise go to stdout, which belongs to the MCP stream.
  return {
    kind: 'stdio',
    command: 'pnpm',
    args: ['--silent', '--dir', root, '--filter', server.package, 'start'],
    env,
  };
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

const usage = (message: string) => new UsageError(message, HOST_CONFIG_HELP);
