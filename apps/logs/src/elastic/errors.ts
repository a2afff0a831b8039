import { ErrorCode, isToolError, ToolError } from '@gatehouse/kit';

/**
 * A client error as a ToolError a caller can act on. Both official clients name their errors the same way
 * (ResponseError with `meta.statusCode` and the cluster's `error.type`, TimeoutError, ConnectionError); they are
 * told apart by name, not class, because a test's client may come from the package's other (CommonJS) build.
 * Only the status, the error type and the cluster's reason reach the caller: never a URL or a header.
 */
export function upstreamError(error: unknown, kind: string, setting: string): ToolError {
  if (isToolError(error)) return error;
  const e = error as {
    name?: string;
    meta?: { statusCode?: number; headers?: Record<string, string> };
    body?: unknown;
  };
  const name = e?.name ?? '';
  if (name === 'AbortError' || name === 'RequestAbortedError') {
    return new ToolError(ErrorCode.Cancelled, `The ${kind} request was cancelled.`);
  }
  if (name === 'TimeoutError') {
    return new ToolError(
      ErrorCode.Timeout,
      `The ${kind} cluster did not answer in time (${setting}.requestTimeoutMs). Narrow the range or try again.`,
    );
  }
  if (name === 'ConnectionError' || name === 'NoLivingConnectionsError') {
    return new ToolError(
      ErrorCode.UpstreamUnavailable,
      `Cannot reach the ${kind} cluster (${setting}.node): ${name}.`,
    );
  }
  const status = e?.meta?.statusCode;
  const cause = causeOf(e?.body);
  if (status === 401) {
    return new ToolError(
      'upstream_auth_failed',
      `The ${kind} cluster refused this server's credentials (401${cause}); check ${setting}.auth.`,
    );
  }
  if (status === 403) {
    return new ToolError(
      'upstream_forbidden',
      `This server's ${kind} user may not read this (403${cause}); grant it read on the allowed indices (${setting}).`,
    );
  }
  if (status === 404)
    return new ToolError(
      ErrorCode.NotFound,
      `The ${kind} cluster has no such index (404${cause}); list_sources shows what there is.`,
    );
  if (status === 429) {
    const retry = Number(e?.meta?.headers?.['retry-after']);
    return new ToolError(
      'upstream_busy',
      `The ${kind} cluster is overloaded (429${cause}); try again shortly.`,
      {
        retryAfterSeconds: Number.isFinite(retry) && retry > 0 ? retry : 5,
      },
    );
  }
  if (status !== undefined)
    return new ToolError(ErrorCode.Upstream, `The ${kind} cluster answered ${status}${cause}.`);
  return new ToolError(ErrorCode.Upstream, `The ${kind} request failed (${name || 'unknown error'}).`);
}

/** `: index_not_found_exception: no such index [x]` from an error body, bounded. */
function causeOf(body: unknown): string {
  const error = (body as { error?: { type?: unknown; reason?: unknown } } | undefined)?.error;
  if (!error || typeof error !== 'object') return '';
  const type = typeof error.type === 'string' ? error.type : '';
  const reason = typeof error.reason === 'string' ? error.reason.slice(0, 200) : '';
  return type || reason ? `: ${[type, reason].filter(Boolean).join(': ')}` : '';
}
