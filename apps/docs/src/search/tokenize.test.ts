import { describe, expect, it } from 'vitest';
import { parseQuery } from './query.ts';
import { slugify } from './slug.ts';
import { stem } from './stem.ts';
import { forEachToken, tokenize } from './tokenize.ts';

describe('tokenize', () => {
  it('splits camelCase and keeps the whole identifier too', () => {
    expect(tokenize('PostgresReplicationLag')).toEqual([
      'postgr',
      'replication',
      'lag',
      'postgresreplicationlag',
    ]);
    expect(tokenize('postgres replication lag')).toEqual(['postgr', 'replication', 'lag']);
  });

  it('splits acronyms from the word that follows, and keeps digits with their word', () => {
    expect(tokenize('HTTPServer')).toEqual(['http', 'server', 'httpserver']);
    // Terms are stemmed: 'parse' and 'frame' lose their final e, as 'parsing' and 'framed' do.
    expect(tokenize('parseHTTP2Frame base64 ipv6')).toEqual([
      'pars',
      'http2',
      'fram',
      'parsehttp2frame',
      'base64',
      'ipv6',
    ]);
  });

  it('treats kebab-case and snake_case alike', () => {
    expect(tokenize('billing-api')).toEqual(['bill', 'api', 'billingapi']);
    expect(tokenize('billing_api')).toEqual(tokenize('billing-api'));
    expect(tokenize('--max-old-space-size')).toEqual(['max', 'old', 'spac', 'size', 'maxoldspacesiz']);
  });

  it('lowercases, splits on punctuation and drops one-letter tokens', () => {
    expect(tokenize("It's fs.readFile() — a (quick) test!")).toEqual([
      'it',
      'fs',
      'read',
      'file',
      'readfil',
      'quick',
      'test',
    ]);
  });

  it('keeps non-ASCII letters as word characters', () => {
    expect(tokenize('Café über straße')).toEqual(['café', 'über', 'straße']);
  });

  it('drops tokens too long to be words (hashes, keys)', () => {
    expect(tokenize(`sha ${'a'.repeat(64)} end`)).toEqual(['sha', 'end']);
  });

  it('reports identifiers as chunks and where each token is', () => {
    const seen: [string, boolean, number, number, number][] = [];
    forEachToken('see billingApi now', (word, compound, chunk, start, end) =>
      seen.push([word, compound, chunk, start, end]),
    );
    expect(seen).toEqual([
      ['see', false, 0, 0, 3],
      ['billing', false, 1, 4, 11],
      ['api', false, 1, 11, 14],
      ['billingapi', true, 1, 4, 14],
      ['now', false, 2, 15, 18],
    ]);
  });
});

describe('stem', () => {
  it.each([
    ['migrations', 'migration'],
    ['locking', 'lock'],
    ['locked', 'lock'],
    ['locks', 'lock'],
    ['policies', 'policy'],
    ['applied', 'apply'],
    ['caches', 'cach'],
    ['cache', 'cach'],
    ['caching', 'cach'],
    ['running', 'run'],
    ['timing', 'time'],
    ['timed', 'time'],
    ['indexes', 'index'],
    ['processes', 'process'],
    ['databases', 'databas'],
    ['database', 'databas'],
    ['settings', 'set'],
    ['statuses', 'status'],
    ['aliases', 'alias'],
  ])('%s -> %s', (word, expected) => {
    expect(stem(word)).toBe(expected);
  });

  it('leaves short words, words with digits and words that only look inflected alone', () => {
    for (const word of [
      'status',
      'alias',
      'redis',
      'process',
      'string',
      'speed',
      'embed',
      'ios',
      'v18s',
      'http2',
    ]) {
      expect(stem(word)).toBe(word);
    }
  });

  it('folds the inflections of one word to one term', () => {
    const forms = ['replicate', 'replicated', 'replicates', 'replicating'];
    expect(new Set(forms.map(stem)).size).toBe(1);
    expect(stem('embedded')).toBe(stem('embedding'));
  });
});

describe('parseQuery', () => {
  it('drops stop words', () => {
    expect(parseQuery('how do I fix the replication lag').map((t) => t.term)).toEqual([
      'fix',
      'replication',
      'lag',
    ]);
  });

  it('never drops every term of a query', () => {
    expect(parseQuery('what is it').map((t) => t.term)).toEqual(['what', 'is', 'it']);
  });

  it('marks the compound form and the tokens that end the query', () => {
    expect(parseQuery('lag on billing-api')).toEqual([
      { term: 'lag', word: 'lag', compound: false, last: false },
      { term: 'bill', word: 'billing', compound: false, last: false },
      { term: 'api', word: 'api', compound: false, last: true },
      { term: 'billingapi', word: 'billingapi', compound: true, last: true },
    ]);
  });

  it('merges repeated terms', () => {
    expect(parseQuery('lock locks locking').map((t) => t.term)).toEqual(['lock']);
  });
});

describe('slugify', () => {
  it.each([
    ['Disk space low', 'disk-space-low'],
    ['Hello, World!', 'hello-world'],
    ['API & CLI', 'api--cli'],
    ['snake_case and kebab-case', 'snake_case-and-kebab-case'],
    ['fs.readFile(path[, options], callback)', 'fsreadfilepath-options-callback'],
    ['Café ☕ ready', 'café--ready'],
    ['0002: PostgreSQL as primary datastore', '0002-postgresql-as-primary-datastore'],
  ])('%s -> %s', (heading, slug) => {
    expect(slugify(heading)).toBe(slug);
  });
});
