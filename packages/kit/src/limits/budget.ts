/**
 * Output budgets, in UTF-8 bytes: context is the model's scarcest resource, so no answer may exceed its budget.
 * Lists are cut to the items that fit (a paginated tool pages on with a cursor); other answers have their longest
 * strings, then their longest lists, cut. Whatever is cut is said, so the model knows it has not seen everything.
 * Cuts happen on the data, before the text form is rendered, so a fence is never cut.
 */
export interface BudgetCut {
  /** What was cut: the list field, or the string field shortened. */
  readonly field: string;
  readonly kind: 'items' | 'text';
  /** For items: how many are returned and how many there were. */
  readonly returned?: number;
  readonly produced?: number;
  /** For text: UTF-8 bytes removed. */
  readonly removedBytes?: number;
}

const encoder = new TextEncoder();
export const byteLength = (text: string): number => Buffer.byteLength(text, 'utf8');
const jsonSize = (value: unknown) => byteLength(JSON.stringify(value) ?? '');

/**
 * The longest prefix of `text` that fits in `maxBytes` UTF-8 bytes, never splitting a character (a surrogate pair
 * stays whole).
 */
export function utf8Prefix(text: string, maxBytes: number): string {
  if (maxBytes <= 0) return '';
  if (text.length * 3 <= maxBytes || byteLength(text) <= maxBytes) return text;
  const { read } = encoder.encodeInto(text, new Uint8Array(maxBytes));
  return text.slice(0, read);
}

/**
 * Keep the longest prefix of `items` (at most `limit`) that fits in `budget` bytes together with the rest of the
 * result (`baseBytes`). Always keeps at least one item so a page makes progress.
 */
export function fitItems(
  items: readonly unknown[],
  limit: number,
  baseBytes: number,
  budget: number,
): number {
  let used = baseBytes;
  const max = Math.min(items.length, limit);
  for (let i = 0; i < max; i++) {
    used += jsonSize(items[i]) + 1;
    if (used > budget) return Math.max(1, i);
  }
  return max;
}

const CUT_NOTE_BYTES = 64;

/**
 * Shorten the longest strings, then the longest lists, of a JSON-like value (mutating it) until it fits `budget`
 * bytes. Returns the cuts. Bounded work: a fixed number of rounds, each one walk.
 */
export function cutToBudget(root: Record<string, unknown>, budget: number): BudgetCut[] {
  const cuts: BudgetCut[] = [];
  if (surelyFits(root, budget)) return cuts;
  for (let round = 0; round < 16; round++) {
    const over = jsonSize(root) - budget;
    if (over <= 0) break;
    const { text, list } = findLongest(root);
    const textBytes = text ? byteLength(text.value) : 0;
    if (text && textBytes >= 128 && (!list || textBytes >= over)) {
      const kept = utf8Prefix(text.value, Math.max(32, textBytes - over - CUT_NOTE_BYTES));
      const removed = textBytes - byteLength(kept);
      text.set(`${kept}… [${removed} bytes cut to fit the output budget]`);
      cuts.push({ field: text.path, kind: 'text', removedBytes: removed });
      continue;
    }
    if (!list || list.value.length <= 1) break;
    const base = jsonSize(root) - jsonSize(list.value);
    const keep = fitItems(list.value, list.value.length, base + CUT_NOTE_BYTES, budget);
    const returned = keep < list.value.length ? keep : Math.max(1, Math.floor(list.value.length / 2));
    cuts.push({ field: list.path, kind: 'items', returned, produced: list.value.length });
    list.set(list.value.slice(0, returned));
  }
  return cuts;
}

/**
 * Whether a value's JSON is certainly within `budget` bytes, from a bound that never undercounts (6 bytes per
 * UTF-16 unit of a string, the longest escape). Most answers are small: this spares them a serialisation.
 */
function surelyFits(root: unknown, budget: number): boolean {
  let bound = 2;
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node === 'string') bound += node.length * 6 + 2;
    else if (node === null || typeof node !== 'object') bound += 24;
    else {
      const record = node as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        bound += key.length * 6 + 4;
        stack.push(record[key]);
      }
      bound += 2;
    }
    if (bound > budget) return false;
  }
  return true;
}

interface Found<T> {
  path: string;
  value: T;
  set: (value: T) => void;
}

/** The longest string (in bytes) and the longest list (in JSON bytes) of a value, walked without recursion. */
function findLongest(root: unknown): { text?: Found<string>; list?: Found<unknown[]> } {
  let text: Found<string> | undefined;
  let textBytes = 0;
  let list: Found<unknown[]> | undefined;
  let listBytes = 0;
  const stack: { node: object; path: string }[] = [{ node: root as object, path: '' }];
  while (stack.length > 0) {
    const { node, path } = stack.pop() as { node: Record<string, unknown>; path: string };
    for (const key of Object.keys(node)) {
      const child = node[key];
      const childPath = path ? `${path}.${key}` : key;
      if (typeof child === 'string') {
        const bytes = child.length > textBytes / 3 ? byteLength(child) : 0;
        if (bytes > textBytes) {
          textBytes = bytes;
          text = { path: childPath, value: child, set: (v) => (node[key] = v) };
        }
      } else if (child !== null && typeof child === 'object') {
        if (Array.isArray(child) && child.length > 1) {
          const bytes = jsonSize(child);
          if (bytes > listBytes) {
            listBytes = bytes;
            list = { path: childPath, value: child, set: (v) => (node[key] = v) };
          }
        }
        stack.push({ node: child, path: childPath });
      }
    }
  }
  return { ...(text ? { text } : {}), ...(list ? { list } : {}) };
}

export function describeCuts(cuts: readonly BudgetCut[], nextCursor: string | undefined): string {
  const parts = cuts.map((cut) =>
    cut.kind === 'items'
      ? `showing ${cut.returned} of ${cut.produced}${nextCursor ? '+' : ''} ${cut.field}`
      : `${cut.field} shortened by ${cut.removedBytes} bytes`,
  );
  const more = nextCursor ? ` Call again with the same arguments and cursor="${nextCursor}" for more.` : '';
  if (parts.length === 0) return `[More results.${more}]`;
  return `[Output budget: ${parts.join('; ')}.${more}]`;
}
