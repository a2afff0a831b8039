import { z } from 'zod';
import { ErrorCode, ToolError } from '../../errors.ts';
import { byteLength, fitItems } from '../../limits/budget.ts';
import { createLists, type Lists } from '../../protocol/lists.ts';
import type { Gate } from '../gate.ts';
import { shapeValue } from '../shaping.ts';
import { parseInput } from '../validate.ts';
import type { Call, ExecuteContext, KindHandler } from './call.ts';
import { protocolFailure } from './protocol-errors.ts';

export interface ListState {
  offset: number;
}

const ListParams = z.object({ cursor: z.string().max(4096).optional() });

/** Which field of the result each list method fills. */
const FIELDS: Readonly<Record<string, string>> = {
  'tools/list': 'tools',
  'prompts/list': 'prompts',
  'resources/templates/list': 'resourceTemplates',
  'resources/list': 'resources',
};

const PAGE_SIZE = 100;
const listsByGate = new WeakMap<Gate, Lists>();

/** The policy-filtered lists of a gate's inventory, built once per gate and cached per caller. */
export function listsOf(gate: Gate): Lists {
  let lists = listsByGate.get(gate);
  if (!lists) {
    lists = createLists(gate);
    listsByGate.set(gate, lists);
  }
  return lists;
}

/**
 * tools/list, prompts/list, resources/templates/list and resources/list. Every caller may list; each entry is
 * filtered by the policy. The inventory's own entries are the server's declarations (fixed at start, covered by
 * the contract tests); what a template's `list` callback returns is third-party text, so it runs inside the
 * execute step with the deadline, each entry is checked against its target, and the page is shaped and budgeted.
 */
export const listHandler: KindHandler<ListState> = {
  resolve() {},

  validate(call) {
    const { cursor } = parseInput(ListParams, stripMeta(call.params), call.method);
    call.state = { offset: 0 };
    if (cursor === undefined || call.method !== 'resources/list') return;
    const payload = call.gate.cursors.verify(cursor) as { l?: unknown; a?: unknown; o?: unknown } | undefined;
    if (
      payload?.l !== call.method ||
      payload.a !== call.context.identity.actor ||
      typeof payload.o !== 'number'
    ) {
      throw new ToolError(
        ErrorCode.InvalidCursor,
        'This cursor was not issued for this list and caller. List again without a cursor to start over.',
      );
    }
    call.state.offset = payload.o;
  },

  target: () => undefined,

  async execute(call, ctx) {
    const lists = listsOf(call.gate);
    const identity = call.context.identity;
    switch (call.method) {
      case 'tools/list':
        return lists.tools(identity);
      case 'prompts/list':
        return lists.prompts(identity);
      case 'resources/templates/list':
        return lists.resourceTemplates(identity);
      default:
        return [...lists.resources(identity), ...(await templateListings(call, ctx))];
    }
  },

  shape(call, output) {
    const field = FIELDS[call.method] as string;
    const entries = output as readonly Record<string, unknown>[];
    if (call.method !== 'resources/list') {
      return { result: { [field]: entries }, bytes: 0 };
    }
    const state = call.state as ListState;
    const rest = entries.slice(state.offset);
    const page = shapeValue(call.gate, rest.slice(0, PAGE_SIZE), call.audit.redactions);
    const keep = fitItems(page, PAGE_SIZE, 200, call.gate.outputBudgetBytes);
    const result: Record<string, unknown> = { [field]: page.slice(0, keep) };
    if (keep < rest.length) {
      result.nextCursor = call.gate.cursors.sign({
        l: call.method,
        a: call.context.identity.actor,
        o: state.offset + keep,
      });
    }
    return { result, bytes: byteLength(JSON.stringify(result)) };
  },

  fail: (_call, error) => protocolFailure(error),
};

/** The concrete resources each template lists that the caller may read, listed under the request's deadline. */
async function templateListings(call: Call, ctx: ExecuteContext): Promise<Record<string, unknown>[]> {
  const { gate } = call;
  const identity = call.context.identity;
  const out: Record<string, unknown>[] = [];
  for (const resource of gate.inventory.resources) {
    if (!resource.template || !resource.def.list) continue;
    const listings = await resource.def.list({ identity, signal: ctx.signal });
    for (const listing of listings) {
      const variables = resource.template.match(listing.uri);
      if (!variables) continue;
      const decision = gate.authorize({
        identity,
        kind: 'resource',
        name: resource.def.name,
        scopes: resource.def.scopes,
        target: resource.def.target(variables),
      });
      if (!decision.allowed) continue;
      out.push({
        ...listing,
        ...(listing.mimeType || !resource.def.mimeType ? {} : { mimeType: resource.def.mimeType }),
      });
    }
  }
  return out;
}

function stripMeta(params: Record<string, unknown>): Record<string, unknown> {
  if (!('_meta' in params)) return params;
  const { _meta: _ignored, ...rest } = params;
  return rest;
}
