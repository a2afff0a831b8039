import type { Identity } from '../identity.ts';
import { auditRefusal } from '../pipeline/audit-record.ts';
import type { Gate } from '../pipeline/gate.ts';
import {
  handleLegacyMessage,
  INVALID_REQUEST,
  type JsonRpcResponse,
  jsonRpcError,
  protocolHasBatches,
} from '../protocol/legacy-jsonrpc.ts';

/** Far more than any client batches (they batch a handful of calls); far fewer than an amplification attack. */
export const DEFAULT_MAX_BATCH_MESSAGES = 100;
/** What a batch may answer in total; messages after the one that reaches it are not run. */
export const DEFAULT_MAX_BATCH_ANSWER_BYTES = 4 * 1024 * 1024;

export interface BatchLimits {
  readonly maxMessages: number;
  readonly maxAnswerBytes: number;
}

/** What to send for a batch: a JSON text for 200, a refusal for 400, or nothing (only notifications: 202). */
export type BatchAnswer =
  | { readonly kind: 'answer'; readonly text: string }
  | { readonly kind: 'refused'; readonly body: JsonRpcResponse }
  | { readonly kind: 'empty' };

/**
 * A 2025-era JSON-RPC batch. A small request must not buy a huge answer (20,000 `tools/list` in 985 KiB once
 * answered 112 MiB), so the batch is refused when it is longer than `maxMessages` or when its protocol revision
 * has no batches, and its messages run one after another while their answers are counted: once the answer
 * reaches `maxAnswerBytes`, the remaining messages are not run and each is answered with an error saying so.
 * Every refusal is audited.
 */
export async function answerBatch(
  gate: Gate,
  batch: readonly unknown[],
  identity: Identity,
  protocolHeader: string | undefined,
  signal: AbortSignal,
  limits: BatchLimits,
): Promise<BatchAnswer> {
  const refuse = async (code: string, message: string): Promise<BatchAnswer> => {
    await auditRefusal(gate, identity, 'jsonrpc', code);
    return {
      kind: 'refused',
      body: jsonRpcError(null, INVALID_REQUEST, `Invalid Request: ${message}`, { code }),
    };
  };
  if (batch.length === 0) return refuse('invalid_request', 'empty batch.');
  if (!protocolHasBatches(protocolHeader)) {
    return refuse(
      'batch_not_supported',
      `protocol revision ${protocolHeader} has no JSON-RPC batches; send one message per request.`,
    );
  }
  if (batch.length > limits.maxMessages) {
    return refuse(
      'batch_too_large',
      `the batch has ${batch.length} messages; at most ${limits.maxMessages} are accepted in one request.`,
    );
  }
  const parts: string[] = [];
  let bytes = 2;
  for (const message of batch) {
    if (signal.aborted) break;
    let response: JsonRpcResponse | undefined;
    if (bytes > limits.maxAnswerBytes) {
      response = await notRun(gate, identity, message, limits.maxAnswerBytes);
    } else {
      response = await handleLegacyMessage(gate, message, identity, signal);
    }
    if (response === undefined) continue;
    const text = JSON.stringify(response);
    parts.push(text);
    bytes += Buffer.byteLength(text) + 1;
  }
  return parts.length === 0 ? { kind: 'empty' } : { kind: 'answer', text: `[${parts.join(',')}]` };
}

/** The answer for a message left unrun because the batch's answer is full; notifications get none. */
async function notRun(
  gate: Gate,
  identity: Identity,
  message: unknown,
  maxAnswerBytes: number,
): Promise<JsonRpcResponse | undefined> {
  const m = (message !== null && typeof message === 'object' ? message : {}) as Record<string, unknown>;
  const notification = typeof m.method === 'string' && m.id === undefined;
  const clientResponse = typeof m.method !== 'string' && ('result' in m || 'error' in m);
  if (notification || clientResponse) return;
  const id = typeof m.id === 'string' || typeof m.id === 'number' ? m.id : null;
  await auditRefusal(gate, identity, 'jsonrpc', 'batch_answer_too_large');
  return jsonRpcError(
    id,
    -32000,
    `Not run: the batch's answer reached the ${maxAnswerBytes}-byte limit; send this request again on its own or in a smaller batch.`,
    { code: 'batch_answer_too_large' },
  );
}
