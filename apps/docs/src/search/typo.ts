// Typo candidates by symmetric deletion (SymSpell): two words are within edit distance d exactly when deleting at
// most d characters from each gives a common string. Deletions are taken from the first PREFIX characters
// only (the same argument holds for equal-length prefixes), which bounds the variants per word at 29, and they
// are stored as 32-bit hashes in typed arrays: a collision only adds a candidate, and every candidate is
// verified with the real distance.

import { ensureSize } from './grow.ts';

const PREFIX = 7;

function hashSkip(word: string, length: number, skipA: number, skipB: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < length; i++) {
    if (i === skipA || i === skipB) continue;
    h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
  }
  return Math.imul(h ^ (length - (skipA >= 0 ? 1 : 0) - (skipB >= 0 ? 1 : 0)), 0x01000193) | 0;
}

/** The distinct hashes of `word`'s prefix with up to `maxDeletes` characters deleted. */
function variants(word: string, maxDeletes: number, out: number[]): number[] {
  out.length = 0;
  const n = Math.min(word.length, PREFIX);
  const add = (h: number): void => {
    if (!out.includes(h)) out.push(h);
  };
  add(hashSkip(word, n, -1, -1));
  if (maxDeletes >= 1) for (let i = 0; i < n; i++) add(hashSkip(word, n, i, -1));
  if (maxDeletes >= 2)
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) add(hashSkip(word, n, i, j));
  return out;
}

/** Word ids by deletion-variant hash: a chained hash table over three parallel typed arrays. */
export class DeletionIndex {
  #heads = new Int32Array(1024).fill(-1);
  #keys = new Int32Array(1024);
  #ids = new Int32Array(1024);
  #next = new Int32Array(1024);
  #count = 0;
  readonly #scratch: number[] = [];

  get entries(): number {
    return this.#count;
  }

  /** Indexes a word for queries of up to `maxDistance` edits (2 for words long enough to need it). */
  add(id: number, word: string, maxDistance: number): void {
    for (const h of variants(word, maxDistance, this.#scratch)) this.#insert(h, id);
  }

  /** Calls `visit` with every id that may be within `maxDistance` of `word` (with repeats, unverified). */
  candidates(word: string, maxDistance: number, visit: (id: number) => void): void {
    const mask = this.#heads.length - 1;
    for (const h of variants(word, maxDistance, this.#scratch)) {
      for (let e = this.#heads[h & mask]!; e >= 0; e = this.#next[e]!) {
        if (this.#keys[e] === h) visit(this.#ids[e]!);
      }
    }
  }

  #insert(h: number, id: number): void {
    if (this.#count === this.#keys.length) this.#growEntries();
    if (this.#count >= this.#heads.length) this.#growHeads();
    const slot = h & (this.#heads.length - 1);
    const e = this.#count++;
    this.#keys[e] = h;
    this.#ids[e] = id;
    this.#next[e] = this.#heads[slot]!;
    this.#heads[slot] = e;
  }

  #growEntries(): void {
    const size = this.#keys.length * 2;
    this.#keys = ensureSize(this.#keys, size);
    this.#ids = ensureSize(this.#ids, size);
    this.#next = ensureSize(this.#next, size);
  }

  #growHeads(): void {
    this.#heads = new Int32Array(this.#heads.length * 2).fill(-1);
    const mask = this.#heads.length - 1;
    for (let e = 0; e < this.#count; e++) {
      const slot = this.#keys[e]! & mask;
      this.#next[e] = this.#heads[slot]!;
      this.#heads[slot] = e;
    }
  }
}

let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/**
 * Damerau-Levenshtein distance (optimal string alignment: adjacent transpositions count 1) between a and b, or
 * `max + 1` as soon as it must exceed `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  if (m + 1 > rows[0]!.length) rows = [new Int32Array(m + 1), new Int32Array(m + 1), new Int32Array(m + 1)];
  let before = rows[0]!; // row i-2
  let prev = rows[1]!; // row i-1
  let cur = rows[2]!;
  for (let j = 0; j <= m; j++) prev[j] = j;
  let prevMin = 0;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const cb = b.charCodeAt(j - 1);
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ca === cb ? 0 : 1));
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
        d = Math.min(d, before[j - 2]! + 1);
      }
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    // A transposition reaches back two rows, so both must be out of reach before giving up.
    if (rowMin > max && prevMin >= max) return max + 1;
    prevMin = rowMin;
    const spare = before;
    before = prev;
    prev = cur;
    cur = spare;
  }
  return Math.min(prev[m]!, max + 1);
}
