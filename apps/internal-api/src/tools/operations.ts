// A generated tool: the kit's defineTool over one allowlisted operation. The kit checks policy (scopes and the
// `api:<service>/<tool>` target), validates the input against the schema derived from the document, asks a
// person before a write, fences and redacts the answer; this file only calls the service and shapes its answer.
import { randomUUID } from 'node:crypto';
import { defineTool, type ToolDefinition } from '@gatehouse/kit';
import type { BuiltOperation } from '../openapi/build.ts';
import { readAnswer, upstreamError } from '../upstream/answer.ts';
import type { ServiceClient } from '../upstream/client.ts';
import { buildRequest } from '../upstream/request.ts';

export const READ_SCOPE = 'internal-api:read';
export const WRITE_SCOPE = 'internal-api:write';

/** Calls the operation for a validated input; the answer reduced to the tool's output. */
export async function callOperation(
  built: BuiltOperation,
  client: ServiceClient,
  input: Readonly<Record<string, unknown>>,
  signal: AbortSignal,
): Promise<Record<string, unknown>> {
  const { operation } = built;
  const request = buildRequest(
    client.options.baseUrl,
    operation.method,
    operation.path,
    built.bindings,
    input,
  );
  // One key per call, reused by its retries: the API then applies a repeated write once.
  if (built.idempotencyHeader) request.headers[built.idempotencyHeader] = randomUUID();
  const response = await client.send(request, signal, built.idempotencyHeader !== undefined);
  if (response.status >= 400) throw upstreamError(client.options.name, built, response);
  return readAnswer(client.options.name, built, response);
}

export function operationTool(built: BuiltOperation, client: ServiceClient): ToolDefinition {
  return defineTool({
    name: built.name,
    title: built.title,
    description: built.description,
    version: built.version,
    access: built.access,
    scopes: built.access === 'read' ? [READ_SCOPE] : [READ_SCOPE, WRITE_SCOPE],
    target: () => built.target,
    input: built.input,
    output: built.output,
    // Everything the service answers is third-party text: fenced as data, redacted, never instructions.
    untrusted: built.untrusted,
    timeoutMs: client.options.timeoutMs * (client.options.retries + 1) + 1000,
    handler: (input, ctx) => callOperation(built, client, input as Record<string, unknown>, ctx.signal),
  });
}
