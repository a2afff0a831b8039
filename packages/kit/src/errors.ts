/**
 * Every refusal and failure the kit reports carries a stable code (for clients, dashboards and tests) and a
 * message written for the person who will read it. Codes never change meaning; new ones are added.
 */
export const ErrorCode = {
  // pipeline refusals
  Unauthenticated: 'unauthenticated',
  Forbidden: 'forbidden',
  InvalidInput: 'invalid_input',
  RateLimited: 'rate_limited',
  ApprovalRequired: 'approval_required',
  ApprovalRejected: 'approval_rejected',
  ApprovalInvalid: 'approval_invalid',
  InvalidCursor: 'invalid_cursor',
  AuditUnavailable: 'audit_unavailable',
  // execution
  Timeout: 'timeout',
  Cancelled: 'cancelled',
  NotFound: 'not_found',
  Upstream: 'upstream_error',
  UpstreamUnavailable: 'upstream_unavailable',
  NotConfigured: 'not_configured',
  Internal: 'internal_error',
  // protocol
  UnknownTool: 'unknown_tool',
  UnknownResource: 'unknown_resource',
  UnknownPrompt: 'unknown_prompt',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode] | (string & {});

/**
 * Thrown by handlers (and by the kit's own steps) to end a call with a clear, stable error. `details` is
 * structured data for the client (it is redacted like any other output); `retryAfterSeconds` is set for
 * errors a caller should retry later.
 */
export class ToolError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { details?: Record<string, unknown>; retryAfterSeconds?: number; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ToolError';
    this.code = code;
    this.details = options.details;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export function isToolError(error: unknown): error is ToolError {
  return error instanceof ToolError;
}

/**
 * A configuration problem found at start-up. It lists every problem at once, each naming the setting
 * (environment variable or file key) and what is expected, so an operator fixes them in one pass.
 */
export class ConfigError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[], heading = 'Invalid configuration') {
    super(`${heading}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}
