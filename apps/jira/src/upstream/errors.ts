import { ErrorCode, ToolError } from '@gatehouse/kit';
import { isApiError, isNetworkError, isRateLimitError, isSchemaMismatchError } from 'jira.js';

/** Error codes this server adds to the kit's: each names one way Jira refuses or fails. */
export const JiraErrorCode = {
  BadCredentials: 'jira_bad_credentials',
  PermissionDenied: 'jira_permission_denied',
  RateLimited: 'jira_rate_limited',
  Rejected: 'jira_rejected',
  InvalidJql: 'invalid_jql',
  UnknownTransition: 'unknown_transition',
  MissingFields: 'missing_required_fields',
  UnsupportedMarkdown: 'unsupported_markdown',
  OAuthFailed: 'jira_oauth_failed',
} as const;

/**
 * Jira's own words from an error body (`errorMessages` and the per-field `errors`), never the request: the
 * field errors name the Jira field so a person can fix the input.
 */
export function jiraSaid(body: unknown): { text: string; fields: Record<string, string> } {
  const data = (typeof body === 'object' && body !== null ? body : {}) as {
    errorMessages?: unknown;
    errors?: unknown;
  };
  const messages = Array.isArray(data.errorMessages)
    ? data.errorMessages.filter((m) => typeof m === 'string')
    : [];
  const fields: Record<string, string> = {};
  if (typeof data.errors === 'object' && data.errors !== null) {
    for (const [field, message] of Object.entries(data.errors)) {
      if (typeof message === 'string') fields[field] = message.slice(0, 200);
    }
  }
  const text = [...messages, ...Object.entries(fields).map(([f, m]) => `${f}: ${m}`)]
    .join('; ')
    .slice(0, 400);
  return { text, fields };
}

/** One failed Jira request as a ToolError a person can act on (`what`: "reading API-1"). */
export function toToolError(error: unknown, what: string): ToolError {
  if (error instanceof ToolError) return error;
  if (isRateLimitError(error)) {
    const seconds = Math.max(1, Math.ceil((error.retryAfterMs ?? 60_000) / 1000));
    return new ToolError(
      JiraErrorCode.RateLimited,
      `Jira's rate limit was hit while ${what}; retry in ${seconds} s.`,
      {
        retryAfterSeconds: seconds,
      },
    );
  }
  if (isApiError(error)) {
    const said = jiraSaid(error.body);
    const quote = said.text ? ` Jira said: "${said.text}".` : '';
    const details = Object.keys(said.fields).length > 0 ? { details: { fields: said.fields } } : {};
    switch (error.status) {
      case 400:
        return new ToolError(
          JiraErrorCode.Rejected,
          `Jira refused the request while ${what}.${quote}`,
          details,
        );
      case 401:
        return new ToolError(
          JiraErrorCode.BadCredentials,
          "Jira rejected the server's credentials (401): an operator must fix GATEHOUSE_JIRA_EMAIL/GATEHOUSE_JIRA_API_TOKEN (or GATEHOUSE_JIRA_TOKEN, or the GATEHOUSE_JIRA_OAUTH_* grant).",
        );
      case 403:
        return new ToolError(
          JiraErrorCode.PermissionDenied,
          `The server's Jira account may not do this while ${what} (403).${quote}`,
        );
      case 404:
        return new ToolError(ErrorCode.NotFound, `Not found in Jira while ${what}.${quote}`);
      default:
        if (error.status >= 500)
          return new ToolError(
            ErrorCode.UpstreamUnavailable,
            `Jira failed (${error.status}) while ${what}; try again later.`,
          );
        return new ToolError(ErrorCode.Upstream, `Jira answered ${error.status} while ${what}.${quote}`);
    }
  }
  if (isNetworkError(error))
    return new ToolError(ErrorCode.UpstreamUnavailable, `Jira could not be reached while ${what}.`);
  if (isSchemaMismatchError(error))
    return new ToolError(
      ErrorCode.Upstream,
      `Jira answered in a shape this server does not know while ${what}.`,
    );
  return new ToolError(
    ErrorCode.Upstream,
    `The request to Jira failed while ${what} (${error instanceof Error ? error.name : typeof error}).`,
  );
}
