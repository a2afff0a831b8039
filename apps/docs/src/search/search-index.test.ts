import { describe, expect, it } from 'vitest';
import { parseMarkdown } from './markdown.ts';
import { SearchIndex } from './search-index.ts';

const doc = (path: string, body: string, meta: Record<string, unknown> = {}) =>
  parseMarkdown(path, body, meta, 0);

const DISK = doc(
  'runbooks/disk-space-low.md',
  [
    '# Disk space low',
    '## Summary',
    'A volume is filling up. The alert fires at 15% free.',
    '## Mitigation',
    'Delete old WAL segments and expand the volume.',
  ].join('\n'),
  { type: 'runbook', service: 'pg-main', tags: ['Storage', 'alert'], owner: 'team-platform' },
);
const LAG = doc(
  'runbooks/postgres-replication-lag.md',
  [
    '# Postgres replication lag',
    '## Symptoms',
    'Replicas fall behind the primary; reads return stale rows.',
    '## Mitigation',
    'Cancel long queries on the replica.',
  ].join('\n'),
  { type: 'runbook', service: 'pg-main', tags: 'postgres, replication', owner: 'team-data' },
);
const LOGGING = doc(
  'guides/logging.md',
  [
    '# Logging guide',
    'Logs go to Loki. Rotating logs saves disk: disk usage by logs is the main disk cost, so watch the disk.',
    '## Levels',
    'Use info for state changes. A mitigation for noisy logs is sampling; every mitigation is logged.',
  ].join('\n'),
  { type: 'guide', owner: 'team-platform' },
);
const ALERTS = doc(
  'reference/alerts.md',
  [
    '# Alert catalogue',
    '## PostgresReplicationLag',
    'Fires when replay lag stays above 30 s. Owned by billing-api on-call.',
    '## Migrations',
    'Run schema migrations with the migration tool; never lock a hot table while locking is slow.',
  ].join('\n'),
  { type: 'reference' },
);

function handbook(): SearchIndex {
  const index = new SearchIndex();
  for (const d of [DISK, LAG, LOGGING, ALERTS]) index.upsert('handbook', d);
  return index;
}

const paths = (index: SearchIndex, query: string, options?: Parameters<SearchIndex['search']>[1]) =>
  index.search(query, options).map((h) => `${h.path}#${h.anchor}`);

