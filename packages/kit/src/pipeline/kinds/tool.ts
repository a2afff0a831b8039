import type { HandlerContext } from '../../contracts/define.ts';
import { DEFAULT_PAGE_SIZE, findTool, type InventoryTool } from '../../contracts/inventory.ts';
import { digest } from '../../digest.ts';
import { ErrorCode, ToolError } from '../../errors.ts';
import { type BudgetCut, byteLength, cutToBudget, describeCuts, fitItems } from '../../limits/budget.ts';
import { parsePath } from '../../shape/paths.ts';
import { oneLine, renderText } from '../../shape/render.ts';
import { type CallToolResultWire, errorResult, TRUNCATED_META_KEY, UNTRUSTED_META_KEY } from '../results.ts';
import { shapeValue } from '../shaping.ts';
import { parseInput } from '../validate.ts';
import type { Call, KindHandler, Outcome } from './call.ts';

export interface ToolState {
  readonly tool: InventoryTool;
  inputDigest: string;
  /** 128 bits of the input digest: binds a cursor to these exact arguments. */
  cursorBinding: string;
  offset: number;
  hasMore: boolean;
}

interface CursorPayload {
  t: string;
  a: string;
  d: string;
  o: number;
}

const INVALID_PARAMS = -32602;

/** tools/call: the tool's own schema, target, approval rule, handler, and its typed output shaped. */
export const toolHandler: KindHandler<ToolState> = {
  resolve(call) {
    const name = call.params.name;
    if (typeof name !== 'string') {
      throw new ToolError('invalid_params', 'tools/call needs params.name (the tool name).');
    }
    call.audit.name = name;
    const tool = findTool(call.gate.inventory, name);
    if (!tool) throw new ToolError(ErrorCode.UnknownTool, `Unknown tool: ${name}`);
    const def = tool.def;
    call.audit.version = def.version;
    call.audit.access = def.access;
    call.subject = {
      policyKind: 'tool',
      name: def.name,
      version: def.version,
      access: def.access,
      scopes: def.scopes,
      ...(def.timeoutMs === undefined ? {} : { timeoutMs: def.timeoutMs }),
    };
    call.state = { tool, inputDigest: '', cursorBinding: '', offset: 0, hasMore: false };
  },

  validate(call) {
    const state = call.state as ToolState;
    const def = state.tool.def;
    const { cursor, ...input } = parseInput(state.tool.input, call.params.arguments, def.name) as Record<
      string,
      unknown
    > & { cursor?: string };
    call.input = input;
    state.inputDigest = digest({ tool: def.name, input });
    call.audit.inputDigest = state.inputDigest;
    state.cursorBinding = state.inputDigest.slice(7, 39);
    if (cursor === undefined) return;
    const payload = call.gate.cursors.verify(cursor) as CursorPayload | undefined;
    if (
      !payload ||
      payload.t !== def.name ||
      payload.a !== call.context.identity.actor ||
      payload.d !== state.cursorBinding
    ) {
      throw new ToolError(
        ErrorCode.InvalidCursor,
        'This cursor was not issued for this tool, caller and arguments. Call again without a cursor to start over.',
      );
    }
    state.offset = payload.o;
  },

  target: (call) => (call.state as ToolState).tool.def.target(call.input),

  async execute(call, ctx) {
    const state = call.state as ToolState;
    const def = state.tool.def;
    const handlerCtx: HandlerContext = {
      identity: call.context.identity,
      signal: ctx.signal,
      page: { offset: state.offset, limit: def.paginate?.pageSize ?? DEFAULT_PAGE_SIZE },
      hasMore: false,
      authorizeTarget: ctx.authorizeTarget,
      mayAccess: ctx.mayAccess,
    };
    const output = await def.handler(call.input, handlerCtx);
    state.hasMore = handlerCtx.hasMore;
    const checked = state.tool.output.safeParse(output);
    if (!checked.success) {
      throw new Error(
        `${def.name} returned output that does not match its output schema: ${checked.error.message}`,
      );
    }
    return checked.data;
  },

  shape(call, output) {
    const state = call.state as ToolState;
    const shaped = shapeToolOutput(call, state, output);
    return {
      result: shaped as unknown as Record<string, unknown>,
      bytes: byteLength(shaped.content[0]?.text ?? ''),
    };
  },

  fail(call, error): Outcome {
    if (error.code === ErrorCode.UnknownTool || error.code === 'invalid_params') {
      return { kind: 'protocol_error', code: INVALID_PARAMS, message: error.message };
    }
    const counts = call.audit.redactions;
    const result = shapeValue(call.gate, errorResult(error), counts);
    // A message may quote third-party text (a job's name, a value PostgreSQL quotes): it stays on its one line.
    for (const block of result.content) block.text = oneLine(block.text);
    return { kind: 'result', result: result as never };
  },
};

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
 * Redaction first (after stripping, everywhere), so a cut can never expose half a secret; then the budget (a page
 * of the paginated list, then the longest strings and lists); then the compact text form with third-party text
 * fenced.
 */
function shapeToolOutput(call: Call, state: ToolState, output: unknown): CallToolResultWire {
  const { gate, audit } = call;
  const def = state.tool.def;
  const structured = shapeValue(gate, output, audit.redactions) as Record<string, unknown>;
  const untrusted = untrustedPatterns(state.tool);
  const budget = gate.outputBudgetBytes;
  const limit = def.paginate?.pageSize ?? DEFAULT_PAGE_SIZE;
  const cuts: BudgetCut[] = [];
  let nextCursor: string | undefined;
  const listField = def.paginate?.items;
  if (listField !== undefined && Array.isArray(structured[listField])) {
    const items = structured[listField] as unknown[];
    const base = byteLength(JSON.stringify({ ...structured, [listField]: [] })) + 200;
    const keep = fitItems(items, limit, base, budget);
    if (keep < items.length) {
      cuts.push({ field: listField, kind: 'items', returned: keep, produced: items.length });
      structured[listField] = items.slice(0, keep);
    }
    if (keep < items.length || state.hasMore) {
      nextCursor = gate.cursors.sign({
        t: def.name,
        a: call.context.identity.actor,
        d: state.cursorBinding,
        o: state.offset + keep,
      } satisfies CursorPayload);
    }
  }
  // The cursor goes in after any cut: it must reach the client whole.
  const reserved = nextCursor === undefined ? 0 : nextCursor.length + 20;
  cuts.push(...cutToBudget(structured, budget - reserved));

  let text = renderText(structured, untrusted, def.name);
  if (nextCursor !== undefined) structured.nextCursor = nextCursor;
  const meta: Record<string, unknown> = {};
  if (cuts.length > 0 || nextCursor !== undefined) {
    text += `\n${describeCuts(cuts, nextCursor)}`;
    meta[TRUNCATED_META_KEY] = { cuts, ...(nextCursor ? { nextCursor } : {}) };
  }
  if (untrusted.length > 0) meta[UNTRUSTED_META_KEY] = def.untrusted;
  return {
    content: [{ type: 'text', text }],
    structuredContent: structured,
    ...(Object.keys(meta).length > 0 ? { _meta: meta } : {}),
  };
}
