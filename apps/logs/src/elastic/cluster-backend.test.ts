import { describe, expect, it } from 'vitest';
import { ECS_FIELDS } from '../fields.ts';
import type { ClusterApi, SearchRequest } from './cluster-api.ts';
import { ClusterBackend } from './cluster-backend.ts';

const T0 = Date.UTC(2026, 11, 7, 10);
const signal = new AbortController().signal;

/** A cluster of `n` error documents, newest first, paged with search_after as the real ones do. */
function fakeApi(n: number, requests: SearchRequest[]): ClusterApi {
  const docs = Array.from({ length: n }, (_, i) => ({ time: T0 - i * 1000 }));
  return {
    indices: async () => [],
    dataStreams: async () => [],
    count: async () => n,
    async search(request) {
      requests.push(request);
      const after = request.searchAfter?.[0] as number | undefined;
      const page = docs.filter((d) => after === undefined || d.time < after).slice(0, request.size);
      return {
        hits: page.map((d) => ({
          index: 'logs',
          source: { '@timestamp': new Date(d.time).toISOString(), message: 'boom', log: { level: 'error' } },
          sort: [d.time],
        })),
        total: Math.min(n, 10_000),
        totalIsLowerBound: n > 10_000,
        problems: [],
      };
    },
    histogram: async () => ({ buckets: [], problems: [] }),
    pipedLanguage: 'esql',
    piped: async () => ({ columns: [], rows: [], problems: [] }),
    rawSearch: async () => ({ hits: [], problems: [] }),
    close: async () => {},
  };
}

describe('ClusterBackend.sample', () => {
  it('pages past one search with search_after, up to maxDocs, and says it stopped short', async () => {
    const requests: SearchRequest[] = [];
    const backend = new ClusterBackend('elasticsearch', fakeApi(12_000, requests), ECS_FIELDS, 'S');
    let seen = 0;
    const result = await backend.sample(
      { from: 0, to: T0 + 1, origins: ['logs'] },
      11_000,
      () => seen++,
      signal,
    );
    expect(seen).toBe(11_000);
    expect(requests.map((r) => r.size)).toEqual([5000, 5000, 1000]);
    expect(requests[1]?.searchAfter).toEqual([T0 - 4999 * 1000]);
    expect(result).toMatchObject({ visited: 11_000, complete: false });
  });

  it('stops at a short page and is complete when it saw every match', async () => {
    const requests: SearchRequest[] = [];
    const backend = new ClusterBackend('elasticsearch', fakeApi(30, requests), ECS_FIELDS, 'S');
    const result = await backend.sample({ from: 0, to: T0 + 1, origins: ['logs'] }, 20_000, () => {}, signal);
    expect(requests).toHaveLength(1);
    expect(result).toEqual({ visited: 30, matched: 30, complete: true, warnings: [] });
  });
});
