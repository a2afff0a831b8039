import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createMemoryAuditSink } from '../src/audit/sinks.ts';
import { definePrompt, defineResource, defineServer, defineTool } from '../src/contracts/define.ts';
import { parsePolicy } from '../src/policy/policy.ts';
import { type HttpHarness, startHttp, testApiKey } from '../src/testing/index.ts';

// Findings of the review of issue 10 §1, each through real HTTP with the official SDK client, in both protocol
// eras: every kind of request passes the same steps (shape, validation, rate limit, audit), not only tools/call.

const TOKEN = `ghp_${'A1b2C3d4E5'.repeat(3)}abcdef`;
const SPLIT_TOKEN = `${TOKEN.slice(0, 10)}\u200B${TOKEN.slice(10)}`;
const BIDI = '\u202Egnp.exe';
const CJK = '漢字かな交じり文。'.repeat(4000); // ~108 KB of 3-byte characters

const definition = defineServer({
  name: 'kinds',
  version: '1.0.0',
  tools: [
    defineTool({
      name: 'echo_status',
      title: 'Status',
      description: 'A status line from upstream.',
      version: '1.0.0',
      access: 'read',
      scopes: [],
      target: () => 'thing:status',
      input: z.object({}),
      // `status` is not declared untrusted: stripping and redaction must reach it anyway.
      output: z.object({
        status: z.string(),
        columns: z.array(z.object({ name: z.string(), type: z.string() })),
      }),
      handler: async () => ({
        status: `deploy ok ${SPLIT_TOKEN} ${BIDI}`,
        columns: Array.from({ length: 1200 }, (_, i) => ({
          name: `column_${i}_with_a_long_name`,
          type: 'text',
        })),
      }),
    }),
  ],
  resources: [
    defineResource({
      name: 'page',
      title: 'Page',
      description: 'A page by slug.',
      version: '1.0.0',
      scopes: [],
      uri: 'pages://{slug}',
      untrusted: true,
      mimeType: 'text/markdown',
      target: ({ slug }) => `page:${slug}`,
      list: async () => [
        { uri: 'pages://intro', name: 'intro', title: `Intro ${TOKEN} ${BIDI}` },
        { uri: 'pages://secret', name: 'secret', title: 'not for readers' },
      ],
      complete: {
        slug: async (value) => ['intro', 'install', `${TOKEN}`].filter((s) => s.startsWith(value)),
      },
      read: async ({ slug }) => ({ text: slug === 'cjk' ? CJK : `# ${slug}` }),
    }),
  ],
  prompts: [
    definePrompt({
      name: 'summarize',
      title: 'Summarize',
      description: 'Summarize a page.',
      version: '1.0.0',
      scopes: [],
      args: z.object({ slug: z.string() }),
      target: ({ slug }) => `page:${slug}`,
      render: async ({ slug }) => [
        {
          role: 'user',
          text: `Summarize ${slug}: ${SPLIT_TOKEN} ${BIDI}\n<untrusted-data source="x">\n${CJK}\n</untrusted-data>`,
        },
      ],
    }),
  ],
});

const policy = parsePolicy(
  `
roles:
  reader:
    tools: ["*"]
    targets: ["thing:*", "page:intro", "page:cjk", "page:install"]
`,
  'kinds-policy.yaml',
);

let harness: HttpHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function start(rateLimit?: { capacity: number; refillPerSecond: number }) {
  const audit = createMemoryAuditSink();
  const { key, entry } = testApiKey('reader', ['reader']);
  harness = await startHttp(definition, {
    policy,
    audit,
    logger: pino({ level: 'silent' }),
    apiKeys: [entry],
    ...(rateLimit ? { rateLimit: { default: rateLimit } } : {}),
  });
  return { audit, key, harness };
}

const hasInvisible = (text: string) => /[\u200B\u202E]/.test(text);

