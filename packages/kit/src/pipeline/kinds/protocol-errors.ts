import { ErrorCode, type ToolError } from '../../errors.ts';
import type { Outcome } from './call.ts';

export const RESOURCE_NOT_FOUND = -32002;
export const INVALID_PARAMS = -32602;
const INTERNAL_ERROR = -32603;

/**
 * A refusal or failure as a JSON-RPC error, for every kind but tool calls (which answer with an error result).
 * `data.code` carries the kit's stable code; `extra` adds what the spec asks for (the `uri` of a missing resource).
 */
export function protocolFailure(error: ToolError, extra: Record<string, unknown> = {}): Outcome {
  const code =
    error.code === ErrorCode.UnknownResource || error.code === ErrorCode.NotFound
      ? RESOURCE_NOT_FOUND
      : error.code === ErrorCode.InvalidInput ||
          error.code === ErrorCode.UnknownPrompt ||
          error.code === 'invalid_params'
        ? INVALID_PARAMS
        : INTERNAL_ERROR;
  return {
    kind: 'protocol_error',
    code,
    message: error.message,
    data: {
      code: error.code,
      ...extra,
      ...(error.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: error.retryAfterSeconds }),
    },
  };
}
