import type { Detector } from './detector.ts';

/** An operator's extra rule: a regex source; a named group `secret`, if present, is all that is redacted. */
export interface CustomRule {
  readonly kind: string;
  readonly pattern: string;
  readonly flags?: string;
}

/** Kinds end up inside `[REDACTED:<kind>]` and in metrics labels, so they stay plain identifiers. */
const KIND = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

function invalid(kind: string, problem: string): Error {
  return new Error(`Invalid redaction pattern for kind "${kind}": ${problem}`);
}

/** Compile an operator's rule once, at startup, failing loudly with the rule's kind and what is wrong with it. */
export function customDetector(rule: CustomRule): Detector {
  const kind = String(rule.kind);
  if (!KIND.test(kind)) {
    throw new Error(
      `Invalid redaction rule kind ${JSON.stringify(kind)}: use letters, digits, '_', '.', '-' (max 64)`,
    );
  }
  const named = /\(\?<secret>/.test(rule.pattern);
  // Always global (we scan for every match); `d` gives the named group's span; sticky would stop the scan.
  const flags = [...new Set(`${rule.flags ?? ''}g${named ? 'd' : ''}`.replaceAll('y', ''))].join('');
  let pattern: RegExp;
  try {
    pattern = new RegExp(rule.pattern, flags);
  } catch (error) {
    throw invalid(kind, (error as Error).message);
  }
  // A pattern that matches the empty string would redact nothing, forever.
  if (new RegExp(pattern.source, pattern.flags.replace('g', '')).test('')) {
    throw invalid(kind, 'it matches the empty string');
  }

  return {
    kinds: [kind],
    // Operator patterns are the operator's to keep linear; the built-ins' test does not cover them.
    probes: [],
    scan(text, emit) {
      pattern.lastIndex = 0;
      for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
        const secret = named ? m.indices?.groups?.secret : undefined;
        const start = named ? secret?.[0] : m.index;
        const end = named ? secret?.[1] : m.index + m[0].length;
        if (start !== undefined && end !== undefined && end > start) emit(start, end, kind);
        if (m[0].length === 0) pattern.lastIndex++;
      }
    },
  };
}
