/**
 * Host configuration formats. Each host wants the same facts (how to start or reach a server, and where the
 * secret comes from) in its own file shape:
 * - Claude Desktop `claude_desktop_config.json`: `{"mcpServers": {name: {command, args, env}}}`; the file only
 *   launches local commands, so a remote server goes through the `mcp-remote` bridge.
 * - Claude Code `.mcp.json`: `{"mcpServers": {name: {type: "stdio"|"http", ...}}}`; `${VAR}` is expanded from the
 *   environment in `url`, `headers`, `command`, `args` and `env`.
 * - VS Code `.vscode/mcp.json`: `{"inputs": [...], "servers": {name: {type, ...}}}`; secrets come from a
 *   `promptString` input (`${input:id}`), which VS Code asks for once and stores encrypted.
 * - Cursor `.cursor/mcp.json`: `{"mcpServers": {name: {command, args, env} | {url, headers}}}`; `${env:VAR}`
 *   is expanded from the environment.
 */
export const HOSTS = ['claude-desktop', 'claude-code', 'vscode', 'cursor'] as const;
export type Host = (typeof HOSTS)[number];

/** The environment variable (or VS Code input) that holds the API key; a placeholder, never a key. */
export const API_KEY_VARIABLE = 'GATEHOUSE_API_KEY';
const VSCODE_INPUT_ID = 'gatehouse-api-key';

/** How a host reaches one server: a local process speaking stdio, or a URL speaking Streamable HTTP. */
export type Connection =
  | {
      readonly kind: 'stdio';
      readonly command: string;
      readonly args: readonly string[];
      readonly env: Readonly<Record<string, string>>;
    }
  | { readonly kind: 'http'; readonly url: string };

export interface HostConfig {
  /** Where the snippet goes, for the guidance printed beside it. */
  readonly file: string;
  readonly document: Record<string, unknown>;
  /** What the person must still do (set a variable, replace a placeholder). */
  readonly notes: readonly string[];
}

export function hostConfig(host: Host, servers: ReadonlyMap<string, Connection>): HostConfig {
  const anyHttp = [...servers.values()].some((c) => c.kind === 'http');
  const entries = (shape: (connection: Connection) => Record<string, unknown>) =>
    Object.fromEntries([...servers].map(([name, connection]) => [name, shape(connection)]));
  const keyNote = `set ${API_KEY_VARIABLE} in the environment the host starts from to a key from \`gatehouse keys create\``;
  switch (host) {
    case 'claude-desktop':
      return {
        file: 'claude_desktop_config.json (macOS: ~/Library/Application Support/Claude/, Windows: %APPDATA%\\Claude\\)',
        document: { mcpServers: entries(desktopEntry) },
        notes: anyHttp
          ? [
              'Claude Desktop reaches remote servers through the mcp-remote bridge (npx); replace the placeholder in GATEHOUSE_AUTH_HEADER with a key from `gatehouse keys create`',
            ]
          : [],
      };
    case 'claude-code':
      return {
        file: '.mcp.json in the project root (or `--format commands` for `claude mcp add` lines)',
        document: {
          mcpServers: entries((c) =>
            c.kind === 'stdio'
              ? { type: 'stdio', ...stdioFields(c) }
              : { type: 'http', url: c.url, headers: { Authorization: `Bearer \${${API_KEY_VARIABLE}}` } },
          ),
        },
        notes: anyHttp ? [keyNote] : [],
      };
    case 'vscode':
      return {
        file: '.vscode/mcp.json in the workspace',
        document: {
          ...(anyHttp
            ? {
                inputs: [
                  {
                    type: 'promptString',
                    id: VSCODE_INPUT_ID,
                    description: 'Gatehouse API key (from `gatehouse keys create`)',
                    password: true,
                  },
                ],
              }
            : {}),
          servers: entries((c) =>
            c.kind === 'stdio'
              ? { type: 'stdio', ...stdioFields(c) }
              : {
                  type: 'http',
                  url: c.url,
                  headers: { Authorization: `Bearer \${input:${VSCODE_INPUT_ID}}` },
                },
          ),
        },
        notes: anyHttp ? ['VS Code asks for the API key once, on first start, and stores it encrypted'] : [],
      };
    case 'cursor':
      return {
        file: '.cursor/mcp.json in the project (or ~/.cursor/mcp.json for every project)',
        document: {
          mcpServers: entries((c) =>
            c.kind === 'stdio'
              ? stdioFields(c)
              : { url: c.url, headers: { Authorization: `Bearer \${env:${API_KEY_VARIABLE}}` } },
          ),
        },
        notes: anyHttp ? [keyNote] : [],
      };
  }
}

/** `claude mcp add` command lines for Claude Code (project scope, so they land in `.mcp.json`). */
export function claudeCodeCommands(servers: ReadonlyMap<string, Connection>): string[] {
  // Name (and URL) come first: `--env` and `--header` take several values and would swallow them.
  return [...servers].map(([name, c]) =>
    c.kind === 'stdio'
      ? [
          'claude mcp add',
          shellQuote(name),
          '--scope project --transport stdio',
          ...Object.entries(c.env).map(([k, v]) => `--env ${shellQuote(`${k}=${v}`)}`),
          '--',
          ...[c.command, ...c.args].map(shellQuote),
        ].join(' ')
      : [
          'claude mcp add',
          shellQuote(name),
          shellQuote(c.url),
          '--scope project --transport http --header',
          shellQuote(`Authorization: Bearer \${${API_KEY_VARIABLE}}`),
        ].join(' '),
  );
}

function stdioFields(c: Extract<Connection, { kind: 'stdio' }>) {
  return { command: c.command, args: [...c.args], env: { ...c.env } };
}

function desktopEntry(c: Connection): Record<string, unknown> {
  if (c.kind === 'stdio') return stdioFields(c);
  // No space inside the --header argument: some hosts split arguments on spaces (mcp-remote's own advice).
  return {
    command: 'npx',
    args: ['-y', 'mcp-remote', c.url, '--header', `Authorization:\${GATEHOUSE_AUTH_HEADER}`],
    env: { GATEHOUSE_AUTH_HEADER: 'Bearer <your Gatehouse API key>' },
  };
}

/** Quotes a word for POSIX shells only when it needs it. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}
