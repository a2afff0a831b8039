import { z } from 'zod';
import { findResource, type InventoryResource } from '../../contracts/inventory.ts';
import { ErrorCode, ToolError } from '../../errors.ts';
import { byteLength } from '../../limits/budget.ts';
import { fenceUntrusted } from '../../shape/fence.ts';
import { fitText, shapeText } from '../shaping.ts';
import { parseInput } from '../validate.ts';
import { type KindHandler, readSubject, resolveTo } from './call.ts';
import { protocolFailure } from './protocol-errors.ts';

export interface ResourceState {
  readonly uri: string;
  readonly resource: InventoryResource;
  readonly variables: Record<string, string>;
}

/** Template variables when a resource declares no schema for them: one bounded, printable value each. */
const DEFAULT_VARIABLE = z
  .string()
  .max(1024, { error: 'must be at most 1024 characters' })
  .regex(/^[^\p{Cc}\p{Cf}]*$/u, { error: 'must not contain control or invisible characters' });

const schemas = new WeakMap<InventoryResource, z.ZodObject>();
function variablesSchema(resource: InventoryResource): z.ZodObject {
  let schema = schemas.get(resource);
  if (!schema) {
    schema =
      resource.def.variables?.strict() ??
      z.strictObject(
        Object.fromEntries((resource.template?.variables ?? []).map((v) => [v, DEFAULT_VARIABLE])),
      );
    schemas.set(resource, schema);
  }
  return schema;
}

/** resources/read: a fixed URI or a template's variables, read with the same steps as a tool (resources only read). */
export const resourceHandler: KindHandler<ResourceState> = {
  resolve(call) {
    const uri = call.params.uri;
    if (typeof uri !== 'string') throw new ToolError('invalid_params', 'resources/read needs params.uri.');
    call.audit.name = uri;
    const found = findResource(call.gate.inventory, uri);
    if (!found) throw new ToolError(ErrorCode.UnknownResource, `No resource at ${uri}.`);
    resolveTo(call, readSubject('resource', found.resource.def));
    call.state = { uri, resource: found.resource, variables: found.variables };
  },

  validate(call) {
    const state = call.state as ResourceState;
    call.input = parseInput(variablesSchema(state.resource), state.variables, state.resource.def.name);
  },

  target: (call) => (call.state as ResourceState).resource.def.target(call.input as Record<string, string>),

  execute(call, ctx) {
    const state = call.state as ResourceState;
    return state.resource.def.read(call.input as Record<string, string>, {
      identity: call.context.identity,
      ...ctx,
    });
  },

  shape(call, output) {
    const state = call.state as ResourceState;
    const content = output as { text: string; mimeType?: string } | { blob: Uint8Array; mimeType: string };
    if (!('text' in content)) {
      const blob = Buffer.from(content.blob).toString('base64');
      return {
        result: { contents: [{ uri: state.uri, mimeType: content.mimeType, blob }] },
        bytes: content.blob.byteLength,
      };
    }
    const def = state.resource.def;
    const budget = call.gate.outputBudgetBytes;
    // Cut the data first and fence after, so the cut can never take the fence's end away; the note stays outside.
    const shaped = shapeText(call.gate, content.text, call.audit.redactions);
    const fenceBytes = def.untrusted ? 64 + byteLength(state.uri) : 0;
    const fitted = fitText(shaped, budget - fenceBytes - 160);
    let text = def.untrusted ? fenceUntrusted(fitted.text, state.uri) : fitted.text;
    if (fitted.cutBytes > 0) {
      text += `\n[Output budget: ${fitted.cutBytes} bytes cut. Use the server's tools to read the rest by section or range.]`;
    }
    const mimeType = content.mimeType ?? def.mimeType;
    return {
      result: { contents: [{ uri: state.uri, ...(mimeType ? { mimeType } : {}), text }] },
      bytes: byteLength(text),
    };
  },

  fail(call, error) {
    const uri = typeof call.params.uri === 'string' ? call.params.uri : undefined;
    return protocolFailure(
      new ToolError(error.code, call.gate.redactor.redactText(error.message, {}), {
        ...(error.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: error.retryAfterSeconds }),
      }),
      error.code === ErrorCode.UnknownResource || error.code === ErrorCode.NotFound ? { uri } : {},
    );
  },
};
