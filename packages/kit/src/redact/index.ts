import { createScanner } from './scanner.ts';
import { stripInvisible } from './unicode.ts';
import { redactDeep } from './value.ts';

export { escapeInvisible, stripInvisible } from './unicode.ts';

/** kind -> how many replacements. */
export type RedactionCounts = Record<string, number>;

/** An extra pattern from config (a regex source). A named group `secret`, if present, is all that is redacted. */
export interface RedactionRule {
  kind: string;
  pattern: string;
  flags?: string;
}

export interface RedactorOptions {
  /** Added to the built-ins; an invalid regex throws an Error naming the rule's kind and the problem. */
  extraPatterns?: readonly RedactionRule[];
  /** Extra field names (case-insensitive, matched after removing `-` and `_`) added to the defaults. */
  sensitiveFields?: readonly string[];
  /** Built-in kinds an operator turns off (e.g. 'email' for a support-ticket server); unknown kinds throw. */
  disabledKinds?: readonly string[];
}

export interface Redactor {
  /**
   * Remove invisible and bidi characters (see `stripInvisible`), then replace every detected secret / personal
   * datum with `[REDACTED:<kind>]`, adding to counts. Stripping comes first so that a zero-width character
   * inside a secret cannot hide it from the detectors.
   */
  redactText(text: string, counts: RedactionCounts): string;
  /** Deep copy of a JSON-like value with every string stripped and redacted as by `redactText` and values under sensitive field names replaced
   *  by `[REDACTED:field]` (whatever their type: string, number, object). Does not mutate the input. */
  redactValue<T>(value: T, counts: RedactionCounts): T;
}

const markers = new Map<string, string>();

/** `[REDACTED:<kind>]`, built once per kind. */
function marker(kind: string): string {
  let text = markers.get(kind);
  if (text === undefined) {
    text = `[REDACTED:${kind}]`;
    markers.set(kind, text);
  }
  return text;
}

export function createRedactor(options: RedactorOptions = {}): Redactor {
  const scanner = createScanner(options);

  const redactText = (input: string, counts: RedactionCounts): string => {
    const text = stripInvisible(input);
    const spans = scanner.scan(text);
    if (spans.length === 0) return text;
    let out = '';
    let cursor = 0;
    for (const span of spans) {
      out += text.slice(cursor, span.start);
      out += marker(span.kind);
      counts[span.kind] = (counts[span.kind] ?? 0) + 1;
      cursor = span.end;
    }
    return out + text.slice(cursor);
  };

  const valueRedaction = {
    redactText,
    isSensitiveField: scanner.isSensitiveField,
    fieldRule: scanner.fieldRule,
  };
  return {
    redactText,
    redactValue: <T>(value: T, counts: RedactionCounts): T => redactDeep(value, counts, valueRedaction) as T,
  };
}
