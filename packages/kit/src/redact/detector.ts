/** Reports one span of `text` to redact, `[start, end)`, as `kind`. */
export type Emit = (start: number, end: number, kind: string) => void;

/**
 * One scan over a text. Detectors hold their compiled patterns for the life of the process (no RegExp is built
 * per call); a global or sticky pattern's `lastIndex` is set before each use, and scans never nest.
 */
export interface Detector {
  /** Every kind this detector can report; it is dropped when all of them are disabled. */
  readonly kinds: readonly string[];
  scan(text: string, emit: Emit): void;
}
