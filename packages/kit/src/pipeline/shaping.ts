import { byteLength, utf8Prefix } from '../budget.ts';
import { type RedactionCounts, stripInvisible } from '../redact/index.ts';
import type { Gate } from './gate.ts';

/**
 * The parts of step 7 every kind shares. Invisible and bidi characters go first, so a zero-width character cannot
 * split a secret past the detectors; then secrets and personal data are redacted.
 */
export function shapeText(gate: Gate, text: string, counts: RedactionCounts): string {
  return gate.redactor.redactText(stripInvisible(text), counts);
}

/** A deep copy of a JSON-like value with every string and every key stripped, then redacted. No recursion. */
export function shapeValue<T>(gate: Gate, value: T, counts: RedactionCounts): T {
  return gate.redactor.redactValue(stripDeep(value), counts);
}

/** Every string of a JSON-like value, keys included, without invisible characters; walked iteratively. */
export function stripDeep<T>(value: T): T {
  if (typeof value === 'string') return stripInvisible(value) as T;
  if (value === null || typeof value !== 'object') return value;
  const copy = (node: object): object => (Array.isArray(node) ? [...node] : { ...node });
  const root = copy(value);
  const stack: object[] = [root];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const node = stack.pop() as Record<string, unknown>;
    if (seen.has(node)) continue;
    seen.add(node);
    for (const key of Object.keys(node)) {
      const child = node[key];
      let next: unknown = child;
      if (typeof child === 'string') next = stripInvisible(child);
      else if (child !== null && typeof child === 'object') {
        next = copy(child);
        stack.push(next as object);
      }
      const cleanKey = Array.isArray(node) ? key : stripInvisible(key);
      if (cleanKey !== key) {
        delete node[key];
        Object.defineProperty(node, cleanKey, {
          value: next,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      } else if (next !== child) {
        node[key] = next;
      }
    }
  }
  return root as T;
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
