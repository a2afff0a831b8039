/** Reports one span of `text` to redact, `[start, end)`, as `kind`. */
export type Emit = (start: number, end: number, kind: string) => void;

/**
 * One scan over a text. Detectors hold their compiled patterns for the life of the process (no RegExp is built
 * per call); a global pattern's `lastIndex` is reset at the start of each scan, and scans never nest.
 */
export interface Detector {
  /** Every kind this detector can report; it is dropped when all of them are disabled. */
  readonly kinds: readonly string[];
  scan(text: string, emit: Emit): void;
}

/**
 * Decides what part of a match to redact: return a kind to redact `[start, end)` of the text, or undefined to
 * reject the match (failed checksum, placeholder, …). `range` defaults to the whole match.
 */
export type Verify = (match: RegExpExecArray, text: string, range: Range) => string | undefined;

/** Mutable span a verifier may narrow, so no object is allocated per match. */
export interface Range {
  start: number;
  end: number;
}

/** A detector driven by one global pattern, with an optional verifier per match. */
export function patternDetector(kinds: readonly string[], pattern: RegExp, verify?: Verify): Detector {
  if (!pattern.global) throw new Error(`Detector pattern for ${kinds.join(', ')} must be global`);
  const kind = kinds[0] ?? 'secret';
  const range: Range = { start: 0, end: 0 };
  return {
    kinds,
    scan(text, emit) {
      pattern.lastIndex = 0;
      for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
        range.start = m.index;
        range.end = m.index + m[0].length;
        const found = verify ? verify(m, text, range) : kind;
        if (found !== undefined && range.end > range.start) emit(range.start, range.end, found);
        if (m[0].length === 0) pattern.lastIndex++;
      }
    },
  };
}

/** Narrow `range` to a capture group that ends the match (the secret after its context, e.g. `AccountKey=`). */
export function suffixGroup(group: string | undefined, range: Range): void {
  if (group === undefined) return;
  range.start = range.end - group.length;
}
