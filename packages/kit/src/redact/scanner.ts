import { type CustomRule, customDetector } from './custom.ts';
import type { Detector, NestedScan } from './detector.ts';
import { createBuiltInDetectors } from './detectors/index.ts';
import { createFieldMatcher } from './field-names.ts';
import { BUILT_IN_KINDS } from './kinds.ts';

export interface ScannerOptions {
  readonly extraPatterns?: readonly CustomRule[];
  readonly sensitiveFields?: readonly string[];
  readonly disabledKinds?: readonly string[];
}

/** A span to redact, `[start, end)`. */
export interface Span {
  start: number;
  end: number;
  kind: string;
  rank: number;
}

export interface Scanner {
  /**
   * Sorted, non-overlapping spans of `text` to redact. Overlapping findings are merged into the first one, so
   * no part of either survives. The returned array is reused by the next call.
   */
  scan(text: string): readonly Span[];
  readonly isSensitiveField: (name: string) => boolean;
  readonly fieldRule: boolean;
}

/** Shorter texts cannot hold anything a detector looks for (the shortest is a 6-character e-mail, `a@b.io`). */
const MIN_LENGTH = 6;
/**
 * How many times decoded text is decoded again (base64 inside percent-encoding, …). Each level scans at most
 * the text of the level above, so the bound keeps the whole scan linear.
 */
const MAX_DEPTH = 2;

function bySpan(a: Span, b: Span): number {
  return a.start - b.start || a.rank - b.rank || b.end - a.end;
}

export function createScanner(options: ScannerOptions = {}): Scanner {
  const disabled = new Set(options.disabledKinds ?? []);
  const unknown = [...disabled].filter((kind) => !BUILT_IN_KINDS.includes(kind));
  if (unknown.length > 0) {
    throw new Error(
      `Unknown redaction kind(s) in disabledKinds: ${unknown.join(', ')}. Known: ${BUILT_IN_KINDS.join(', ')}`,
    );
  }
  const extraFields = options.sensitiveFields ?? [];
  const isSensitiveField = createFieldMatcher(extraFields);
  // Compiled once: a bad operator rule fails at start-up, naming itself.
  const custom = (options.extraPatterns ?? []).map(customDetector);

  /** One scanner per level of decoding, built when first needed; each owns its detectors and buffers. */
  const level = (depth: number): ((text: string) => readonly Span[]) => {
    let deeper: ((text: string) => readonly Span[]) | undefined;
    const nested: NestedScan | undefined =
      depth < MAX_DEPTH
        ? (text) => {
            deeper ??= level(depth + 1);
            return deeper(text);
          }
        : undefined;
    // Order is priority: operator rules come first (they exist to be specific), then the built-ins.
    const detectors: Detector[] = [
      ...custom,
      ...createBuiltInDetectors(isSensitiveField, extraFields, nested, depth > 0),
    ].filter((d) => d.kinds.length === 0 || d.kinds.some((kind) => !disabled.has(kind)));

    // Reused across calls: a level's scan is synchronous and never re-entered (deeper levels have their own).
    // Findings live in a pool of span objects that only grows; `count` of them are this scan's.
    const pool: Span[] = [];
    let count = 0;
    const order: Span[] = [];
    const merged: Span[] = [];
    let rank = 0;
    const emit = (start: number, end: number, kind: string): void => {
      if (end <= start || disabled.has(kind)) return;
      let span = pool[count];
      if (span === undefined) {
        span = { start, end, kind, rank };
        pool.push(span);
      } else {
        span.start = start;
        span.end = end;
        span.kind = kind;
        span.rank = rank;
      }
      count++;
    };

    return (text: string): readonly Span[] => {
      merged.length = 0;
      if (text.length < MIN_LENGTH) return merged;
      count = 0;
      for (rank = 0; rank < detectors.length; rank++) detectors[rank]!.scan(text, emit);
      if (count === 0) return merged;
      order.length = count;
      for (let i = 0; i < count; i++) order[i] = pool[i]!;
      if (count > 1) order.sort(bySpan);
      // Merged spans are copies: the pool's objects are rewritten by the next scan.
      for (const span of order) {
        const last = merged[merged.length - 1];
        if (last !== undefined && span.start < last.end) {
          if (span.end > last.end) last.end = span.end;
        } else {
          merged.push({ start: span.start, end: span.end, kind: span.kind, rank: span.rank });
        }
      }
      return merged;
    };
  };

  return { scan: level(0), isSensitiveField, fieldRule: !disabled.has('field') };
}

/** Every detector's probes, for the linear-time test: what makes each one stop and look closer. */
export function allProbes(): string[] {
  return createBuiltInDetectors(
    () => false,
    [],
    () => [],
  ).flatMap((d) => d.probes);
}
