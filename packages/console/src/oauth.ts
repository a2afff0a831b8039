import { createHash, randomBytes } from 'node:crypto';
import type { Identity } from '@gatehouse/kit';
import { type ClaimMapping, createJwtVerifier, isAuthRefusal } from '@gatehouse/kit/operator';

/**
 * Sign-in through the identity provider the servers trust (OAuth 2.1 authorization code with PKCE, S256). The
 * console is a confidential or public client of that provider; the access token it gets back must be issued by
 * the servers' issuer for the console's own URL (its audience), and is checked by the kit's JWT verifier with the
 * same claim mapping as the servers, so a person has the same actor and roles in the console as on the servers.
 */
export interface ConsoleOAuthOptions {
  readonly issuer: string;
  readonly jwksUrl: string;
  readonly authorizationEndpoint: string;
  readonly tokenEndpoint: string;
  readonly clientId: string;
  readonly clientSecret?: string;
  /** The console's URL as the provider knows it: the tokens' audience, and the base of the redirect URI. */
  readonly consoleUrl: string;
  readonly scope?: string;
  readonly claims?: Partial<ClaimMapping>;
  /** Whether the provider's access tokens carry `typ: at+jwt` (default true, as for the servers). */
  readonly requireAccessTokenType?: boolean;
}

interface Pending {
  readonly verifier: string;
  /** The browser's pre-session token: only the browser that started a sign-in can finish it. */
  readonly browser: string;
  readonly expiresAt: number;
}

/** Sign-ins started and not finished, at most this many (oldest dropped), each valid for 10 minutes. */
const MAX_PENDING = 1000;
const PENDING_MS = 10 * 60_000;

export type OAuthOutcome = { identity: Identity } | { code: string; message: string };

export function createOAuthSignIn(options: ConsoleOAuthOptions, now: () => number = Date.now) {
  const redirectUri = new URL('/oauth/callback', options.consoleUrl).href;
  const verifier = createJwtVerifier({
    issuer: options.issuer,
    audience: options.consoleUrl,
    jwksUrl: options.jwksUrl,
    ...(options.claims ? { claims: options.claims } : {}),
    ...(options.requireAccessTokenType === undefined
      ? {}
      : { requireAccessTokenType: options.requireAccessTokenType }),
  });
  const pending = new Map<string, Pending>();
  const token = () => randomBytes(32).toString('base64url');

  return {
    /** Where to send the browser to sign in; remembers the state and PKCE verifier for its return. */
    start(browser: string): string {
      for (const [state, p] of pending) if (p.expiresAt <= now()) pending.delete(state);
      if (pending.size >= MAX_PENDING) pending.delete(pending.keys().next().value as string);
      const state = token();
      const codeVerifier = token();
      pending.set(state, { verifier: codeVerifier, browser, expiresAt: now() + PENDING_MS });
      const url = new URL(options.authorizationEndpoint);
      url.search = new URLSearchParams({
        response_type: 'code',
        client_id: options.clientId,
        redirect_uri: redirectUri,
        state,
        code_challenge: createHash('sha256').update(codeVerifier).digest('base64url'),
        code_challenge_method: 'S256',
        scope: options.scope ?? 'openid',
        resource: options.consoleUrl,
      }).toString();
      return url.href;
    },

    /** The provider sent the browser back: check the state is this browser's, redeem the code, check the token. */
    async finish(params: URLSearchParams, browser: string | undefined): Promise<OAuthOutcome> {
      const state = params.get('state') ?? '';
      const started = pending.get(state);
      pending.delete(state); // one use, whatever happens next
      if (started === undefined || started.expiresAt <= now() || started.browser !== browser) {
        return {
          code: 'oauth_state_invalid',
          message: 'This sign-in was not started here, or it expired; start again.',
        };
      }
      const error = params.get('error');
      if (error !== null) {
        return { code: 'oauth_refused', message: `The identity provider refused the sign-in: ${error}.` };
      }
      const code = params.get('code');
      if (code === null || code === '')
        return { code: 'oauth_refused', message: 'The identity provider sent no code.' };
      const body = new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri,
        client_id: options.clientId,
        code_verifier: started.verifier,
        resource: options.consoleUrl,
      });
      const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
      if (options.clientSecret !== undefined) {
        const basic = `${encodeURIComponent(options.clientId)}:${encodeURIComponent(options.clientSecret)}`;
        headers.authorization = `Basic ${Buffer.from(basic).toString('base64')}`;
      }
      let accessToken: unknown;
      try {
        const res = await fetch(options.tokenEndpoint, {
          method: 'POST',
          headers,
          body,
          signal: AbortSignal.timeout(10_000),
        });
        const answer = (await res.json()) as { access_token?: unknown; error?: unknown };
        if (!res.ok) {
          return {
            code: 'oauth_refused',
            message: `The token endpoint refused the code (${String(answer.error ?? res.status)}).`,
          };
        }
        accessToken = answer.access_token;
      } catch (cause) {
        return {
          code: 'oauth_unavailable',
          message: `The token endpoint cannot be reached: ${(cause as Error).message}.`,
        };
      }
      if (typeof accessToken !== 'string') {
        return { code: 'oauth_refused', message: 'The token endpoint answered without an access token.' };
      }
      const outcome = await verifier.verify(accessToken);
      if (isAuthRefusal(outcome))
        return {
          code: 'oauth_token_invalid',
          message: `The access token was refused: ${outcome.refusal.description}`,
        };
      return { identity: outcome };
    },
  };
}

export type OAuthSignIn = ReturnType<typeof createOAuthSignIn>;
