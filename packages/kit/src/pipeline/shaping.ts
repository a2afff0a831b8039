import { byteLength, utf8Prefix } from '../limits/budget.ts';
import type { RedactionCounts } from '../redact/index.ts';
import { FENCE_CLOSE, FENCE_OPEN } from '../shape/fence.ts';
import type { Gate } from './gate.ts';

/**
 * The parts of step 7 every kind shares. Invisible and bidi characters go first, so a zero-width character cannot
 * split a secret past the detectors; then secrets and personal data are redacted (the redactor does both).
 */
export function shapeText(gate: Gate, text: string, counts: RedactionCounts): string {
  return gate.redactor.redactText(text, counts);
}

/**
 * A deep copy of a JSON-like value with every string and every key stripped and redacted: a key can hold a
 * secret (a JSON document keyed by token, a map of e-mail addresses) as well as any value can. Keys go first, so
 * a sensitive field name with a zero-width character in it is still recognised. No recursion.
 */
export function shapeValue<T>(gate: Gate, value: T, counts: RedactionCounts): T {
  const redactText = (text: string, c: RedactionCounts) => gate.redactor.redactText(text, c);
  return gate.redactor.redactValue(redactKeys(value, redactText, counts), counts);
}

/** `toJSON` may return another object with a `toJSON`; a chain longer than this is cut (it could be endless). */
const MAX_TO_JSON = 8;

/** What the wire would carry for `value`: what a `toJSON` (a Date's, say) returns instead of the object. */
function asJson(value: unknown): unknown {
  let v = value;
  for (let hops = 0; v !== null && typeof v === 'object'; hops++) {
    const toJson = (v as { toJSON?: unknown }).toJSON;
    if (typeof toJson !== 'function') return v;
    if (hops === MAX_TO_JSON) return '[Circular]';
    v = toJson.call(v);
  }
  return v;
}

/** Own keys may include `__proto__` (from JSON.parse); plain assignment would set the prototype instead. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** One container being walked. Its copy is made only if a key below it changes. */
interface Frame {
  readonly source: object;
  /** Object keys; undefined for an array. */
  readonly keys: readonly string[] | undefined;
  readonly length: number;
  index: number;
  /** Children that changed (by index), when any did. */
  replaced: Map<number, unknown> | undefined;
  /** The shaped keys, once one differs from its key. */
  shaped: string[] | undefined;
  /** Where the result goes: the parent frame and the child's index there (none for the root). */
  readonly parent: Frame | undefined;
  readonly at: number;
}

/**
 * `value` with every object key stripped and redacted by `redactText`, at any depth; strings and other values are
 * left for `redactValue`. Walked with an explicit stack (a value thousands deep must not overflow the call stack),
 * copy on write: a container is copied only when a key in it or below it changes, so the common case allocates
 * nothing and the input is never changed. The same key is redacted once per call (and counted each time it
 * occurs). Two keys that shape to the same text are both kept, the later one with ` (2)`, ` (3)`… after it. A
 * value inside itself becomes `[Circular]`, as in `redactValue`.
 */
export function redactKeys<T>(
  value: T,
  redactText: (text: string, counts: RedactionCounts) => string,
  counts: RedactionCounts,
): T {
  const shapedKeys = new Map<string, { readonly text: string; readonly kinds: RedactionCounts }>();
  const shapeKey = (key: string): string => {
    let shaped = shapedKeys.get(key);
    if (shaped === undefined) {
      const kinds: RedactionCounts = {};
      shaped = { text: redactText(key, kinds), kinds };
      shapedKeys.set(key, shaped);
    }
    for (const kind in shaped.kinds) counts[kind] = (counts[kind] ?? 0) + (shaped.kinds[kind] as number);
    return shaped.text;
  };

  let result: unknown = value;
  const ancestors = new Set<object>();
  const stack: Frame[] = [];
  /** Records the shaped form of a child: only a changed one is kept. */
  const settle = (parent: Frame | undefined, at: number, original: unknown, shaped: unknown) => {
    if (parent === undefined) result = shaped;
    else if (shaped !== original) {
      parent.replaced ??= new Map();
      parent.replaced.set(at, shaped);
    }
  };
  const enter = (input: unknown, parent: Frame | undefined, at: number) => {
    const v = asJson(input);
    if (v === null || typeof v !== 'object') {
      settle(parent, at, input, v);
      return;
    }
    if (ancestors.has(v)) {
      settle(parent, at, input, '[Circular]');
      return;
    }
    ancestors.add(v);
    const keys = Array.isArray(v) ? undefined : Object.keys(v);
    const length = keys ? keys.length : (v as unknown[]).length;
    stack.push({ source: v, keys, length, index: 0, replaced: undefined, shaped: undefined, parent, at });
    // A toJSON result is a change even if nothing under it is.
    if (v !== input) settle(parent, at, input, v);
  };

  enter(value, undefined, 0);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as Frame;
    if (frame.index < frame.length) {
      const i = frame.index++;
      if (frame.keys === undefined) {
        const array = frame.source as unknown[];
        if (i in array) enter(array[i], frame, i);
        continue;
      }
      const key = frame.keys[i] as string;
      const shaped = shapeKey(key);
      if (shaped !== key && frame.shaped === undefined) frame.shaped = frame.keys.slice(0, i);
      frame.shaped?.push(shaped);
      enter((frame.source as Record<string, unknown>)[key], frame, i);
      continue;
    }
    stack.pop();
    ancestors.delete(frame.source);
    const { source, keys, replaced, shaped } = frame;
    if (replaced === undefined && shaped === undefined) {
      // Unchanged: the parent keeps the original (or what toJSON gave, already settled).
      if (frame.parent === undefined) result = source;
      continue;
    }
    let copy: unknown[] | Record<string, unknown>;
    if (keys === undefined) {
      const array = (source as unknown[]).slice();
      for (const [i, child] of replaced ?? []) array[i] = child;
      copy = array;
    } else {
      const record: Record<string, unknown> = {};
      const names = shaped ?? keys;
      const values = source as Record<string, unknown>;
      keys.forEach((key, i) => {
        const name = names[i] as string;
        let unique = name;
        for (let n = 2; Object.hasOwn(record, unique); n++) unique = `${name} (${n})`;
        setOwn(record, unique, replaced?.has(i) ? replaced.get(i) : values[key]);
      });
      copy = record;
    }
    settle(frame.parent, frame.at, source, copy);
  }
  return result as T;
}

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
