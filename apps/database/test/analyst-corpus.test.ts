import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANALYST_CORPUS } from './analyst-corpus.ts';
import { type DemoHarness, READER, refusal, startDemoHarness } from './demo-fixture.ts';

// Analysts never hit a wall: every legitimate analytical query of the corpus runs, and what is refused by design
// says what to do instead.

let harness: DemoHarness;
let client: Client;

beforeAll(async () => {
  harness = await startDemoHarness();
  client = (await harness.connect(READER)).client;
}, 120_000);
afterAll(() => harness?.close());

it('holds at least 150 queries across the features analysts use', () => {
  expect(ANALYST_CORPUS.length).toBeGreaterThanOrEqual(150);
  expect(new Set(ANALYST_CORPUS.map((q) => `${q.category}/${q.name}`)).size).toBe(ANALYST_CORPUS.length);
  expect(new Set(ANALYST_CORPUS.map((q) => q.category))).toEqual(
    new Set([
      'basics',
      'joins',
      'window',
      'cte',
      'json',
      'lateral',
      'dates',
      'strings',
      'stats',
      'grouping',
      'filter',
      'arrays',
      'fts',
      'ranges',
      'sets',
      'catalog',
      'explain',
    ]),
  );
});

describe('every analyst query runs', () => {
  it.each(ANALYST_CORPUS.map((query) => [`${query.category}: ${query.name}`, query] as const))(
    '%s',
    async (_, query) => {
      const result = await client.callTool({
        name: query.explain ? 'explain_query' : 'query',
        arguments: { database: 'demo', sql: query.sql },
      });
      expect(result.isError, refusal(result).text).toBeFalsy();
      const data = result.structuredContent as { rows?: unknown[]; nodes?: unknown[] };
      expect(query.explain ? data.nodes?.length : data.rows?.length).toBeGreaterThan(0);
    },
  );
});

describe('what is refused by design says what to do instead', () => {
  const refused = async (sql: string) =>
    refusal(await client.callTool({ name: 'query', arguments: { database: 'demo', sql } }));

  it('a $1 parameter: write the value into the SQL', async () => {
    const result = await refused('SELECT * FROM orders WHERE id = $1');
    expect(result.text).toContain('write the value into the SQL as a literal');
  });

  it('EXPLAIN inside query: use explain_query with the statement itself', async () => {
    const result = await refused('EXPLAIN SELECT * FROM orders');
    expect(result.text).toContain('call explain_query with the statement itself');
  });

  it('a statement over the time limit: names the limit and how to narrow it', async () => {
    const slow = await client.callTool({
      name: 'query',
      arguments: { database: 'restricted', sql: 'SELECT count(*) FROM generate_series(1, 100000000000)' },
    });
    const text = refusal(slow).text;
    expect(text).toContain('sql_timeout');
    expect(text).toContain('statementTimeoutMs of this database is 500 ms');
    expect(text).toMatch(/add LIMIT|explain_query/);
  });

  it('a volatile function: says which volatile ones are allowed, and does not claim it changes data', async () => {
    const result = await refused('SELECT setseed(0.5)');
    expect(result.text).toContain('sql_function_denied');
    expect(result.text).toContain('random()');
    expect(result.text).not.toMatch(/may change data/);
  });
});