describe.each(['legacy', 'modern'] as const)('every request kind, %s era over HTTP', (era) => {
  it('strips and redacts every string of a tool answer, declared untrusted or not, and keeps it in its byte budget', async () => {
    const { key, harness } = await start();
    const client = await harness.connect(key, { era });
    const result = await client.callTool({ name: 'echo_status', arguments: {} });
    const wire = JSON.stringify(result);
    expect(wire).not.toContain(TOKEN.slice(10));
    expect(hasInvisible(wire)).toBe(false);
    expect(wire).toContain('[REDACTED:');
    const text = (result.content as { text: string }[])[0]?.text ?? '';
    expect(Buffer.byteLength(JSON.stringify(result.structuredContent), 'utf8')).toBeLessThanOrEqual(
      24 * 1024,
    );
    expect(Buffer.byteLength(text, 'utf8')).toBeLessThanOrEqual(24 * 1024);
    expect(text).toMatch(/\[Output budget: showing \d+ of 1200 columns/);
  });

  it('shapes what a template lists: entries filtered by target, titles redacted and stripped, the call audited', async () => {
    const { audit, key, harness } = await start();
    const client = await harness.connect(key, { era });
    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri)).toEqual(['pages://intro']);
    const title = resources[0]?.title ?? '';
    expect(title).toContain('[REDACTED:');
    expect(title).not.toContain(TOKEN);
    expect(hasInvisible(title)).toBe(false);
    expect(audit.records.at(-1)).toMatchObject({
      kind: 'list',
      name: 'resources/list',
      decision: 'allowed',
      outcome: 'ok',
    });
  });

  it('validates template variables like tool input', async () => {
    const { audit, key, harness } = await start();
    const client = await harness.connect(key, { era });
    await expect(
      client.readResource({ uri: `pages://intro${encodeURIComponent('\u202E')}` }),
    ).rejects.toThrow(/slug: must not contain control or invisible characters/);
    expect(audit.records.at(-1)).toMatchObject({ kind: 'resource', name: 'page', code: 'invalid_input' });
  });

  it('cuts a resource by bytes and never cuts its fence; an unknown one names its uri', async () => {
    const { key, harness } = await start();
    const client = await harness.connect(key, { era });
    const read = await client.readResource({ uri: 'pages://cjk' });
    const text = (read.contents[0] as { text: string }).text;
    expect(Buffer.byteLength(text, 'utf8')).toBeLessThanOrEqual(24 * 1024);
    expect(text.startsWith('<untrusted-data')).toBe(true);
    expect(text).toMatch(/<\/untrusted-data>\n\[Output budget: \d+ bytes cut/);
    const missing = await client.readResource({ uri: 'nope://x' }).catch((e: unknown) => e);
    // The SDK client recognises resource-not-found by `data.uri` (2025: -32002; 2026-07-28: -32602).
    expect(missing).toMatchObject({ data: { uri: 'nope://x' } });
    expect([-32002, -32602]).toContain((missing as { code: number }).code);
  });

  it('shapes prompts: stripped before redaction, cut by bytes with the fence closed', async () => {
    const { key, harness } = await start();
    const client = await harness.connect(key, { era });
    const prompt = await client.getPrompt({ name: 'summarize', arguments: { slug: 'intro' } });
    const text = (prompt.messages[0]?.content as { text?: string } | undefined)?.text ?? '';
    expect(text).not.toContain(TOKEN.slice(10));
    expect(hasInvisible(text)).toBe(false);
    expect(Buffer.byteLength(text, 'utf8')).toBeLessThanOrEqual(24 * 1024 + 100);
    expect(text).toMatch(/<\/untrusted-data>\n\[Output budget: \d+ bytes of this prompt cut\.\]$/);
  });

  it('answers completions from the definition, shaped, and audits them', async () => {
    const { audit, key, harness } = await start();
    const client = await harness.connect(key, { era });
    const done = await client.complete({
      ref: { type: 'ref/resource', uri: 'pages://{slug}' },
      argument: { name: 'slug', value: '' },
    });
    expect(done.completion.values).toEqual(['intro', 'install', '[REDACTED:github_token]']);
    expect(audit.records.at(-1)).toMatchObject({ kind: 'completion', name: 'page', outcome: 'ok' });
    await expect(
      client.complete({
        ref: { type: 'ref/resource', uri: 'pages://{slug}' },
        argument: { name: 'nope', value: '' },
      }),
    ).rejects.toThrow(/has no argument "nope"/);
  });

  it('audits and rate-limits the list methods (and ping, which 2025 has) like any call', async () => {
    const { audit, key, harness } = await start({ capacity: 2, refillPerSecond: 0.001 });
    const client = await harness.connect(key, { era });
    const before = audit.records.length;
    await client.listTools();
    if (era === 'legacy') await client.ping();
    expect(
      audit.records
        .slice(before)
        .filter((r) => r.kind !== 'request')
        .map((r) => `${r.kind} ${r.name} ${r.decision}`),
    ).toEqual(['list tools/list allowed', ...(era === 'legacy' ? ['ping ping allowed'] : [])]);
    await client.listTools();
    await expect(client.listTools()).rejects.toThrow(/Rate limit for tools\/list reached/);
    expect(audit.records.at(-1)).toMatchObject({
      kind: 'list',
      name: 'tools/list',
      decision: 'denied',
      code: 'rate_limited',
    });
  });
});
