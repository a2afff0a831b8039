import { ErrorCode, type ToolError } from '../errors.ts';

/** JSON-RPC errors for resources/read and prompts/get, which have no tool-style error result. */
export interface ProtocolFailure {
  readonly kind: 'protocol_error';
  readonly code: number;
  readonly message: string;
  readonly data?: Record<string, unknown>;
}

export const RESOURCE_NOT_FOUND = -32002;
export const INVALID_PARAMS = -32602;

export function protocolFailure(error: ToolError): ProtocolFailure {
  const code =
    error.code === ErrorCode.UnknownResource || error.code === ErrorCode.NotFound
      ? RESOURCE_NOT_FOUND
      : error.code === ErrorCode.InvalidInput || error.code === ErrorCode.UnknownPrompt
        ? INVALID_PARAMS
        : -32603;
  return {
    kind: 'protocol_error',
    code,
    message: error.message,
    data: {
      code: error.code,
      ...(error.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: error.retryAfterSeconds }),
    },
  };
}
