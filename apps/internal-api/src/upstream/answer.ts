// A service's answer as a tool's output (reduced to the fields the response declares and the selection allows),
// and its error statuses as ToolErrors with a stable code, the status and a short reason.
import { ErrorCode, ToolError } from '@gatehouse/kit';
import type { BuiltOperation } from '../openapi/build.ts';
import { conform } from '../openapi/projection.ts';
import { reasonPhrase, type UpstreamResponse } from './client.ts';

const JSON_TYPE = /^application\/(?:[\w.+-]*\+)?json(?:;|$)/i;
const REASON_CHARS = 200;

export function readAnswer(
  service: string,
  built: BuiltOperation,
  response: UpstreamResponse,
): Record<string, unknown> {
  if (built.outputKind === 'none' || !built.projection) {
    const text = response.text.trim();
    return JSON_TYPE.test(response.contentType) || text === ''
      ? { status: response.status }
      : { status: response.status, text };
  }
  let value: unknown;
  try {
    value = response.text.trim() === '' ? undefined : JSON.parse(response.text);
  } catch {
    throw new ToolError(
      ErrorCode.Upstream,
      `The ${service} API answered ${built.name} with a body that is not JSON (status ${response.status}).`,
    );
  }
  const kept = conform(value, built.projection);
  if (built.outputKind === 'object') return (kept ?? {}) as Record<string, unknown>;
  if (built.outputKind === 'items') return { items: kept ?? [] };
  return kept === undefined ? {} : { value: kept };
}

/** The code a caller acts on: not found, not allowed upstream, slow down, try later, or a refused request. */
export function upstreamError(service: string, built: BuiltOperation, response: UpstreamResponse): ToolError {
  const { status } = response;
  const what = `The ${service} API answered ${built.name} with ${status} ${reasonPhrase(status)}`;
  const details = { status, ...(shortReason(response) ? { reason: shortReason(response) } : {}) };
  if (status === 404) return new ToolError(ErrorCode.NotFound, `${what}: it does not exist.`, { details });
  if (status === 401 || status === 403) {
    return new ToolError(
      'upstream_auth',
      `${what}: the server's own credentials for ${service} lack access; an operator checks the service's auth settings.`,
      { details },
    );
  }
  if (status === 429) {
    return new ToolError('upstream_rate_limited', `${what}: try again later.`, {
      details,
      retryAfterSeconds: 30,
    });
  }
  if (status >= 500)
    return new ToolError(ErrorCode.UpstreamUnavailable, `${what}; try again later.`, { details });
  return new ToolError(ErrorCode.Upstream, `${what}; see details.reason.`, { details });
}

/** The service's own short explanation (message, title, detail or error), cut; the kit redacts it like output. */
function shortReason(response: UpstreamResponse): string | undefined {
  let text: string | undefined;
  if (JSON_TYPE.test(response.contentType)) {
    try {
      const body = JSON.parse(response.text) as Record<string, unknown>;
      const found = [body.message, body.detail, body.title, body.error].find((v) => typeof v === 'string');
      text = found as string | undefined;
    } catch {
      text = undefined;
    }
  } else if (/^text\/plain/i.test(response.contentType)) {
    text = response.text;
  }
  if (!text) return undefined;
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= REASON_CHARS ? line : `${line.slice(0, REASON_CHARS - 1)}…`;
}
