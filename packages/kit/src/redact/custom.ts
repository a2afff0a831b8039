import { type Detector, patternDetector } from './detector.ts';

/** An operator's extra rule: a regex source; a named group `secret`, if present, is all that is redacted. */
export interface CustomRule {
  readonly kind: string;
  readonly pattern: string;
  readonly flags?: string;
}

/** Kinds end up inside `[REDACTED:<kind>]` and in metrics labels, so they stay plain identifiers. */
const KIND = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

/** Compile an operator's rule once, at startup, failing loudly with the rule's kind and what is wrong with it. */
export function customDetector(rule: CustomRule): Detector {
  const kind = String(rule.kind);
  if (!KIND.test(kind)) {
    throw new Error(
      `Invalid redaction rule kind ${JSON.stringify(kind)}: use letters, digits, '_', '.', '-' (max 64)`,
    );
  }
  const named = /\(\?<secret>/.test(rule.pattern);
  const flags = [...new Set(`${rule.flags ?? ''}g${named ? 'd' : ''}`.replaceAll('y', ''))].join('');
  let pattern: RegExp;
  try {
    pattern = new RegExp(rule.pattern, flags);
  } catch (error) {
    throw new Error(`Invalid redaction pattern for kind "${kind}": ${(error as Error).message}`);
  }
  // A pattern that matches nothing at all would redact empty spans forever and protect nothing.
  if (new RegExp(pattern.source, pattern.flags.replace('g', '')).test('')) {
    throw new Error(`Invalid redaction pattern for kind "${kind}": it matches the empty string`);
  }
  return patternDetector([kind], pattern, (m, _text, range) => {
    const span = m.indices?.groups?.secret;
    if (named) {
      if (span === undefined) return undefined;
      range.start = span[0];
      range.end = span[1];
    }
    return kind;
  });
}
