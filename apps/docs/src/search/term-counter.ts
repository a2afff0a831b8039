import { ensureSize } from './grow.ts';
import { stem } from './stem.ts';
import { forEachToken } from './tokenize.ts';
import type { Vocabulary } from './vocabulary.ts';

/** How much an occurrence counts, by where it is (BM25F field weights); the body counts 1. */
export const FIELD_WEIGHT = { title: 3, heading: 2, ancestor: 1, meta: 2, path: 1 } as const;

/** Caps that keep a posting's two counts packed in one small integer: body * FIELD_SPAN + field. */
export const FIELD_SPAN = 1024;
const MAX_BODY_TF = (1 << 20) - 1;

/**
 * Counts the terms of one section by term id, in arrays reused for every section: body occurrences and
 * weighted occurrences in the heading-like fields (document title, headings, tags, service, path).
 */
export class TermCounter {
  readonly #vocab: Vocabulary;
  #body = new Int32Array(4096);
  #field = new Int32Array(4096);
  /** Term ids counted since the last `take`, each once. */
  readonly touched: number[] = [];
  /** Body tokens counted since the last `take`. */
  bodyLength = 0;

  constructor(vocab: Vocabulary) {
    this.#vocab = vocab;
  }

  /** The id of the word's term, counted as touched; the written word is kept as a form of its term. */
  #id(word: string): number {
    const term = stem(word);
    const id = this.#vocab.intern(term);
    if (term !== word) this.#vocab.addForm(word, id);
    return this.#touch(id);
  }

  #touch(id: number): number {
    if (id >= this.#body.length) {
      this.#body = ensureSize(this.#body, id + 1);
      this.#field = ensureSize(this.#field, id + 1);
    }
    if (this.#body[id] === 0 && this.#field[id] === 0) this.touched.push(id);
    return id;
  }

  addField(text: string, weight: number): void {
    forEachToken(text, (word) => {
      this.#field[this.#id(word)]! += weight;
    });
  }

  addFieldTerm(id: number, weight: number): void {
    this.#field[this.#touch(id)]! += weight;
  }

  addBody(text: string): void {
    forEachToken(text, (word) => {
      this.#body[this.#id(word)]!++;
      this.bodyLength++;
    });
  }

  /** Calls `emit(id, packed)` per counted term, packed = body tf * FIELD_SPAN + field tf, then resets. */
  take(emit: (id: number, packed: number) => void): void {
    for (const id of this.touched) {
      const body = Math.min(this.#body[id]!, MAX_BODY_TF);
      const field = Math.min(this.#field[id]!, FIELD_SPAN - 1);
      emit(id, body * FIELD_SPAN + field);
      this.#body[id] = 0;
      this.#field[id] = 0;
    }
    this.touched.length = 0;
    this.bodyLength = 0;
  }

  /** The field counts gathered so far as (id, weight) pairs, then resets: for the fields every section shares. */
  takeFields(): number[] {
    const out: number[] = [];
    for (const id of this.touched) {
      out.push(id, this.#field[id]!);
      this.#body[id] = 0;
      this.#field[id] = 0;
    }
    this.touched.length = 0;
    this.bodyLength = 0;
    return out;
  }
}
