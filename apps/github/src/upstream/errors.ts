import { ErrorCode, ToolError } from '@gatehouse/kit';

/** Error codes this server adds to the kit's: each names one way GitHub refuses or fails. */
export const GitHubErrorCode = {
  BadCredentials: 'github_bad_credentials',
  PermissionDenied: 'github_permission_denied',
  RateLimited: 'github_rate_limited',
  NotAvailable: 'github_not_available',
  RepoNotAllowed: 'repo_not_allowed',
  Validation: 'github_validation_failed',
} as const;

interface HttpErrorLike {
  status: number;
  message?: string;
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown };
}

function isHttpError(error: unknown): error is HttpErrorLike {
  return typeof error === 'object' && error !== null && typeof (error as HttpErrorLike).status === 'number';
}

const header = (e: HttpErrorLike, name: string) => {
  const value = e.response?.headers?.[name];
  return value === undefined ? undefined : String(value);
};

/** GitHub's own message from an error body, never Octokit's (which can carry request details). */
function upstreamMessage(e: HttpErrorLike): string {
  const data = e.response?.data as { message?: unknown; errors?: { message?: unknown }[] } | undefined;
  const base = typeof data?.message === 'string' ? data.message : '';
  const details = (data?.errors ?? [])
    .map((x) => (typeof x?.message === 'string' ? x.message : ''))
    .filter(Boolean);
  return [base, ...details].filter(Boolean).join('; ').slice(0, 300);
}

function documentationUrl(e: HttpErrorLike): string {
  const data = e.response?.data as { documentation_url?: unknown } | undefined;
  return typeof data?.documentation_url === 'string' ? data.documentation_url : '';
}

/**
 * One failed GitHub request as a ToolError a person can act on. Never includes request headers or Octokit's
 * message (it may quote the request), only GitHub's own words and what to do.
 */
export function toToolError(error: unknown, what: string): ToolError {
  if (error instanceof ToolError) return error;
  if (!isHttpError(error)) {
    // Not an answer from GitHub (e.g. the App key could not sign a token): name the kind, never the details.
    const kind = error instanceof Error ? error.name : typeof error;
    return new ToolError(
      ErrorCode.Upstream,
      `The request to GitHub could not be made while ${what} (${kind}).`,
    );
  }
  if (error.status === 500 && !error.response) {
    // Octokit's shape for a request that got no answer at all (connection refused, DNS, TLS).
    return new ToolError(ErrorCode.UpstreamUnavailable, `GitHub could not be reached while ${what}.`);
  }
  const status = error.status;
  const said = upstreamMessage(error);
  const quote = said ? ` GitHub said: "${said}".` : '';
  if (status === 401) {
    return new ToolError(
      GitHubErrorCode.BadCredentials,
      "GitHub rejected the server's credentials (401): the token or GitHub App key is wrong, expired or revoked. An operator must fix GATEHOUSE_GITHUB_TOKEN or the GitHub App settings.",
    );
  }
  if (status === 403 || status === 429) {
    const retryAfter = header(error, 'retry-after');
    if (retryAfter !== undefined || /secondary rate limit/i.test(said)) {
      const seconds = Math.max(1, Number(retryAfter) || 60);
      return new ToolError(
        GitHubErrorCode.RateLimited,
        `GitHub's secondary rate limit was hit while ${what} (too many requests at once).`,
        { retryAfterSeconds: seconds, details: { limit: 'secondary' } },
      );
    }
    if (header(error, 'x-ratelimit-remaining') === '0') {
      const reset = Number(header(error, 'x-ratelimit-reset'));
      const seconds = Number.isFinite(reset) ? Math.max(1, Math.ceil(reset - Date.now() / 1000)) : 60;
      return new ToolError(
        GitHubErrorCode.RateLimited,
        `The server's GitHub rate limit is used up (resets at ${Number.isFinite(reset) ? new Date(reset * 1000).toISOString() : 'an unknown time'}).`,
        { retryAfterSeconds: seconds, details: { limit: 'primary' } },
      );
    }
    if (status === 403) {
      return new ToolError(
        GitHubErrorCode.PermissionDenied,
        `The server's GitHub credentials lack a permission needed for ${what} (403).${quote} Grant the token or App the permission listed in the GitHub server's README.`,
      );
    }
  }
  if (status === 404 || status === 410) {
    const enterprise = header(error, 'x-github-enterprise-version');
    // An unknown route answers with the API root as documentation; a missing object names its endpoint's page.
    if (enterprise !== undefined && /\/rest\/?$/.test(documentationUrl(error))) {
      return new ToolError(
        GitHubErrorCode.NotAvailable,
        `${what} is not available on this GitHub Enterprise Server version (${enterprise}); it needs a newer release.`,
      );
    }
    return new ToolError(
      ErrorCode.NotFound,
      `Not found while ${what}: it does not exist, or the server's credentials cannot see it.`,
    );
  }
  if (status === 422 || status === 400) {
    return new ToolError(GitHubErrorCode.Validation, `GitHub refused the request for ${what}.${quote}`);
  }
  if (status === 502 || status === 503 || status === 504) {
    return new ToolError(ErrorCode.UpstreamUnavailable, `GitHub is unavailable (${status}) while ${what}.`);
  }
  return new ToolError(ErrorCode.Upstream, `GitHub answered ${status} while ${what}.${quote}`);
}
