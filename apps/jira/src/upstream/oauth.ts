import { ErrorCode, ToolError } from '@gatehouse/kit';
import { JiraErrorCode } from './errors.ts';
import type { RefreshTokenStore } from './refresh-token-store.ts';

/** Refresh this long before the access token expires, for clock skew and requests in flight. */
const EXPIRY_SKEW_MS = 60_000;

export interface OAuthOptions {
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Where the refresh token lives between refreshes (Atlassian rotates it on every refresh). */
  readonly store: RefreshTokenStore;
  /** Deadline of one token request. */
  readonly timeoutMs: number;
  readonly now?: () => number;
}

interface Minted {
  readonly token: string;
  readonly expiresAt: number;
}

/**
 * Atlassian OAuth 2.0 (3LO) access tokens for the server's own grant: minted from the refresh token before the
 * current one expires, again (once) when Jira answers 401, one refresh at a time however many requests wait.
 * The rotated refresh token goes to the store before the new access token is used, so a restart resumes from it.
 * No token, secret or token-endpoint body ever leaves this file in an error: messages name the settings instead.
 */
export class OAuthTokens {
  readonly #options: OAuthOptions;
  readonly #now: () => number;
  #current: Minted | undefined;
  #refreshing: Promise<Minted> | undefined;

  constructor(options: OAuthOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** A usable access token, refreshed first when there is none or it expires within a minute. */
  async accessToken(): Promise<string> {
    const current = this.#current;
    if (current && this.#now() < current.expiresAt - EXPIRY_SKEW_MS) return current.token;
    return (await this.#refresh()).token;
  }

  /**
   * After Jira refused `rejected` (401): a new token, unless another request already replaced it (requests sent
   * with the old token come back 401 after a refresh, and each refresh spends the rotating refresh token).
   */
  async afterUnauthorized(rejected: string): Promise<string> {
    if (this.#refreshing) return (await this.#refreshing).token;
    const current = this.#current;
    if (current && current.token !== rejected) return current.token;
    return (await this.#refresh()).token;
  }

  #refresh(): Promise<Minted> {
    this.#refreshing ??= this.#mint().finally(() => {
      this.#refreshing = undefined;
    });
    return this.#refreshing;
  }

  async #mint(): Promise<Minted> {
    const { tokenUrl, clientId, clientSecret, store, timeoutMs } = this.#options;
    const refreshToken = await store.load();
    let response: Response;
    try {
      response = await fetch(tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({
          grant_type: 'refresh_token',
          client_id: clientId,
          client_secret: clientSecret,
          refresh_token: refreshToken,
        }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch {
      throw new ToolError(
        ErrorCode.UpstreamUnavailable,
        'The Atlassian token endpoint (GATEHOUSE_JIRA_OAUTH_TOKEN_URL) could not be reached to refresh the OAuth 2.0 access token.',
      );
    }
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok) throw refusal(response.status, body);
    const token = body.access_token;
    const expiresIn = body.expires_in;
    if (typeof token !== 'string' || token === '' || typeof expiresIn !== 'number')
      throw new ToolError(
        JiraErrorCode.OAuthFailed,
        'The Atlassian token endpoint answered without an access token and its lifetime.',
      );
    // Atlassian rotates the refresh token: the one just spent is dead, so the new one is kept before going on.
    if (typeof body.refresh_token === 'string' && body.refresh_token !== '')
      await store.save(body.refresh_token);
    this.#current = { token, expiresAt: this.#now() + expiresIn * 1000 };
    return this.#current;
  }
}

/** The token endpoint's refusal, by its OAuth error code only (its body is never quoted). */
function refusal(status: number, body: Record<string, unknown>): ToolError {
  const code = typeof body.error === 'string' && /^[a-z_]{1,40}$/.test(body.error) ? body.error : undefined;
  if (code === 'invalid_grant')
    return new ToolError(
      JiraErrorCode.OAuthFailed,
      'Atlassian refused the OAuth 2.0 refresh token (invalid_grant: expired, revoked or already used): an operator must authorize the app again and set GATEHOUSE_JIRA_OAUTH_REFRESH_TOKEN.',
      { details: { oauthError: code } },
    );
  if (code === 'invalid_client' || code === 'unauthorized_client' || code === 'access_denied')
    return new ToolError(
      JiraErrorCode.OAuthFailed,
      `Atlassian refused the OAuth 2.0 app credentials (${code}): an operator must check GATEHOUSE_JIRA_OAUTH_CLIENT_ID and GATEHOUSE_JIRA_OAUTH_CLIENT_SECRET.`,
      { details: { oauthError: code } },
    );
  if (status >= 500)
    return new ToolError(
      ErrorCode.UpstreamUnavailable,
      `The Atlassian token endpoint failed (${status}); try again later.`,
    );
  return new ToolError(
    JiraErrorCode.OAuthFailed,
    `The Atlassian token endpoint refused to refresh the OAuth 2.0 access token (${status}${code ? ` ${code}` : ''}).`,
    code ? { details: { oauthError: code } } : {},
  );
}
