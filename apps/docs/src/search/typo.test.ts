import { describe, expect, it } from 'vitest';
import { editDistance } from './typo.ts';
import { ONE_EDIT_FROM, TWO_EDITS_FROM, Vocabulary } from './vocabulary.ts';

/** Plain O(n·m) optimal-string-alignment distance, without any shortcut: the reference. */
function reference(a: string, b: string): number {
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++)
    d.push(Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i]!;
      row[j] = Math.min(
        d[i - 1]![j]! + 1,
        row[j - 1]! + 1,
        d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(row[j]!, d[i - 2]![j - 2]! + 1);
      }
    }
  }
  return d[a.length]![b.length]!;
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** A word from a small alphabet (so near neighbours are common), and a few random edits of it. */
function word(random: () => number, min: number, max: number): string {
  const n = min + Math.floor(random() * (max - min + 1));
  let w = '';
  for (let i = 0; i < n; i++) w += 'abcdef'[Math.floor(random() * 6)];
  return w;
}

function mutate(random: () => number, w: string, edits: number): string {
  let out = w;
  for (let e = 0; e < edits; e++) {
    const i = Math.floor(random() * Math.max(1, out.length));
    const c = 'abcdefg'[Math.floor(random() * 7)]!;
    const kind = Math.floor(random() * 4);
    if (kind === 0) out = out.slice(0, i) + out.slice(i + 1);
    else if (kind === 1) out = out.slice(0, i) + c + out.slice(i);
    else if (kind === 2) out = out.slice(0, i) + c + out.slice(i + 1);
    else if (i + 1 < out.length) out = out.slice(0, i) + out[i + 1] + out[i] + out.slice(i + 2);
  }
  return out;
}

describe('editDistance', () => {
  it.each([
    ['replication', 'replication', 0],
    ['replicaton', 'replication', 1],
    ['lokc', 'lock', 1],
    ['kitten', 'sitting', 3],
    ['ca', 'abc', 3],
    ['', 'abc', 3],
  ])('%s / %s = %i', (a, b, d) => {
    expect(editDistance(a, b, 5)).toBe(d);
  });

  it('stops early with max + 1 once the distance must exceed max', () => {
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
    expect(editDistance('short', 'muchlongerword', 2)).toBe(3);
  });

  it('agrees with the reference on random pairs', () => {
    const random = rng(7);
    for (let k = 0; k < 2000; k++) {
      const a = word(random, 0, 10);
      const b = random() < 0.5 ? mutate(random, a, 1 + Math.floor(random() * 3)) : word(random, 0, 10);
      const max = Math.floor(random() * 4);
      expect(editDistance(a, b, max), `${a} ${b} ${max}`).toBe(Math.min(reference(a, b), max + 1));
    }
  });
});

describe('Vocabulary', () => {
  it('finds exactly the terms within the allowed distance, as a full scan would', () => {
    const random = rng(42);
    const vocab = new Vocabulary();
    const terms = new Set<string>();
    for (let k = 0; k < 2000; k++) terms.add(word(random, 3, 13));
    for (const t of terms) vocab.intern(t);
    // The full scan uses editDistance, checked against the reference above.
    let neighbours = 0;
    for (let k = 0; k < 300; k++) {
      const base = [...terms][Math.floor(random() * terms.size)]!;
      const query = mutate(random, base, 1 + Math.floor(random() * 2));
      if (query.length < ONE_EDIT_FROM) continue;
      const max = query.length >= TWO_EDITS_FROM ? 2 : 1;
      const expected = [...terms].filter((t) => t !== query && editDistance(query, t, max) <= max).sort();
      const found: string[] = [];
      vocab.near(query, max, (id, distance) => {
        expect(distance).toBe(editDistance(query, vocab.term(id), max));
        found.push(vocab.term(id));
      });
      expect(found.sort(), query).toEqual(expected);
      neighbours += expected.length;
    }
    expect(neighbours).toBeGreaterThan(300);
  });

  it('lists terms by prefix, longer than the prefix itself', () => {
    const vocab = new Vocabulary();
    for (const t of ['replica', 'replication', 'repl', 'report', 're']) vocab.intern(t);
    const found: string[] = [];
    vocab.withPrefix('repl', (id) => found.push(vocab.term(id)));
    expect(found.sort()).toEqual(['replica', 'replication']);
    vocab.withPrefix('re', () => expect.unreachable('prefixes under 3 characters are not expanded'));
  });

  it('keeps ids stable and looks up numbers exactly only', () => {
    const vocab = new Vocabulary();
    const id = vocab.intern('node18');
    expect(vocab.intern('node18')).toBe(id);
    expect(vocab.id('node18')).toBe(id);
    const found: number[] = [];
    vocab.near('node16', 1, (other) => found.push(other));
    expect(found).toEqual([]);
  });
});