describe('SearchIndex ranking', () => {
  const index = handbook();

  it('ranks title and heading matches above body-only matches', () => {
    // logging.md says "disk" four times in its body; disk-space-low.md has it in the title only.
    expect(paths(index, 'disk')[0]).toMatch(/^runbooks\/disk-space-low\.md#/);
    // logging.md says "mitigation" twice in a body; the runbooks have it as a heading.
    const hits = paths(index, 'mitigation');
    expect(hits.slice(0, 2).sort()).toEqual([
      'runbooks/disk-space-low.md#mitigation',
      'runbooks/postgres-replication-lag.md#mitigation',
    ]);
    expect(hits).toContain('guides/logging.md#levels');
  });

  it('names the section that matches best, with its title path', () => {
    const [hit] = index.search('expand the volume');
    expect(hit).toMatchObject({
      collection: 'handbook',
      path: 'runbooks/disk-space-low.md',
      title: 'Disk space low',
      anchor: 'mitigation',
      titlePath: ['Disk space low', 'Mitigation'],
      meta: { type: 'runbook', service: 'pg-main' },
    });
    expect(hit!.snippet).toContain('expand the volume');
  });

  it('prefers sections holding all the words of the query', () => {
    expect(paths(index, 'cancel queries replica')[0]).toBe('runbooks/postgres-replication-lag.md#mitigation');
  });

  it('matches compound identifiers both ways', () => {
    // The runbook's title and path spell the alert out; the catalogue names it in one word.
    const hits = paths(index, 'PostgresReplicationLag');
    expect(hits[0]).toBe('runbooks/postgres-replication-lag.md#postgres-replication-lag');
    expect(hits.slice(0, 3)).toContain('reference/alerts.md#postgresreplicationlag');
    expect(paths(index, 'replay lag')[0]).toBe('reference/alerts.md#postgresreplicationlag');
    expect(paths(index, 'billing api')[0]).toBe('reference/alerts.md#postgresreplicationlag');
    expect(paths(index, 'billing_api')[0]).toBe('reference/alerts.md#postgresreplicationlag');
  });

  it('matches inflections through stemming', () => {
    expect(paths(index, 'migration')[0]).toBe('reference/alerts.md#migrations');
    expect(paths(index, 'locks')[0]).toBe('reference/alerts.md#migrations');
    expect(paths(index, 'rotate logs')[0]).toBe('guides/logging.md#logging-guide');
  });

  it('finds the right document despite typos', () => {
    expect(paths(index, 'replicaton lag')[0]).toMatch(/^runbooks\/postgres-replication-lag\.md#/);
    expect(paths(index, 'dsik space')[0]).toMatch(/^runbooks\/disk-space-low\.md#/);
    // Two edits are allowed from eight letters on.
    expect(paths(index, 'mitgaiton')[0]).toMatch(/#mitigation$/);
  });

  it('scores typo and prefix matches below exact ones', () => {
    const exact = index.search('replication')[0]!.score;
    expect(index.search('replicaton')[0]!.score).toBeLessThan(exact);
    expect(index.search('replica')[0]!.score).toBeGreaterThan(0);
    expect(index.search('replicati')[0]!.score).toBeLessThan(exact);
  });

  it('rates relevance against an ideal answer, so queries of any length compare', () => {
    const relevance = (query: string) => index.search(query)[0]!.relevance;
    // The runbook's title names every word: about as relevant as a section can be.
    expect(relevance('disk space low')).toBeGreaterThan(1);
    expect(relevance('postgres replication lag')).toBeGreaterThan(1);
    // logging.md only mentions "rotating" in its body.
    expect(relevance('rotating')).toBeLessThan(0.5);
    // A word no document uses (Redis) counts as the rarest there is, so the best section stays far from ideal.
    expect(relevance('redis disk')).toBeLessThan(relevance('disk') / 2);
    // Same section, same words: the score grows with the query, the relevance does not.
    expect(relevance('disk space low volume')).toBeGreaterThan(0.5 * relevance('disk'));
  });

  it('completes the last word of the query as a prefix', () => {
    expect(paths(index, 'catal')[0]).toMatch(/^reference\/alerts\.md#/);
    expect(paths(index, 'postgres replicat')[0]).toMatch(/^runbooks\/postgres-replication-lag\.md#/);
    // Only the last word: "catal" followed by another word is not completed.
    expect(paths(index, 'catal volume')).not.toContain('reference/alerts.md#');
  });

  it('drops stop words, but searches for them when the query has nothing else', () => {
    expect(paths(index, 'how do I expand the volume')[0]).toBe('runbooks/disk-space-low.md#mitigation');
    expect(index.search('the').length).toBeGreaterThan(0);
    expect(index.search('   ')).toEqual([]);
    expect(index.search('zzzzqqqq')).toEqual([]);
  });

  it('returns scores in descending order and honours the limit', () => {
    const hits = index.search('logs disk volume lag', { limit: 3 });
    expect(hits).toHaveLength(3);
    for (let i = 1; i < hits.length; i++) expect(hits[i]!.score).toBeLessThanOrEqual(hits[i - 1]!.score);
  });
});

describe('SearchIndex filters and collections', () => {
  const index = handbook();
  index.upsert(
    'private',
    doc('incidents/2024-03-disk.md', '# Disk incident\nThe disk of pg-main filled up.'),
  );

  it('filters on front matter values, case-insensitively; tag matches any tag', () => {
    expect(new Set(index.search('mitigation', { filters: { type: 'RUNBOOK' } }).map((h) => h.path))).toEqual(
      new Set(['runbooks/disk-space-low.md', 'runbooks/postgres-replication-lag.md']),
    );
    expect(paths(index, 'mitigation', { filters: { tag: 'storage' } })).toEqual([
      'runbooks/disk-space-low.md#mitigation',
    ]);
    // tags written as one comma-separated string count as a list.
    expect(index.search('mitigation', { filters: { tag: 'Replication' } }).map((h) => h.path)).toEqual([
      'runbooks/postgres-replication-lag.md',
    ]);
    expect(
      index.search('disk', { filters: { owner: 'team-platform', type: 'guide' } }).map((h) => h.path),
    ).toEqual(['guides/logging.md']);
    expect(
      index.search('lag', { filters: { service: 'PG-MAIN' } }).every((h) => h.meta.service === 'pg-main'),
    ).toBe(true);
    expect(index.search('disk', { filters: { type: 'adr' } })).toEqual([]);
  });

  it('searches tags and service values as text', () => {
    expect(paths(index, 'storage')[0]).toMatch(/^runbooks\/disk-space-low\.md#/);
  });

  it('filters by collection', () => {
    expect(paths(index, 'disk', { filters: { collection: 'private' } })).toEqual([
      'incidents/2024-03-disk.md#disk-incident',
    ]);
    expect(index.search('disk', { filters: { collection: 'nope' } })).toEqual([]);
  });

  it('searches only the collections the caller may read', () => {
    expect(index.search('disk').some((h) => h.collection === 'private')).toBe(true);
    expect(
      index.search('disk', { collections: ['handbook'] }).every((h) => h.collection === 'handbook'),
    ).toBe(true);
    expect(index.search('disk', { collections: [] })).toEqual([]);
    expect(index.search('disk', { collections: ['handbook'], filters: { collection: 'private' } })).toEqual(
      [],
    );
  });

  it('lets nothing of an unreadable collection show in scores, typos or prefixes', () => {
    const alone = handbook();
    for (const query of ['disk', 'dsik', 'incid', 'pg-main filled']) {
      expect(index.search(query, { collections: ['handbook'] }), query).toEqual(alone.search(query));
    }
  });
});

describe('SearchIndex updates', () => {
  it('replaces a document re-added under the same path', () => {
    const index = handbook();
    const before = index.stats();
    index.upsert('handbook', doc('guides/logging.md', '# Logging guide\nShip traces with OpenTelemetry.'));
    expect(index.search('loki')).toEqual([]);
    expect(paths(index, 'opentelemetry')).toEqual(['guides/logging.md#logging-guide']);
    expect(index.stats().documents).toBe(before.documents);
    expect(index.stats().sections).toBe(before.sections - 1);
  });

  it('keeps the same path in different collections apart', () => {
    const index = new SearchIndex();
    index.upsert('a', doc('x.md', '# X\nalpha'));
    index.upsert('b', doc('x.md', '# X\nbeta'));
    expect(index.search('alpha').map((h) => h.collection)).toEqual(['a']);
    expect(index.search('beta').map((h) => h.collection)).toEqual(['b']);
  });

  it('removes a document', () => {
    const index = handbook();
    index.remove('handbook', 'runbooks/disk-space-low.md');
    index.remove('handbook', 'not/there.md');
    expect(index.search('disk').map((h) => h.path)).not.toContain('runbooks/disk-space-low.md');
    expect(index.search('wal')).toEqual([]);
    expect(index.stats().documents).toBe(3);
  });

  it('stays correct through many replacements (dead postings compacted, ids reused)', () => {
    const index = new SearchIndex();
    const body = (round: number, n: number) =>
      `# Doc ${n}\n${Array.from({ length: 60 }, (_, i) => `word${i} filler`).join(' ')} round${round}`;
    for (let round = 0; round < 30; round++) {
      for (let n = 0; n < 20; n++) index.upsert('c', doc(`d${n}.md`, body(round, n)));
    }
    expect(index.stats()).toEqual({ documents: 20, sections: 20, terms: expect.any(Number) });
    expect(index.search('round29', { limit: 50 })).toHaveLength(20);
    expect(index.search('round28')).toEqual([]);
    // Only the live vocabulary counts, "round0".."round28" are gone: doc, 10..19 (one-digit numbers are too
    // short), word0..word59, filler, round29, and from the paths d0..d19 and md.
    expect(index.stats().terms).toBe(1 + 10 + 60 + 1 + 1 + 20 + 1);
  });

  it('counts documents, sections and terms', () => {
    const index = new SearchIndex();
    expect(index.stats()).toEqual({ documents: 0, sections: 0, terms: 0 });
    index.upsert('c', doc('a.md', '# Alpha\nbeta gamma\n## Delta\nbeta'));
    // alpha, beta, gamma, delta, and the path's "a.md" gives "md".
    expect(index.stats()).toEqual({ documents: 1, sections: 2, terms: 5 });
  });
});

describe('SearchIndex result list', () => {
  it('shows at most two sections of one document', () => {
    const index = new SearchIndex();
    const sections = Array.from({ length: 12 }, (_, i) => `## Widget part ${i}\nwidget widget`).join('\n');
    index.upsert('c', doc('big.md', `# Widgets\n${sections}`));
    index.upsert('c', doc('small.md', '# Other\nOne widget mention.'));
    const hits = index.search('widget');
    expect(hits.filter((h) => h.path === 'big.md')).toHaveLength(2);
    expect(hits.map((h) => h.path)).toContain('small.md');
  });

  it('returns 10 hits by default and at most 50', () => {
    const index = new SearchIndex();
    for (let i = 0; i < 70; i++) index.upsert('c', doc(`d${i}.md`, `# Page ${i}\ncommon text`));
    expect(index.search('common')).toHaveLength(10);
    expect(index.search('common', { limit: 500 })).toHaveLength(50);
    expect(index.search('common', { limit: 0 })).toHaveLength(10);
    expect(index.search('common', { limit: 3 })).toHaveLength(3);
  });

  it('takes the snippet of a heading with no text from its first subsection', () => {
    const index = new SearchIndex();
    index.upsert('c', doc('r.md', '# QueueBacklog\n## Summary\nThe queue grows.\n# Other\nunrelated'));
    expect(index.search('queuebacklog')[0]).toMatchObject({
      anchor: 'queuebacklog',
      snippet: 'The queue grows.',
    });
  });

  it('finds a document by its title even when it has no text', () => {
    const index = new SearchIndex();
    index.upsert('c', { path: 'empty.md', title: 'Quarterly roadmap', meta: {}, sections: [], links: [] });
    expect(index.search('roadmap')).toMatchObject([{ path: 'empty.md', anchor: '', snippet: '' }]);
  });
});
