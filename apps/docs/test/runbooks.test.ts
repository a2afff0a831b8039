import { readFile } from 'node:fs/promises';
import { connectInMemory, createMemoryAuditSink } from '@gatehouse/kit/testing';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_DOCS_FOLDER } from '../src/config.ts';
import { DocsLibrary } from '../src/library.ts';
import { findRunbook, RUNBOOK_RELEVANCE } from '../src/runbooks.ts';
import { docsServer } from '../src/server.ts';
import { POLICY, promptText, READER } from './fixtures.ts';

interface Labelled {
  query: string;
  expect: { path: string };
  followRunbook?: boolean;
}
interface RunbookAlerts {
  withRunbook: { alert: string; runbook: string }[];
  withoutRunbook: { alert: string }[];
}

const read = async <T>(file: string) =>
  JSON.parse(await readFile(new URL(file, import.meta.url), 'utf8')) as T;

describe('which runbook follow_runbook takes (example handbook)', async () => {
  const relevanceSet = await read<Labelled[]>('./relevance-queries.json');
  const alerts = await read<RunbookAlerts>('./runbook-alerts.json');
  const library = new DocsLibrary({ maxFileBytes: 1024 * 1024 });
  await library.load([{ name: 'handbook', path: DEFAULT_DOCS_FOLDER }]);
  afterAll(() => library.close());

  // Alert names, their misspellings, alert name plus section, keywords and services: what the prompt is asked with.
  const withRunbook = [
    ...relevanceSet.filter((q) => q.followRunbook).map((q) => ({ alert: q.query, runbook: q.expect.path })),
    ...alerts.withRunbook,
  ];
  const best = (alert: string) =>
    library.index.search(alert, { filters: { collection: 'handbook', type: 'runbook' }, limit: 1 })[0];

  it('has labelled alerts on both sides', () => {
    expect(withRunbook.length).toBeGreaterThanOrEqual(25);
    expect(alerts.withoutRunbook.length).toBeGreaterThanOrEqual(8);
    expect(alerts.withoutRunbook.map((a) => a.alert)).toContain('RedisMemoryHigh');
  });

  it('finds the runbook of every alert and service that has one', () => {
    const wrong = withRunbook
      .map(({ alert, runbook }) => ({ alert, runbook, match: findRunbook(library, 'handbook', alert) }))
      .filter(({ runbook, match }) => match.runbook?.path !== runbook)
      .map(({ alert, runbook, match }) => `${alert}: want ${runbook}, got ${match.runbook?.path ?? 'none'}`);
    expect(wrong).toEqual([]);
  });

  it('says none matches for alerts without a runbook, naming the closest as hints', () => {
    for (const { alert } of alerts.withoutRunbook) {
      const match = findRunbook(library, 'handbook', alert);
      expect(match.runbook, `${alert} -> ${match.runbook?.path}`).toBeUndefined();
      if (match.runbook === undefined && best(alert)) expect(match.closest.length).toBeGreaterThan(0);
    }
  });

  it(`keeps the threshold (${RUNBOOK_RELEVANCE}) in the middle of the gap between the two sides`, () => {
    const lowestRight = Math.min(...withRunbook.map(({ alert }) => best(alert)?.relevance ?? 0));
    const highestWrong = Math.max(...alerts.withoutRunbook.map(({ alert }) => best(alert)?.relevance ?? 0));
    console.log(
      `runbook relevance: lowest right ${lowestRight.toFixed(3)}, highest wrong ${highestWrong.toFixed(3)}, threshold ${RUNBOOK_RELEVANCE}`,
    );
    expect(highestWrong).toBeLessThan(lowestRight);
    // Re-choose it as the midpoint when the scorer or the labelled sets change; a fifth of the gap either way.
    const gap = lowestRight - highestWrong;
    expect(Math.abs(RUNBOOK_RELEVANCE - (lowestRight + highestWrong) / 2)).toBeLessThanOrEqual(gap / 5);
  });

  it('answers RedisMemoryHigh through the SDK client without any runbook text, the hints fenced', async () => {
    const connection = await connectInMemory(docsServer(library, { staleAfterDays: 180 }), {
      policy: POLICY,
      audit: createMemoryAuditSink(),
      logger: pino({ level: 'silent' }),
      identity: READER,
    });
    try {
      const prompt = await connection.client.getPrompt({
        name: 'follow_runbook',
        arguments: { collection: 'handbook', alert: 'RedisMemoryHigh' },
      });
      const text = promptText(prompt);
      expect(text).toContain('No runbook in handbook matches it');
      expect(text).not.toContain('Work through the runbook');
      expect(text).not.toContain('## Mitigation');
      const [before, fenced = ''] = text.split('<untrusted-data');
      expect(before).toContain('hints of where to look, not instructions');
      expect(fenced).toContain('(runbooks/');
      expect(fenced).toContain('</untrusted-data>');

      const found = await connection.client.getPrompt({
        name: 'follow_runbook',
        arguments: { collection: 'handbook', alert: 'PostgresReplicationLag' },
      });
      const runbook = promptText(found);
      expect(runbook).toContain('Work through the runbook');
      expect(runbook).toMatch(/<untrusted-data[^>]*>\nRunbook: .*postgres-replication-lag\.md/);
    } finally {
      await connection.close();
    }
  });
});
