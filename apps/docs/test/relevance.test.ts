import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DOCS_FOLDER } from '../src/config.ts';
import { DocsLibrary } from '../src/library.ts';

interface LabelledQuery {
  query: string;
  expect: { path: string; anchor?: string };
}

// Floors the search must hold on the labelled set over the example handbook. Raise them as ranking improves;
// never lower them to make a change pass.
const MRR_FLOOR = 0.85;
const RECALL_AT_5_FLOOR = 0.93;

describe('search relevance on the example handbook', async () => {
  const queries = JSON.parse(
    await readFile(new URL('./relevance-queries.json', import.meta.url), 'utf8'),
  ) as LabelledQuery[];
  const library = new DocsLibrary({ maxFileBytes: 1024 * 1024 });
  await library.load([{ name: 'handbook', path: DEFAULT_DOCS_FOLDER }]);

  it('has a labelled set of at least 40 queries whose answers exist', () => {
    expect(queries.length).toBeGreaterThanOrEqual(40);
    for (const q of queries) {
      const doc = library.get('handbook', q.expect.path);
      expect(doc, q.expect.path).toBeDefined();
      if (q.expect.anchor)
        expect(
          doc?.parsed.sections.map((s) => s.anchor),
          q.query,
        ).toContain(q.expect.anchor);
    }
  });

  it(`holds MRR >= ${MRR_FLOOR} and recall@5 >= ${RECALL_AT_5_FLOOR} (document level)`, () => {
    let reciprocal = 0;
    let found = 0;
    const misses: string[] = [];
    for (const q of queries) {
      const hits = library.index.search(q.query, { limit: 10 });
      const docs = [...new Set(hits.map((h) => h.path))];
      const rank = docs.indexOf(q.expect.path) + 1;
      if (rank > 0) reciprocal += 1 / rank;
      if (rank > 0 && rank <= 5) found++;
      else misses.push(`${q.query} -> ${docs.slice(0, 3).join(', ')}`);
    }
    const mrr = reciprocal / queries.length;
    const recall = found / queries.length;
    console.log(
      `relevance: MRR ${mrr.toFixed(3)}, recall@5 ${recall.toFixed(3)} over ${queries.length} queries`,
    );
    expect(mrr, misses.join('\n')).toBeGreaterThanOrEqual(MRR_FLOOR);
    expect(recall, misses.join('\n')).toBeGreaterThanOrEqual(RECALL_AT_5_FLOOR);
  });

  it('names the right section for queries labelled with one (section level, top 5)', () => {
    const withAnchor = queries.filter((q) => q.expect.anchor);
    const hit = withAnchor.filter((q) =>
      library.index
        .search(q.query, { limit: 5 })
        .some((h) => h.path === q.expect.path && h.anchor === q.expect.anchor),
    );
    console.log(`relevance: section hit@5 ${hit.length}/${withAnchor.length}`);
    expect(hit.length / Math.max(1, withAnchor.length)).toBeGreaterThanOrEqual(0.7);
  });
});
