import { byteLength, utf8Prefix } from '../budget.ts';
import { type RedactionCounts, stripInvisible } from '../redact/index.ts';
import type { Gate } from './gate.ts';

/**
 * The parts of step 7 every kind shares. Invisible and bidi characters go first, so a zero-width character cannot
 * split a secret past the detectors; then secrets and personal data are redacted.
 */
export function shapeText(gate: Gate, text: string, counts: RedactionCounts): string {
  return gate.redactor.redactText(text, counts);
}

/**
 * A deep copy of a JSON-like value with every string stripped, then redacted (the redactor does both), and every
 * key stripped too. No recursion.
 */
export function shapeValue<T>(gate: Gate, value: T, counts: RedactionCounts): T {
  const out = gate.redactor.redactValue(value, counts);
  stripKeys(out);
  return out;
}

const PLAIN_KEY = /^[\x20-\x7E]*$/;

/** Strips invisible characters from the keys of a value this module owns (a fresh copy), in place. */
function stripKeys(value: unknown): void {
  if (value === null || typeof value !== 'object') return;
  const stack: object[] = [value];
  while (stack.length > 0) {
    const node = stack.pop() as Record<string, unknown>;
    const isArray = Array.isArray(node);
    for (const key of Object.keys(node)) {
      const child = node[key];
      if (child !== null && typeof child === 'object') stack.push(child);
      if (isArray || PLAIN_KEY.test(key)) continue;
      const clean = stripInvisible(key);
      if (clean === key) continue;
      delete node[key];
      Object.defineProperty(node, clean, {
        value: child,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
}

const FENCE_OPEN = '<untrusted-data';
const FENCE_CLOSE = '</untrusted-data>';

/**
 * `text` cut to `maxBytes` UTF-8 bytes, never leaving an untrusted-data fence open: a fence the cut opened is
 * closed again, so what follows can never be read as outside it. `cutBytes` is 0 when it fits.
 */
export function fitText(text: string, maxBytes: number): { text: string; cutBytes: number } {
  const total = byteLength(text);
  if (total <= maxBytes) return { text, cutBytes: 0 };
  let kept = utf8Prefix(text, Math.max(0, maxBytes - FENCE_CLOSE.length - 1));
  const cutBytes = total - byteLength(kept);
  if (kept.lastIndexOf(FENCE_OPEN) > kept.lastIndexOf(FENCE_CLOSE)) kept += `\n${FENCE_CLOSE}`;
  return { text: kept, cutBytes };
}
