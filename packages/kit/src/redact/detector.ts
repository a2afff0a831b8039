/** Reports one span of `text` to redact, `[start, end)`, as `kind`. */
export type Emit = (start: number, end: number, kind: string) => void;

/**
 * One scan over a text. A detector is built per scanner (so nested scans of decoded text never share its
 * state), holds its compiled patterns for its whole life, and must stay linear in the length of the text
 * whatever the text holds: every candidate it stops at costs a bounded amount of work, or consumes what it read.
 */
export interface Detector {
  /** Every kind this detector can report; it is dropped when all of them are disabled. */
  readonly kinds: readonly string[];
  /**
   * Strings that make this detector stop and look closer (its prefixes, keywords, anchors). The linear-time
   * test repeats each over a megabyte, so a new detector is covered by declaring what triggers it.
   */
  readonly probes: readonly string[];
  scan(text: string, emit: Emit): void;
}

/** Scans a decoded view of part of a text (base64, percent-encoding, JSON escapes) with every detector. */
export type NestedScan = (text: string) => readonly { start: number; end: number; kind: string }[];
