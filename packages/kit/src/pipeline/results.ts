import { ErrorCode, isToolError, ToolError } from '../errors.ts';

export const ERROR_META_KEY = 'dev.gatehouse/error';
export const TRUNCATED_META_KEY = 'dev.gatehouse/truncated';
export const UNTRUSTED_META_KEY = 'dev.gatehouse/untrusted';
export const APPROVAL_META_KEY = 'dev.gatehouse/approval';

/** The MCP `tools/call` result, as it goes on the wire. */
export interface CallToolResultWire {
  content: { type: 'text'; text: string }[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
  _meta?: Record<string, unknown>;
}

export function errorResult(error: ToolError): CallToolResultWire {
  const retry = error.retryAfterSeconds === undefined ? '' : ` Retry after ${error.retryAfterSeconds} s.`;
  return {
    content: [{ type: 'text', text: `Error ${error.code}: ${error.message}${retry}` }],
    isError: true,
    _meta: {
      [ERROR_META_KEY]: {
        code: error.code,
        ...(error.details ? { details: error.details } : {}),
        ...(error.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: error.retryAfterSeconds }),
      },
    },
  };
}

/** Any thrown value as a ToolError; unexpected ones get a generic message (details go to the server log only). */
export function asToolError(error: unknown, reference: string): ToolError {
  if (isToolError(error)) return error;
  return new ToolError(
    ErrorCode.Internal,
    `The tool failed unexpectedly. Operators can find the cause in the server log under reference ${reference}.`,
  );
}
