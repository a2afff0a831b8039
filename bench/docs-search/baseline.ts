import type { ParsedDoc } from '@gatehouse/docs/search';

export interface ScanSection {
  readonly collection: string;
  readonly path: string;
  readonly anchor: string;
}

/**
 * The baseline: what a server without an index does. Every search scans the text (heading and body) of every
 * section for each query word, case-insensitively, and ranks sections by the number of occurrences. The texts
 * are lowercased once up front, so only the scan itself is timed.
 */
export class SubstringScan {
  readonly sections: ScanSection[] = [];
  readonly #texts: string[] = [];

  constructor(docs: readonly { collection: string; doc: ParsedDoc }[]) {
    for (const { collection, doc } of docs) {
      for (const s of doc.sections) {
        this.sections.push({ collection, path: doc.path, anchor: s.anchor });
        this.#texts.push(`${doc.title}\n${s.heading}\n${s.text}`.toLowerCase());
      }
    }
  }

  /** Indexes into `sections` of the best `limit` matches. */
  search(query: string, limit = 10): number[] {
    const words = query
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length >= 2);
    if (words.length === 0) return [];
    const found: number[] = [];
    const counts: number[] = [];
    for (let i = 0; i < this.#texts.length; i++) {
      const text = this.#texts[i]!;
      let count = 0;
      for (const w of words) {
        for (let at = text.indexOf(w); at >= 0; at = text.indexOf(w, at + w.length)) count++;
      }
      if (count > 0) {
        found.push(i);
        counts.push(count);
      }
    }
    const order = found.map((_, k) => k).sort((a, b) => counts[b]! - counts[a]! || a - b);
    return order.slice(0, limit).map((k) => found[k]!);
  }
}
