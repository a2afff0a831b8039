import { createMemoryAuditSink } from '@gatehouse/kit';
import { startHttp, testApiKey } from '@gatehouse/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Connections } from '../src/connections.ts';
import { type RunningDemo, startDemo } from '../src/demo/index.ts';
import { databaseServer } from '../src/server.ts';
import { demoConfigs, POLICY } from './demo-fixture.ts';

let demo: RunningDemo;
let connections: Connections;

beforeAll(async () => {
  demo = await startDemo();
  connections = new Connections(demoConfigs(demo));
});
afterAll(async () => {
  await connections?.close();
  await demo?.stop();
});

describe('database server over real HTTP', () => {
  it('answers both protocol eras through the kit pipeline, with masking', async () => {
    const ana = testApiKey('ana', ['reader']);
    const audit = createMemoryAuditSink();
    const harness = await startHttp(databaseServer(connections), {
      policy: POLICY,
      audit,
      apiKeys: [ana.entry],
    });
    try {
      for (const era of ['legacy', 'modern'] as const) {
        const client = await harness.connect(ana.key, { era });
        const result = await client.callTool({
          name: 'query',
          arguments: { database: 'demo', sql: 'SELECT id, email FROM customers ORDER BY id LIMIT 3' },
        });
        const rows = (result.structuredContent as { rows: { id: string; email: string }[] }).rows;
        expect(
          rows.map((r) => r.id),
          era,
        ).toEqual(['1', '2', '3']);
        expect(
          rows.every((r) => r.email === '[masked]'),
          era,
        ).toBe(true);
      }
      expect(audit.records.filter((r) => r.name === 'query' && r.outcome === 'ok')).toHaveLength(2);
    } finally {
      await harness.close();
    }
  });
});
