import { ensureSize } from './grow.ts';
import type { Lexicon, QueryTerm, TermGroup } from './query.ts';
import { FIELD_SPAN, FIELD_WEIGHT } from './term-counter.ts';
import { topK } from './top-k.ts';

const K1 = 1.2;
const B = 0.75;
/**
 * What one weighted occurrence in a heading-like field adds, in units of idf. Body text saturates at K1 + 1
 * (2.2); a heading (weight 2) adds 2.4 and a title (weight 3) 3.6, so a section whose heading or document title
 * names a word outranks any section that only mentions it, however often.
 */
const FIELD_UNIT = 1.2;
const HITS_PER_DOC = 2;

/** A term's inverse document frequency among `sections` sections, `df` of which hold it (BM25's, never negative). */
function idf(df: number, sections: number): number {
  return Math.log(1 + (sections - df + 0.5) / (df + 0.5));
}

/**
 * The score of an ideal answer to a query: a section whose document title names every word of the query (and
 * whose body uses each often enough to saturate), with the coordination factor at 1. A word the searched
 * collections never use counts as the rarest word there is, so a query naming something the docs do not know
 * (`RedisMemoryHigh` where no document mentions Redis) cannot reach it. A hit's score divided by this is its
 * relevance: comparable across queries of any length, unlike the raw BM25 score.
 */
export function idealScore(terms: readonly QueryTerm[], lexicon: Lexicon, sections: number): number {
  let total = 0;
  for (const term of terms) {
    const id = lexicon.id(term.term);
    total +=
      idf(id === undefined ? 0 : lexicon.df(id), sections) * (K1 + 1 + FIELD_WEIGHT.title * FIELD_UNIT);
  }
  return total;
}

/** The index's data a search reads, by term id and by section id. */
export interface Postings {
  /** Per term: section id, packed counts (body tf * FIELD_SPAN + weighted field tf), repeated. */
  readonly lists: readonly (readonly number[])[];
  /** Per section: its document, or -1 when the section is gone. */
  readonly sectionDoc: Int32Array;
  /** Per section: body length in tokens. */
  readonly sectionLength: Int32Array;
  /** Per document: 1 when it may be returned; undefined when all may. */
  readonly docAllowed: Uint8Array | undefined;
  /** Sections searched, and their average body length (BM25 statistics of the searched collections). */
  readonly sections: number;
  readonly avgLength: number;
}

/**
 * Scores sections for a planned query: BM25 on the body plus weighted heading-like fields, each query term
 * counting its best expansion (exact, typo or prefix) once, times a coordination factor. Scratch arrays are
 * indexed by section id and reused across searches; stamps tell which entries belong to the current search.
 */
export class Scorer {
  #score = new Float64Array(1024);
  #stamp = new Int32Array(1024);
  #matched = new Uint8Array(1024);
  #termScore = new Float64Array(1024);
  #termStamp = new Int32Array(1024);
  #touched = new Int32Array(1024);
  #termTouched = new Int32Array(1024);
  #epoch = 0;

  /** Makes room for section ids below `size`. */
  ensure(size: number): void {
    if (size <= this.#score.length) return;
    this.#score = ensureSize(this.#score, size);
    this.#stamp = ensureSize(this.#stamp, size);
    this.#matched = ensureSize(this.#matched, size);
    this.#termScore = ensureSize(this.#termScore, size);
    this.#termStamp = ensureSize(this.#termStamp, size);
    this.#touched = ensureSize(this.#touched, size);
    this.#termTouched = ensureSize(this.#termTouched, size);
  }

  /** The best sections with their scores, best first, at most HITS_PER_DOC per document. */
  rank(
    groups: readonly TermGroup[],
    lexicon: Lexicon,
    postings: Postings,
    limit: number,
  ): [number, number][] {
    const touched = this.#accumulate(groups, lexicon, postings);
    const required = groups.filter((g) => !g.term.compound).length;
    const score = this.#score;
    const matched = this.#matched;
    // Sections holding more of the query's words come first: the share of them a section holds (Lucene's
    // coordination factor), never zero, since a joined identifier alone can match when its parts are too short.
    for (let i = 0; i < touched && required > 0; i++) {
      const sid = this.#touched[i]!;
      score[sid] = (score[sid]! * Math.max(matched[sid]!, 0.5)) / required;
    }
    return this.#collapse(touched, limit, postings.sectionDoc).map((sid) => [sid, score[sid]!]);
  }

  /** Sums each query term's best-matching expansion per section; returns how many sections were touched. */
  #accumulate(groups: readonly TermGroup[], lexicon: Lexicon, postings: Postings): number {
    const { lists, sectionDoc, sectionLength, docAllowed, sections: n, avgLength } = postings;
    const score = this.#score;
    const stamp = this.#stamp;
    const matched = this.#matched;
    const termScore = this.#termScore;
    const termStamp = this.#termStamp;
    const epoch = this.#nextEpoch();
    let touched = 0;
    for (const group of groups) {
      const termEpoch = this.#nextEpoch();
      let termTouched = 0;
      for (const { id, weight } of group.expansions) {
        const termIdf = idf(lexicon.df(id), n) * weight;
        const list = lists[id]!;
        for (let i = 0; i < list.length; i += 2) {
          const sid = list[i]!;
          const docId = sectionDoc[sid]!;
          if (docId < 0 || (docAllowed !== undefined && docAllowed[docId] === 0)) continue;
          const packed = list[i + 1]!;
          const field = packed % FIELD_SPAN;
          const body = (packed - field) / FIELD_SPAN;
          const tf = body / (1 - B + (B * sectionLength[sid]!) / avgLength);
          const s = termIdf * ((tf * (K1 + 1)) / (tf + K1) + field * FIELD_UNIT);
          if (termStamp[sid] !== termEpoch) {
            termStamp[sid] = termEpoch;
            termScore[sid] = s;
            this.#termTouched[termTouched++] = sid;
          } else if (s > termScore[sid]!) termScore[sid] = s;
        }
      }
      for (let i = 0; i < termTouched; i++) {
        const sid = this.#termTouched[i]!;
        if (stamp[sid] !== epoch) {
          stamp[sid] = epoch;
          score[sid] = 0;
          matched[sid] = 0;
          this.#touched[touched++] = sid;
        }
        score[sid]! += termScore[sid]!;
        if (!group.term.compound) matched[sid]!++;
      }
    }
    return touched;
  }

  /** The best `limit` sections, at most HITS_PER_DOC of each document: selects more until enough survive. */
  #collapse(touched: number, limit: number, sectionDoc: Int32Array): number[] {
    let k = Math.min(touched, limit * 3 + 10);
    for (;;) {
      const perDoc = new Map<number, number>();
      const out: number[] = [];
      for (const sid of topK(this.#touched, touched, this.#score, k)) {
        const docId = sectionDoc[sid]!;
        const seen = perDoc.get(docId) ?? 0;
        if (seen >= HITS_PER_DOC) continue;
        perDoc.set(docId, seen + 1);
        out.push(sid);
        if (out.length === limit) return out;
      }
      if (k >= touched) return out;
      k = Math.min(touched, k * 4);
    }
  }

  #nextEpoch(): number {
    if (this.#epoch === 0x7fffffff) {
      this.#stamp.fill(0);
      this.#termStamp.fill(0);
      this.#epoch = 0;
    }
    return ++this.#epoch;
  }
}
