import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';

/** An MCP server started as `node <args>` with `env` added, and the official SDK client connected to it. */
export async function stdioClient(
  name: string,
  args: string[],
  env: Record<string, string>,
): Promise<Client> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args,
    env: { ...process.env, ...env } as Record<string, string>,
    stderr: 'ignore',
  });
  const client = new Client({ name, version: '1.0.0' });
  await client.connect(transport);
  return client;
}
