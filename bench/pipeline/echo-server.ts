import { defineServer, defineTool } from '@gatehouse/kit';
import { createKitServer, createPinoAuditSink, type KitServer, parsePolicy } from '@gatehouse/kit/operator';
import type { McpServer } from '@modelcontextprotocol/server';
import { pino } from 'pino';
import { z } from 'zod';

/** The trivial tool every pipeline benchmark calls, so only the machinery around it is measured. */
export const echoDefinition = defineServer({
  name: 'bench',
  version: '0.0.0',
  tools: [
    defineTool({
      name: 'echo',
      title: 'Echo',
      description: 'Echo the text back.',
      version: '1.0.0',
      access: 'read',
      scopes: ['bench:read'],
      target: () => 'bench:echo',
      input: z.object({ text: z.string().max(1000) }),
      output: z.object({ text: z.string() }),
      async handler({ text }) {
        return { text };
      },
    }),
  ],
});

export const BENCH_KEY = 'gh_bench_key_0123456789abcdef';

/** The full pipeline, configured as in production: policy, rate limit, audit to a real (null) file sink. */
export function echoKit(): KitServer {
  return createKitServer(echoDefinition, {
    policy: parsePolicy(
      'roles:\n  bench:\n    scopes: [bench:read]\n    tools: ["*"]\n    targets: ["bench:*"]\n',
      'bench-policy',
    ),
    audit: createPinoAuditSink({ destination: '/dev/null' }),
    logger: pino({ level: 'silent' }),
    rateLimit: { default: { capacity: 1e9, refillPerSecond: 1e9 } },
  });
}

/** The same tool on a bare SDK McpServer: same schemas, structured result plus text, no pipeline. */
export function registerBareEcho(server: McpServer): void {
  server.registerTool(
    'echo',
    {
      description: 'Echo the text back.',
      inputSchema: z.object({ text: z.string().max(1000) }),
      outputSchema: z.object({ text: z.string() }),
    },
    async ({ text }) => ({ content: [{ type: 'text', text: `text: ${text}` }], structuredContent: { text } }),
  );
}
