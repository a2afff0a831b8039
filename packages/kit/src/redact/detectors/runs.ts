import { classOf, TOKEN } from '../chars.ts';
import type { Detector, Emit } from '../detector.ts';

/**
 * Finds the long runs of token characters (letters, digits and `_-+/=.~`): where vendor tokens, encoded blobs
 * and compact identifiers live. Instead of visiting every character it samples one every MIN_RUN characters:
 * a run at least MIN_RUN long always contains a sample, and each run found is measured once, so the cost is
 * about one look per MIN_RUN characters plus the length of the runs it lands in. Each run is handed to the
 * handlers, which look inside it.
 */

/** Shortest run worth a look: the shortest compact IBAN (Norway) is 15 characters. */
export const MIN_RUN = 15;

export interface RunHandler {
  readonly kinds: readonly string[];
  readonly probes: readonly string[];
  /** Called once per text before its runs, so a handler can reset what it caches per text. */
  begin(text: string): void;
  /** A maximal run `[start, end)` of token characters, at least MIN_RUN long; runs come left to right. */
  run(text: string, start: number, end: number, emit: Emit): void;
}

function isToken(c: number): boolean {
  return (classOf(c) & TOKEN) !== 0;
}

export function createRunDetector(handlers: readonly RunHandler[]): Detector {
  return {
    kinds: [...new Set(handlers.flatMap((h) => h.kinds))],
    probes: handlers.flatMap((h) => h.probes),
    scan(text: string, emit: Emit): void {
      const n = text.length;
      if (n < MIN_RUN) return;
      for (const h of handlers) h.begin(text);
      // Nothing before `floor` can belong to a run not yet seen.
      let floor = 0;
      for (let i = MIN_RUN - 1; i < n; ) {
        if (!isToken(text.charCodeAt(i))) {
          floor = i + 1;
          i += MIN_RUN;
          continue;
        }
        let start = i;
        while (start > floor && isToken(text.charCodeAt(start - 1))) start--;
        let end = i + 1;
        while (end < n && isToken(text.charCodeAt(end))) end++;
        if (end - start >= MIN_RUN) for (const h of handlers) h.run(text, start, end, emit);
        floor = end + 1;
        i = end + MIN_RUN;
      }
    },
  };
}
