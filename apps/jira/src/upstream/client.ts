import { ErrorCode, ToolError } from '@gatehouse/kit';
import {
  isAuthError,
  isRateLimitError,
  isScopeError,
  isServerError,
  type SchemaMismatchBehavior,
} from 'jira.js';
import { type Client, createClient } from 'jira.js/core';
import type { JiraAuth, OAuthAuth } from '../config.ts';
import { OAuthTokens } from './oauth.ts';
import { Pace } from './pace.ts';
import { fileRefreshTokenStore, memoryRefreshTokenStore } from './refresh-token-store.ts';

export interface JiraClientOptions {
  readonly baseUrl: string;
  readonly auth: JiraAuth;
  readonly requestTimeoutMs: number;
  readonly retries: number;
  readonly retryMaxDelayMs: number;
  /** Outbound requests per second, across every call of this process. */
  readonly requestsPerSecond: number;
  /** Tests use 'throw': a response the jira.js model does not describe is then a failure, not a warning. */
  readonly onSchemaMismatch?: SchemaMismatchBehavior;
}

/** The client for one call: every request honours the call's signal (deadline, cancel) and its own timeout. */
export type ClientFor = (signal: AbortSignal) => Client;

/**
 * jira.js's client (its auth, response validation against its models, typed errors) with what a server needs
 * around it: an outbound pace (Pace), a per-request timeout and the call's AbortSignal, and retries of a 429 (after its Retry-After) or a
 * 5xx of a read, with backoff, never past the deadline. jira.js's fetch takes no signal, so an aborted request
 * is abandoned (its answer ignored) rather than torn down.
 */
export function createJiraClient(options: JiraClientOptions): ClientFor {
  const send = sender(options);
  const pace = new Pace(options.requestsPerSecond);
  return (signal) => ({
    async sendRequest(request) {
      const canRetry = (request.method ?? 'GET') === 'GET';
      for (let attempt = 0; ; attempt++) {
        const wait = pace.reserve(Date.now());
        if (wait > 0) await sleep(wait, signal);
        try {
          return await abortable(send(request), signal, options.requestTimeoutMs);
        } catch (error) {
          const delay = retryDelay(error, attempt, canRetry, options);
          if (delay === undefined) throw error;
          await sleep(delay, signal);
        }
      }
    },
  });
}

type Send = Client['sendRequest'];

/**
 * How one request reaches Jira with the server's credential. API token and bearer: jira.js's client as is.
 * OAuth 2.0 is ours, not jira.js's (which hard-codes Atlassian's token endpoint and resolves the cloud id
 * itself): the request carries the current access token (refreshed before it expires) and, if Jira answers 401
 * to that token, is sent once more with a fresh one. A 401 for a missing scope is not retried: a refresh cannot
 * add a scope.
 */
function sender(options: JiraClientOptions): Send {
  const { auth } = options;
  const clientFor = (credential: Exclude<JiraAuth, OAuthAuth>) =>
    createClient({
      host: options.baseUrl,
      auth: credential,
      onSchemaMismatch: options.onSchemaMismatch ?? 'warn',
    });
  if (auth.type !== 'oauth2') {
    const client = clientFor(auth);
    return (request) => client.sendRequest(request);
  }
  const tokens = new OAuthTokens({
    tokenUrl: auth.tokenUrl,
    clientId: auth.clientId,
    clientSecret: auth.clientSecret,
    timeoutMs: options.requestTimeoutMs,
    store: auth.stateFile
      ? fileRefreshTokenStore(auth.stateFile, auth.refreshToken)
      : memoryRefreshTokenStore(auth.refreshToken),
  });
  return async (request) => {
    const token = await tokens.accessToken();
    try {
      return await clientFor({ type: 'bearer', token }).sendRequest(request);
    } catch (error) {
      if (!isAuthError(error) || isScopeError(error)) throw error;
      const renewed = await tokens.afterUnauthorized(token);
      return clientFor({ type: 'bearer', token: renewed }).sendRequest(request);
    }
  };
}

function retryDelay(error: unknown, attempt: number, canRetry: boolean, options: JiraClientOptions) {
  if (attempt >= options.retries) return undefined;
  if (isRateLimitError(error)) {
    // Jira's 429 says when to come back; a wait longer than we allow is the caller's to decide.
    const wait = error.retryAfterMs ?? 1000 * 2 ** attempt;
    return wait <= options.retryMaxDelayMs ? wait : undefined;
  }
  if (canRetry && isServerError(error)) return Math.min(options.retryMaxDelayMs, 250 * 2 ** attempt);
  return undefined;
}

function abortable<T>(work: Promise<T>, signal: AbortSignal, timeoutMs: number): Promise<T> {
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(new ToolError(ErrorCode.UpstreamUnavailable, `Jira did not answer within ${timeoutMs} ms.`)),
      timeoutMs,
    );
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    });
  });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
