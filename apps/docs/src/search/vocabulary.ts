import { DeletionIndex, editDistance } from './typo.ts';

/** Typo tolerance starts at this length (1 edit), and allows 2 edits from TWO_EDITS_FROM. */
export const ONE_EDIT_FROM = 4;
export const TWO_EDITS_FROM = 8;
const PREFIX_KEY = 3;
const HAS_DIGIT = /\d/;

/**
 * Every term the index has seen, with an id, and the two lookups queries need besides exact ones: terms
 * starting with a prefix, and terms within a few typos. Both are maintained as terms arrive, so no search ever
 * waits for a rebuild. Terms are never forgotten (a term whose documents are gone has no postings left).
 *
 * Prefixes and typos are matched against the words as written too ("settings", "backed"), not only their stems
 * ("set", "back"): a typo in "settings" is one edit from the word but three from its stem.
 */
export class Vocabulary {
  readonly #ids = new Map<string, number>();
  readonly #terms: string[] = [];
  // Forms: every term, and every written word whose stem is another term, each pointing at its term.
  readonly #formIds = new Map<string, number>();
  readonly #forms: string[] = [];
  readonly #formTerm: number[] = [];
  readonly #byPrefix = new Map<string, number[]>();
  readonly #deletions = new DeletionIndex();
  #seen = new Int32Array(1024);
  #epoch = 0;

  get size(): number {
    return this.#terms.length;
  }

  term(id: number): string {
    return this.#terms[id]!;
  }

  id(term: string): number | undefined {
    return this.#ids.get(term);
  }

  /** The id of a term, adding it when new. */
  intern(term: string): number {
    const known = this.#ids.get(term);
    if (known !== undefined) return known;
    const id = this.#terms.length;
    this.#terms.push(term);
    this.#ids.set(term, id);
    this.addForm(term, id);
    return id;
  }

  /** Records that `word` (as written) stands for term `id`, for prefix and typo lookups. */
  addForm(word: string, id: number): void {
    if (this.#formIds.has(word)) return;
    const form = this.#forms.length;
    this.#forms.push(word);
    this.#formTerm.push(id);
    this.#formIds.set(word, form);
    if (word.length >= PREFIX_KEY) {
      const key = word.slice(0, PREFIX_KEY);
      const bucket = this.#byPrefix.get(key);
      if (bucket) bucket.push(form);
      else this.#byPrefix.set(key, [form]);
    }
    // Numbers and versions are looked up exactly: "v18" is not a typo of "v16".
    if (word.length >= ONE_EDIT_FROM - 1 && !HAS_DIGIT.test(word)) {
      this.#deletions.add(form, word, word.length >= TWO_EDITS_FROM - 2 ? 2 : 1);
    }
  }

  /** Calls `visit` with the term of every form longer than `prefix` that starts with it (3+ characters); a
   *  term may come more than once. */
  withPrefix(prefix: string, visit: (id: number) => void): void {
    if (prefix.length < PREFIX_KEY) return;
    const bucket = this.#byPrefix.get(prefix.slice(0, PREFIX_KEY));
    if (!bucket) return;
    for (const form of bucket) {
      const word = this.#forms[form]!;
      if (word.length > prefix.length && word.startsWith(prefix)) visit(this.#formTerm[form]!);
    }
  }

  /** Calls `visit(id, distance)` for the term of every form within 1..maxDistance edits of `word`; a term may
   *  come more than once (through several forms). */
  near(word: string, maxDistance: number, visit: (id: number, distance: number) => void): void {
    if (++this.#epoch === 0x7fffffff) {
      this.#seen.fill(0);
      this.#epoch = 1;
    }
    if (this.#seen.length < this.#forms.length) {
      const bigger = new Int32Array(Math.max(this.#forms.length, this.#seen.length * 2));
      bigger.set(this.#seen);
      this.#seen = bigger;
    }
    const epoch = this.#epoch;
    const seen = this.#seen;
    this.#deletions.candidates(word, maxDistance, (form) => {
      if (seen[form] === epoch) return;
      seen[form] = epoch;
      const d = editDistance(word, this.#forms[form]!, maxDistance);
      if (d > 0 && d <= maxDistance) visit(this.#formTerm[form]!, d);
    });
  }
}
