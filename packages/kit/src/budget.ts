/**
 * Output budgets: context is the model's scarcest resource, so no result may exceed its size budget. Lists are
 * cut to the items that fit (the caller pages on with a cursor); other results have their longest strings cut.
 * Whatever is cut is said, so the model knows it has not seen everything.
 */
export interface BudgetCut {
  /** What was cut: the list field, or the string fields shortened. */
  readonly field: string;
  readonly kind: 'items' | 'text';
  /** For items: how many are returned and how many the handler produced. */
  readonly returned?: number;
  readonly produced?: number;
  /** For text: characters removed. */
  readonly removedChars?: number;
}

const jsonSize = (value: unknown) => Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');

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

/**
 * Shorten the longest strings in a JSON-like value (mutating it) until it fits `budget` bytes. Returns the cuts.
 */
export function cutStrings(root: Record<string, unknown>, budget: number): BudgetCut[] {
  const cuts: BudgetCut[] = [];
  for (let round = 0; round < 8; round++) {
    const over = jsonSize(root) - budget;
    if (over <= 0) break;
    const longest = findLongestString(root);
    if (!longest || longest.value.length < 64) break;
    const keep = Math.max(32, longest.value.length - over - 64);
    const removed = longest.value.length - keep;
    longest.set(`${longest.value.slice(0, keep)}… [${removed} characters cut to fit the output budget]`);
    cuts.push({ field: longest.path, kind: 'text', removedChars: removed });
  }
  return cuts;
}

function findLongestString(
  root: unknown,
): { path: string; value: string; set: (value: string) => void } | undefined {
  let best: { path: string; value: string; set: (value: string) => void } | undefined;
  const walk = (node: unknown, path: string) => {
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const child = record[key];
      const childPath = path ? `${path}.${key}` : key;
      if (typeof child === 'string') {
        if (!best || child.length > best.value.length) {
          best = {
            path: childPath,
            value: child,
            set: (v) => {
              record[key] = v;
            },
          };
        }
      } else {
        walk(child, childPath);
      }
    }
  };
  walk(root, '');
  return best;
}

export function describeCuts(cuts: readonly BudgetCut[], nextCursor: string | undefined): string {
  const parts = cuts.map((cut) =>
    cut.kind === 'items'
      ? `showing ${cut.returned} of ${cut.produced}${nextCursor ? '+' : ''} ${cut.field}`
      : `${cut.field} shortened by ${cut.removedChars} characters`,
  );
  const more = nextCursor ? ` Call again with the same arguments and cursor="${nextCursor}" for more.` : '';
  return `[Output budget: ${parts.join('; ')}.${more}]`;
}
