import { type BudgetCut, cutStrings, describeCuts, fitItems } from '../budget.ts';
import type { InventoryTool } from '../inventory.ts';
import { parsePath } from '../paths.ts';
import type { RedactionCounts } from '../redact/index.ts';
import { renderText } from '../render.ts';
import type { Gate } from './gate.ts';
import { type CallToolResultWire, TRUNCATED_META_KEY, UNTRUSTED_META_KEY } from './results.ts';

export interface PageState {
  readonly offset: number;
  readonly limit: number;
  readonly hasMore: boolean;
  /** Signs the cursor for the next page starting at `offset`. */
  readonly nextCursor: (offset: number) => string;
}

export interface Shaped {
  readonly result: CallToolResultWire;
  readonly redactions: RedactionCounts;
  readonly outputBytes: number;
}

const patternsCache = new WeakMap<InventoryTool, readonly (readonly string[])[]>();
function untrustedPatterns(tool: InventoryTool): readonly (readonly string[])[] {
  let patterns = patternsCache.get(tool);
  if (!patterns) {
    patterns = (tool.def.untrusted ?? []).map(parsePath);
    patternsCache.set(tool, patterns);
  }
  return patterns;
}

/**
 * Step 7: redact, sanitize third-party text, enforce the output budget, and render both structuredContent and
 * the compact text form. Redaction runs before the budget so a cut can never expose half a secret.
 */
export function shapeToolOutput(gate: Gate, tool: InventoryTool, output: unknown, page: PageState): Shaped {
  const redactions: RedactionCounts = {};
  // One pass: every string is stripped of invisible characters, then redacted (so none can split a secret).
  const structured = gate.redactor.redactValue(output, redactions) as Record<string, unknown>;
  const untrusted = untrustedPatterns(tool);

  const budget = gate.outputBudgetBytes;
  const cuts: BudgetCut[] = [];
  let nextCursor: string | undefined;
  const listField = tool.def.paginate?.items;
  if (listField !== undefined && Array.isArray(structured[listField])) {
    const items = structured[listField] as unknown[];
    const base = Buffer.byteLength(JSON.stringify({ ...structured, [listField]: [] }), 'utf8') + 200;
    const keep = fitItems(items, page.limit, base, budget);
    if (keep < items.length) {
      cuts.push({ field: listField, kind: 'items', returned: keep, produced: items.length });
      structured[listField] = items.slice(0, keep);
    }
    if (keep < items.length || page.hasMore) nextCursor = page.nextCursor(page.offset + keep);
  }
  // The cursor goes in after any cut: it must reach the client whole.
  const reserved = nextCursor === undefined ? 0 : nextCursor.length + 20;
  cuts.push(...cutStrings(structured, budget - reserved));
  if (nextCursor !== undefined) structured.nextCursor = nextCursor;

  let text = renderText(structured, untrusted, tool.def.name);
  const meta: Record<string, unknown> = {};
  if (cuts.length > 0 || nextCursor !== undefined) {
    text += `\n${describeCuts(cuts, nextCursor)}`;
    meta[TRUNCATED_META_KEY] = { cuts, ...(nextCursor ? { nextCursor } : {}) };
  }
  if (untrusted.length > 0) meta[UNTRUSTED_META_KEY] = tool.def.untrusted;
  const result: CallToolResultWire = {
    content: [{ type: 'text', text }],
    structuredContent: structured,
    ...(Object.keys(meta).length > 0 ? { _meta: meta } : {}),
  };
  return { result, redactions, outputBytes: Buffer.byteLength(text, 'utf8') };
}
