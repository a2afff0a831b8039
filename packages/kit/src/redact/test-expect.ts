import { expect } from 'vitest';
import { createRedactor, type RedactionCounts } from './index.ts';

// Assertions the detector tests share. Test-only; not exported from the kit.
const redactor = createRedactor();

export function redact(text: string): { text: string; counts: RedactionCounts } {
  const counts: RedactionCounts = {};
  return { text: redactor.redactText(text, counts), counts };
}

/** The secret is gone, the marker is in its place, the surrounding text is intact, and it was counted once. */
export function expectRedacted(before: string, secret: string, after: string, kind: string): void {
  const result = redact(`${before}${secret}${after}`);
  expect(result.text).toBe(`${before}[REDACTED:${kind}]${after}`);
  expect(result.counts).toEqual({ [kind]: 1 });
}

/** Nothing in the text is redacted, and nothing is counted. */
export function expectKept(text: string): void {
  const result = redact(text);
  expect(result.text).toBe(text);
  expect(result.counts).toEqual({});
}
