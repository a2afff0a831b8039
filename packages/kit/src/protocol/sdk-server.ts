import { inputRequired, inputResponse, ProtocolError, Server } from '@modelcontextprotocol/server';
import type { Identity } from '../identity.ts';
import type { ApprovalAnswer } from '../pipeline/approve.ts';
import type { Gate } from '../pipeline/gate.ts';
import { DISPATCHED_METHODS, dispatch } from './dispatch.ts';
import { serverCapabilities, serverInfo } from './server-info.ts';

/** The key of the approval question inside an input-required round trip. */
const APPROVAL_INPUT = 'approval';
const APPROVAL_SCHEMA = {
  type: 'object' as const,
  properties: { approve: { type: 'boolean' as const, title: 'Approve this action' } },
  required: ['approve'],
};

/**
 * An SDK protocol-layer `Server` whose every method goes through `dispatch`. The SDK owns the framing and the
 * protocol eras (initialize, server/discover, envelopes, the 2025 elicitation shim); the kit owns what each
 * method does. Used for stdio and for 2026-era HTTP requests.
 */
export function createSdkServer(gate: Gate, identity: (server: Server) => Identity): Server {
  const server = new Server(serverInfo(gate.inventory.server), {
    capabilities: serverCapabilities(),
    ...(gate.inventory.server.instructions ? { instructions: gate.inventory.server.instructions } : {}),
  });
  // ping included: the SDK's own ping handler would answer outside the pipeline.
  for (const method of DISPATCHED_METHODS) {
    server.setRequestHandler(
      method as 'tools/call',
      (async (request: { params?: unknown }, ctx: SdkContext) => {
        const caps = server.getClientCapabilities() as
          | { elicitation?: { form?: unknown; url?: unknown } }
          | undefined;
        const canAsk =
          caps?.elicitation !== undefined &&
          (caps.elicitation.form !== undefined || caps.elicitation.url === undefined);
        const approvalAnswer = readApprovalAnswer(ctx);
        const outcome = await dispatch(gate, method, request.params, {
          identity: identity(server),
          signal: ctx.mcpReq.signal,
          approvalChannel: canAsk ? 'elicitation' : 'out-of-band',
          ...(approvalAnswer ? { approvalAnswer } : {}),
        });
        if (outcome.kind === 'protocol_error')
          throw new ProtocolError(outcome.code, outcome.message, outcome.data);
        if (outcome.kind === 'ask') {
          return inputRequired({
            inputRequests: {
              [APPROVAL_INPUT]: inputRequired.elicit({
                message: outcome.message,
                requestedSchema: APPROVAL_SCHEMA,
              }),
            },
            requestState: outcome.state,
          });
        }
        return outcome.result;
      }) as never,
    );
  }
  return server;
}

interface SdkContext {
  mcpReq: { signal: AbortSignal; inputResponses?: unknown; requestState: () => unknown };
}

/** The person's answer from an input-required round trip, bound to the state this server issued. */
function readApprovalAnswer(ctx: SdkContext): ApprovalAnswer | undefined {
  const state = ctx.mcpReq.requestState();
  if (typeof state !== 'string') return undefined;
  const view = inputResponse(ctx.mcpReq.inputResponses as never, APPROVAL_INPUT) as {
    kind: string;
    action?: string;
    content?: { approve?: unknown };
  };
  if (view.kind === 'missing') return undefined;
  return {
    state,
    approved: view.kind === 'elicit' && view.action === 'accept' && view.content?.approve === true,
  };
}
