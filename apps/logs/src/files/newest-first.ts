import type { LogEntry } from '../entry.ts';

/**
 * The `capacity` newest (or, `asc`, oldest) entries seen so far, kept sorted: memory is bounded by the page, not
 * by the files. Ties keep arrival order, so lines of one file with the same millisecond stay in file order.
 */
export class NewestFirst {
  readonly #entries: LogEntry[] = [];
  readonly #capacity: number;
  readonly #desc: boolean;

  constructor(capacity: number, order: 'asc' | 'desc' = 'desc') {
    this.#capacity = capacity;
    this.#desc = order === 'desc';
  }

  offer(entry: LogEntry): void {
    const entries = this.#entries;
    const full = entries.length >= this.#capacity;
    if (full) {
      const last = entries[entries.length - 1] as LogEntry;
      if (!this.#before(entry, last)) return;
    }
    let lo = 0;
    let hi = entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.#before(entry, entries[mid] as LogEntry)) hi = mid;
      else lo = mid + 1;
    }
    entries.splice(lo, 0, entry);
    if (entries.length > this.#capacity) entries.pop();
  }

  /** The time an entry must beat to get in, once the page is full. */
  floor(): number | undefined {
    return this.#entries.length >= this.#capacity ? this.#entries[this.#entries.length - 1]?.time : undefined;
  }

  sorted(): LogEntry[] {
    return this.#entries;
  }

  #before(a: LogEntry, b: LogEntry): boolean {
    return this.#desc ? a.time > b.time : a.time < b.time;
  }
}
