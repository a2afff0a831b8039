// Answer and tools/list tokens of the logs server against @elastic/mcp-server-elasticsearch 0.3.1 on the same
// Elasticsearch answers (a loopback fake both official clients reach over HTTP). The peer has no grouping: its way
// to "recent errors" is a search for error lines, so find_recent_errors is compared with that search too.
import { fileURLToPath } from 'node:url';
import { createMemoryAuditSink, loadPolicyFile } from '@gatehouse/kit/operator';
import { connectInMemory } from '@gatehouse/kit/testing';
import {
  backendOf,
  LogsSettingsSchema,
  logsServer,
  SourceSchema,
  Sources,
  sourceBoundaries,
  sourceOf,
} from '@gatehouse/logs/in-process';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { encode } from 'gpt-tokenizer';
import { INDEX, startFakeEs, WINDOW } from './fake-es.ts';

const ANSWER_AIM = 1 / 3;
const LIST_AIM = 2500;
const PEER = fileURLToPath(import.meta.resolve('@elastic/mcp-server-elasticsearch'));

type Content = { content?: unknown };
const tokensOf = (result: Content) =>
  encode(((result.content as { type: string; text?: string }[]) ?? []).map((c) => c.text ?? '').join('\n'))
    .length;
const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');

export async function main(): Promise<void> {
  const { url, server } = await startFakeEs();
  try {
    const { sources: _, ...limits } = LogsSettingsSchema.parse({});
    const config = SourceSchema.parse({ name: 'prod', kind: 'elasticsearch', node: url, allow: ['logs-*'] });
    const sources = new Sources([sourceOf(config, await backendOf(config, limits, 0))]);
    const policy = await loadPolicyFile(
      fileURLToPath(
        import.meta.resolve('@gatehouse/logs/in-process').replace('src/in-process.ts', 'policy.default.yaml'),
      ),
    );
    const ours = await connectInMemory(logsServer(sources, limits), {
      policy,
      identity: { actor: 'bench', roles: ['reader'], scopes: [], via: 'stdio' },
      audit: createMemoryAuditSink(),
      boundaries: sourceBoundaries([config]),
    });
    const peer = new Client({ name: 'bench-logs-tokens', version: '1.0.0' });
    await peer.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [PEER],
        env: { ...process.env, ES_URL: url } as Record<string, string>,
        stderr: 'ignore',
      }),
    );
    try {
      const range = { range: { '@timestamp': { gte: WINDOW.since, lt: WINDOW.until } } };
      const peerSearch = await peer.callTool({
        name: 'search',
        arguments: {
          index: INDEX,
          queryBody: {
            query: { bool: { filter: [range, { term: { 'log.level': 'error' } }] } },
            size: 30,
            sort: [{ '@timestamp': 'desc' }],
          },
        },
      });
      const ourSearch = await ours.client.callTool({
        name: 'search_logs',
        arguments: { ...WINDOW, level: 'error', limit: 30 },
      });
      const ourErrors = await ours.client.callTool({ name: 'find_recent_errors', arguments: WINDOW });
      const peerTokens = tokensOf(peerSearch as Content);
      const rows: [string, number][] = [
        ['search_logs (30 error lines)', tokensOf(ourSearch as Content)],
        ['find_recent_errors (patterns)', tokensOf(ourErrors as Content)],
      ];
      console.log(
        `bench/logs tokens vs @elastic/mcp-server-elasticsearch 0.3.1 (same ${INDEX} answers, gpt-tokenizer):`,
      );
      console.log(`  peer search (30 error lines): ${peerTokens} tokens`);
      for (const [label, n] of rows) {
        const ratio = n / peerTokens;
        console.log(
          `  ${label}: ${n} tokens, ${ratio.toFixed(2)}× the peer; aim ≤ ${ANSWER_AIM.toFixed(2)}×: ${verdict(ratio <= ANSWER_AIM)}`,
        );
      }
      const ourList = encode(JSON.stringify((await ours.client.listTools()).tools)).length;
      const peerList = encode(JSON.stringify((await peer.listTools()).tools)).length;
      console.log(
        `  tools/list: ${ourList} tokens (5 tools) vs the peer's ${peerList} (4 tools), ${(ourList / peerList).toFixed(2)}×; aim ≤ ${LIST_AIM}: ${verdict(ourList <= LIST_AIM)}`,
      );
    } finally {
      await peer.close();
      await ours.close();
    }
  } finally {
    server.close();
  }
}
