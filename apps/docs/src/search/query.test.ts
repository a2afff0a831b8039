import { describe, expect, it } from 'vitest';
import { type Lexicon, planQuery, WEIGHT } from './query.ts';
import { topK } from './top-k.ts';
import { Vocabulary } from './vocabulary.ts';

/** A lexicon over a real Vocabulary with made-up document frequencies, and written forms of its terms. */
function lexicon(
  dfs: Record<string, number>,
  forms: Record<string, string> = {},
): { lexicon: Lexicon; name: (id: number) => string } {
  const vocab = new Vocabulary();
  const df: number[] = [];
  for (const [term, n] of Object.entries(dfs)) df[vocab.intern(term)] = n;
  for (const [word, term] of Object.entries(forms)) vocab.addForm(word, vocab.intern(term));
  return {
    lexicon: {
      id: (term) => vocab.id(term),
      df: (id) => df[id] ?? 0,
      withPrefix: (prefix, visit) => vocab.withPrefix(prefix, visit),
      near: (term, max, visit) => vocab.near(term, max, visit),
    },
    name: (id) => vocab.term(id),
  };
}

const plan = (query: string, dfs: Record<string, number>, forms: Record<string, string> = {}) => {
  const { lexicon: lex, name } = lexicon(dfs, forms);
  return planQuery(query, lex).map((g) => ({
    term: g.term.term,
    expansions: Object.fromEntries(g.expansions.map((e) => [name(e.id), e.weight])),
  }));
};

describe('planQuery', () => {
  it('keeps exact terms at full weight and leaves out terms that match nothing', () => {
    expect(plan('disk zzz', { disk: 3 })).toEqual([{ term: 'disk', expansions: { disk: WEIGHT.exact } }]);
  });

  it('corrects unknown words of 4+ letters by one edit, 8+ letters by two', () => {
    expect(plan('lokc', { lock: 5, lick: 1 })).toEqual([
      { term: 'lokc', expansions: { lock: WEIGHT.oneEdit } },
    ]);
    expect(plan('lgo', { log: 9 })).toEqual([]);
    expect(plan('replcaiton', { replication: 4 })).toEqual([
      { term: 'replcaiton', expansions: { replication: WEIGHT.twoEdits } },
    ]);
  });

  it('keeps only the closest spellings', () => {
    expect(plan('gsenerated', { generat: 3, general: 30 }, { generated: 'generat' })).toEqual([
      { term: 'gsenerat', expansions: { generat: WEIGHT.oneEdit } },
    ]);
  });

  it('corrects typos against words as written, not only their stems', () => {
    // "settins" is one edit from "settings" but three from its stem "set".
    expect(plan('settins', { set: 8 }, { settings: 'set', setting: 'set' })).toEqual([
      { term: 'settin', expansions: { set: WEIGHT.oneEdit } },
    ]);
    // Prefixes too: "lockin" starts "locking", whose term is "lock".
    expect(plan('lockin', { lock: 2 }, { locking: 'lock' })).toEqual([
      { term: 'lockin', expansions: { lock: WEIGHT.oneEdit } },
    ]);
  });

  it('corrects a rare known word only towards far more common spellings', () => {
    expect(plan('dsik', { dsik: 1, disk: 40, desk: 5 })).toEqual([
      { term: 'dsik', expansions: { dsik: WEIGHT.exact, disk: WEIGHT.oneEdit } },
    ]);
    expect(plan('desk', { desk: 30, disk: 40 })).toEqual([
      { term: 'desk', expansions: { desk: WEIGHT.exact } },
    ]);
  });

  it('does not correct numbers or versions', () => {
    expect(plan('node19', { node18: 10 })).toEqual([]);
  });

  it('completes only the last word, and only from three letters', () => {
    expect(plan('repl lag', { replica: 2, lag: 1, lagging: 3 })).toEqual([
      { term: 'lag', expansions: { lag: WEIGHT.exact, lagging: WEIGHT.prefix } },
    ]);
    expect(plan('lag re', { lag: 1, replica: 2 })).toEqual([
      { term: 'lag', expansions: { lag: WEIGHT.exact } },
    ]);
  });

  it('skips expansions with no documents in the searched collections', () => {
    expect(plan('replic', { replica: 0, replication: 2 })).toEqual([
      { term: 'replic', expansions: { replication: WEIGHT.prefix } },
    ]);
  });
});

describe('topK', () => {
  it('selects the k best by score, ties broken by lower id, like a full sort', () => {
    let seed = 3;
    const random = () => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return seed / 2 ** 32;
    };
    for (let round = 0; round < 50; round++) {
      const n = 1 + Math.floor(random() * 300);
      const scores = new Float64Array(400);
      const ids = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        ids[i] = Math.floor(random() * 400);
        scores[ids[i]!] = Math.floor(random() * 20);
      }
      const unique = [...new Set(ids)];
      const k = 1 + Math.floor(random() * 30);
      const expected = unique.sort((a, b) => scores[b]! - scores[a]! || a - b).slice(0, k);
      const distinct = Int32Array.from(new Set(ids));
      expect(topK(distinct, distinct.length, scores, k)).toEqual(expected);
    }
  });

  it('returns nothing for k = 0 or no candidates', () => {
    expect(topK(new Int32Array([1]), 1, new Float64Array(2), 0)).toEqual([]);
    expect(topK(new Int32Array(0), 0, new Float64Array(2), 5)).toEqual([]);
  });
});
