import { ErrorCode, ToolError } from '@gatehouse/kit';
import { isRateLimitError, isServerError, type SchemaMismatchBehavior } from 'jira.js';
import { type Client, createClient } from 'jira.js/core';
import type { JiraAuth } from '../config.ts';
import { Pace } from './pace.ts';

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
  const base = createClient({
    host: options.baseUrl,
    auth: options.auth,
    onSchemaMismatch: options.onSchemaMismatch ?? 'warn',
  });
  const pace = new Pace(options.requestsPerSecond);
  return (signal) => ({
    async sendRequest(request) {
      const canRetry = (request.method ?? 'GET') === 'GET';
      for (let attempt = 0; ; attempt++) {
        const wait = pace.reserve(Date.now());
        if (wait > 0) await sleep(wait, signal);
        try {
          return await abortable(base.sendRequest(request), signal, options.requestTimeoutMs);
        } catch (error) {
          const delay = retryDelay(error, attempt, canRetry, options);
          if (delay === undefined) throw error;
          await sleep(delay, signal);
        }
      }
    },
  });
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
