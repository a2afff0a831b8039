import { z } from 'zod';
import type { CompletionSource } from '../../contracts/define.ts';
import { ErrorCode, ToolError } from '../../errors.ts';
import { shapeValue } from '../shaping.ts';
import { parseInput } from '../validate.ts';
import { type KindHandler, readSubject, resolveTo } from './call.ts';
import { protocolFailure } from './protocol-errors.ts';

export interface CompletionState {
  /** The argument names the prompt or template declares. */
  readonly known: readonly string[];
  readonly complete: CompletionSource | undefined;
}

const MAX_VALUES = 100;

const CompletionParams = z.object({
  ref: z.unknown(),
  argument: z.strictObject({
    name: z.string().min(1).max(128),
    value: z.string().max(1024, { error: 'must be at most 1024 characters' }),
  }),
  context: z.object({ arguments: z.record(z.string().max(128), z.string().max(1024)).optional() }).optional(),
});

/**
 * completion/complete for a prompt argument or a resource-template variable: checked as the prompt or resource it
 * concerns, answered only from the definition's own `complete` source, shaped like any output (at most 100).
 */
export const completionHandler: KindHandler<CompletionState> = {
  resolve(call) {
    const ref = call.params.ref as { type?: unknown; name?: unknown; uri?: unknown } | undefined;
    const inv = call.gate.inventory;
    if (ref?.type === 'ref/prompt' && typeof ref.name === 'string') {
      call.audit.name = ref.name;
      const prompt = inv.prompts.get(ref.name);
      if (!prompt) throw new ToolError(ErrorCode.UnknownPrompt, `Unknown prompt: ${ref.name}`);
      resolveTo(call, readSubject('prompt', prompt.def));
      call.state = { known: Object.keys(prompt.def.args.shape), complete: prompt.def.complete };
    } else if (ref?.type === 'ref/resource' && typeof ref.uri === 'string') {
      call.audit.name = ref.uri;
      const resource = inv.resources.find((r) => r.def.uri === ref.uri);
      if (!resource) throw new ToolError(ErrorCode.UnknownResource, `No resource template ${ref.uri}.`);
      resolveTo(call, readSubject('resource', resource.def));
      call.state = { known: resource.template?.variables ?? [], complete: resource.def.complete };
    } else {
      throw new ToolError(
        'invalid_params',
        'completion/complete needs params.ref: {type:"ref/prompt", name} or {type:"ref/resource", uri}.',
      );
    }
  },

  validate(call) {
    const state = call.state as CompletionState;
    const parsed = parseInput(CompletionParams, call.params, call.method);
    if (!state.known.includes(parsed.argument.name)) {
      throw new ToolError(
        ErrorCode.InvalidInput,
        `Invalid arguments for ${call.method}:\nargument.name: ${call.subject?.name} has no argument ${JSON.stringify(parsed.argument.name)} (it has: ${state.known.join(', ') || 'none'})`,
      );
    }
    call.input = {
      name: parsed.argument.name,
      value: parsed.argument.value,
      arguments: parsed.context?.arguments ?? {},
    };
  },

  target: () => undefined,

  async execute(call, ctx) {
    const state = call.state as CompletionState;
    const source = state.complete?.[call.input.name as string];
    if (!source) return [];
    return source(call.input.value as string, {
      identity: call.context.identity,
      signal: ctx.signal,
      arguments: call.input.arguments as Record<string, string>,
    });
  },

  shape(call, output) {
    const all = (output as readonly unknown[]).filter((v): v is string => typeof v === 'string');
    const values = shapeValue(call.gate, all.slice(0, MAX_VALUES), call.audit.redactions);
    const completion = { values, total: all.length, hasMore: all.length > MAX_VALUES };
    return { result: { completion }, bytes: JSON.stringify(values).length };
  },

  fail: (_call, error) => protocolFailure(error),
};
