import { createAssignmentDetector } from './assignments.ts';
import { atSignDetector } from './at-sign.ts';
import { credentialDetector } from './credentials.ts';
import { type CustomRule, customDetector } from './custom.ts';
import type { Detector } from './detector.ts';
import { createFieldMatcher } from './field-names.ts';
import { BUILT_IN_KINDS } from './kinds.ts';
import { personalDetectors } from './personal.ts';

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

  // Order is priority: where two spans start together, the earlier detector names the kind. Operator rules
  // come first (they exist to be specific), then vendor credentials, validated numbers, context rules, and what
  // hangs on an `@`. Each built-in detector is a single pass over the text.
  const detectors: Detector[] = [
    ...(options.extraPatterns ?? []).map(customDetector),
    credentialDetector,
    ...personalDetectors,
    createAssignmentDetector(isSensitiveField, extraFields),
    atSignDetector,
  ].filter((d) => d.kinds.some((kind) => !disabled.has(kind)));

  // Reused across calls: scanning is synchronous and never re-entered.
  const found: Span[] = [];
  const merged: Span[] = [];
  let rank = 0;
  const emit = (start: number, end: number, kind: string): void => {
    if (!disabled.has(kind)) found.push({ start, end, kind, rank });
  };

  const scan = (text: string): readonly Span[] => {
    merged.length = 0;
    if (text.length < MIN_LENGTH) return merged;
    found.length = 0;
    for (rank = 0; rank < detectors.length; rank++) detectors[rank]!.scan(text, emit);
    if (found.length > 1) found.sort(bySpan);
    for (const span of found) {
      const last = merged[merged.length - 1];
      if (last !== undefined && span.start < last.end) {
        if (span.end > last.end) last.end = span.end;
      } else {
        merged.push(span);
      }
    }
    found.length = 0;
    return merged;
  };

  return { scan, isSensitiveField, fieldRule: !disabled.has('field') };
}
