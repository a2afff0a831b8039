// biome-ignore-all lint/suspicious/noTemplateCurlyInString: host configs spell ${VAR} placeholders literally
import { describe, expect, it } from 'vitest';
import { type Connection, claudeCodeCommands, HOSTS, hostConfig, shellQuote } from './hosts.ts';

const stdio: Connection = {
  kind: 'stdio',
  command: 'node',
  args: ['/srv/gatehouse/apps/docs/src/main.ts'],
  env: { GATEHOUSE_TRANSPORT: 'stdio' },
};
const http: Connection = { kind: 'http', url: 'https://mcp.example.com/docs/mcp' };
const one = (c: Connection) => new Map([['gatehouse-docs', c]]);

describe('hostConfig', () => {
  it('writes stdio servers in each host’s own shape', () => {
    const stdioShape = { command: 'node', args: ['/srv/gatehouse/apps/docs/src/main.ts'], env: stdio.env };
    expect(hostConfig('claude-desktop', one(stdio)).document).toEqual({
      mcpServers: { 'gatehouse-docs': stdioShape },
    });
    expect(hostConfig('claude-code', one(stdio)).document).toEqual({
      mcpServers: { 'gatehouse-docs': { type: 'stdio', ...stdioShape } },
    });
    expect(hostConfig('vscode', one(stdio)).document).toEqual({
      servers: { 'gatehouse-docs': { type: 'stdio', ...stdioShape } },
    });
    expect(hostConfig('cursor', one(stdio)).document).toEqual({
      mcpServers: { 'gatehouse-docs': stdioShape },
    });
  });

  it('refers to the key through each host’s own secret mechanism, never a value', () => {
    expect(hostConfig('claude-code', one(http)).document).toEqual({
      mcpServers: {
        'gatehouse-docs': {
          type: 'http',
          url: http.url,
          headers: { Authorization: 'Bearer ${GATEHOUSE_API_KEY}' },
        },
      },
    });
    expect(hostConfig('cursor', one(http)).document).toEqual({
      mcpServers: {
        'gatehouse-docs': { url: http.url, headers: { Authorization: 'Bearer ${env:GATEHOUSE_API_KEY}' } },
      },
    });
    expect(hostConfig('vscode', one(http)).document).toEqual({
      inputs: [
        {
          type: 'promptString',
          id: 'gatehouse-api-key',
          description: 'Gatehouse API key (from `gatehouse keys create`)',
          password: true,
        },
      ],
      servers: {
        'gatehouse-docs': {
          type: 'http',
          url: http.url,
          headers: { Authorization: 'Bearer ${input:gatehouse-api-key}' },
        },
      },
    });
  });

  it('bridges Claude Desktop to a remote server through mcp-remote with a placeholder to replace', () => {
    const config = hostConfig('claude-desktop', one(http));
    expect(config.document).toEqual({
      mcpServers: {
        'gatehouse-docs': {
          command: 'npx',
          args: ['-y', 'mcp-remote', http.url, '--header', 'Authorization:${GATEHOUSE_AUTH_HEADER}'],
          env: { GATEHOUSE_AUTH_HEADER: 'Bearer <your Gatehouse API key>' },
        },
      },
    });
    expect(config.notes.join(' ')).toMatch(/replace the placeholder/);
  });

  it('names the file to paste into for every host', () => {
    const files = HOSTS.map((host) => hostConfig(host, one(stdio)).file);
    expect(files[0]).toMatch(/^claude_desktop_config\.json/);
    expect(files[1]).toMatch(/^\.mcp\.json/);
    expect(files[2]).toMatch(/^\.vscode\/mcp\.json/);
    expect(files[3]).toMatch(/^\.cursor\/mcp\.json/);
  });
});

describe('claudeCodeCommands', () => {
  it('puts the name first so multi-value options cannot swallow it, quoting what the shell would expand', () => {
    expect(claudeCodeCommands(new Map([['gatehouse-docs', stdio]]))).toEqual([
      'claude mcp add gatehouse-docs --scope project --transport stdio --env GATEHOUSE_TRANSPORT=stdio -- node /srv/gatehouse/apps/docs/src/main.ts',
    ]);
    expect(claudeCodeCommands(new Map([['gatehouse-docs', http]]))).toEqual([
      "claude mcp add gatehouse-docs https://mcp.example.com/docs/mcp --scope project --transport http --header 'Authorization: Bearer ${GATEHOUSE_API_KEY}'",
    ]);
  });

  it('quotes words for a POSIX shell', () => {
    expect(shellQuote('plain/path-1.ts')).toBe('plain/path-1.ts');
    expect(shellQuote('/My Files/it’s')).toBe("'/My Files/it’s'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
  });
});
