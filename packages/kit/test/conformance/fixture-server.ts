import { pino } from 'pino';
import { z } from 'zod';
import {
  definePrompt,
  defineResource,
  defineServer,
  defineTool,
  ErrorCode,
  type Identity,
  ToolError,
} from '../../src/index.ts';
import {
  createKitServer,
  createMemoryAuditSink,
  parsePolicy,
  type RunningHttpServer,
  serveHttp,
} from '../../src/operator.ts';

/**
 * The subset of the conformance suite's "everything server" that a Gatehouse server can express through the kit:
 * the tool, resource and prompt names the suite's server scenarios call. What the kit deliberately cannot do
 * (image/audio content, server-to-client requests on stateless HTTP, subscriptions) is not faked here; those
 * scenarios are listed with reasons in fixture/<revision>.json.
 */

// A 1x1 transparent PNG: what the suite asks `test://static-binary` to return.
const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

const Address = z
  .object({ street: z.string().optional(), city: z.string().optional() })
  .meta({ id: 'address' });

export const conformanceServer = defineServer({
  name: 'conformance',
  version: '1.0.0',
  title: 'Conformance fixture',
  instructions: 'Answers the MCP conformance suite.',
  tools: [
    defineTool({
      name: 'test_simple_text',
      title: 'Simple text',
      description: 'Returns a fixed text.',
      version: '1.0.0',
      access: 'read',
      scopes: [],
      target: () => 'fixture:conformance',
      input: z.object({}),
      output: z.object({ text: z.string() }),
      handler: async () => ({ text: 'This is a simple text response for testing.' }),
    }),
    defineTool({
      name: 'test_error_handling',
      title: 'Always fails',
      description: 'Always fails with a tool error.',
      version: '1.0.0',
      access: 'read',
      scopes: [],
      target: () => 'fixture:conformance',
      input: z.object({}),
      output: z.object({}),
      handler: async () => {
        throw new ToolError(ErrorCode.Upstream, 'This tool intentionally returns an error for testing.');
      },
    }),
    defineTool({
      name: 'json_schema_2020_12_tool',
      title: 'JSON Schema 2020-12',
      description: 'Tool with JSON Schema 2020-12 features',
      version: '1.0.0',
      access: 'read',
      scopes: [],
      target: () => 'fixture:conformance',
      input: z.strictObject({ name: z.string().optional(), address: Address.optional() }),
      output: z.object({ received: z.string() }),
      handler: async (input) => ({ received: JSON.stringify(input) }),
    }),
  ],
  resources: [
    defineResource({
      name: 'static_text',
      title: 'Static text',
      description: 'A fixed text resource.',
      version: '1.0.0',
      scopes: [],
      mimeType: 'text/plain',
      uri: 'test://static-text',
      target: () => 'fixture:conformance',
      read: async () => ({ text: 'This is the content of the static text resource.' }),
    }),
    defineResource({
      name: 'static_binary',
      title: 'Static binary',
      description: 'A fixed PNG image.',
      version: '1.0.0',
      scopes: [],
      mimeType: 'image/png',
      uri: 'test://static-binary',
      target: () => 'fixture:conformance',
      read: async () => ({ blob: PNG_1X1, mimeType: 'image/png' }),
    }),
    defineResource({
      name: 'template_data',
      title: 'Template data',
      description: 'Data for one id.',
      version: '1.0.0',
      scopes: [],
      mimeType: 'application/json',
      uri: 'test://template/{id}/data',
      target: ({ id }) => `fixture:${id}`,
      read: async ({ id }) => ({
        text: JSON.stringify({ id, templateTest: true, data: `Data for ID: ${id}` }),
        mimeType: 'application/json',
      }),
    }),
  ],
  prompts: [
    definePrompt({
      name: 'test_simple_prompt',
      title: 'Simple prompt',
      description: 'A simple prompt without arguments.',
      version: '1.0.0',
      scopes: [],
      args: z.object({}),
      target: () => 'fixture:conformance',
      render: async () => [{ role: 'user', text: 'This is a simple prompt for testing.' }],
    }),
    definePrompt({
      name: 'test_prompt_with_arguments',
      title: 'Prompt with arguments',
      description: 'A prompt with two required arguments.',
      version: '1.0.0',
      scopes: [],
      args: z.object({
        arg1: z.string().describe('First test argument'),
        arg2: z.string().describe('Second test argument'),
      }),
      target: () => 'fixture:conformance',
      render: async ({ arg1, arg2 }) => [
        { role: 'user', text: `Prompt with arguments: arg1='${arg1}', arg2='${arg2}'` },
      ],
    }),
  ],
});

const POLICY = parsePolicy(
  `
roles:
  conformance:
    tools: ["*"]
    targets: ["fixture:*"]
`,
  'conformance-policy.yaml',
);

/** The suite sends no credentials: every loopback caller is this identity (the fixture binds 127.0.0.1 only). */
export const SUITE_IDENTITY: Identity = {
  actor: 'conformance-suite',
  roles: ['conformance'],
  scopes: [],
  via: 'anonymous',
};

/** The fixture on a free loopback port, with a memory audit sink the test can read. */
export async function startConformanceFixture(): Promise<{
  http: RunningHttpServer;
  audit: ReturnType<typeof createMemoryAuditSink>;
  close(): Promise<void>;
}> {
  const audit = createMemoryAuditSink();
  const kit = createKitServer(conformanceServer, {
    policy: POLICY,
    audit,
    logger: pino({ level: 'silent' }),
    // The suite makes a few hundred calls in a burst; the default per-caller limit is for people, not suites.
    rateLimit: { default: { capacity: 10_000, refillPerSecond: 1_000 } },
  });
  const http = await serveHttp(kit, { host: '127.0.0.1', port: 0, authenticate: () => SUITE_IDENTITY });
  return {
    http,
    audit,
    async close() {
      await http.close();
      await kit.close();
    },
  };
}

// `node test/conformance/fixture-server.ts` serves the fixture for running the suite by hand.
if (import.meta.url === `file://${process.argv[1]}`) {
  const fixture = await startConformanceFixture();
  process.stderr.write(`conformance fixture at ${fixture.http.url}\n`);
}
