import { createAppAuth } from '@octokit/auth-app';
import { retry } from '@octokit/plugin-retry';
import { Octokit } from '@octokit/rest';
import type { Credentials } from '../config.ts';

const RetryingOctokit = Octokit.plugin(retry);
export type GitHubClient = InstanceType<typeof RetryingOctokit>;

export interface ClientOptions {
  readonly baseUrl: string;
  readonly credentials: Credentials;
  readonly retries: number;
  readonly retryBaseMs: number;
  readonly userAgent?: string;
}

/**
 * An Octokit with the server's own credentials: a token, or a GitHub App whose installation token
 * @octokit/auth-app mints and renews before it expires. 5xx answers are retried; 403/429 are not: a rate limit
 * goes back to the caller with its retry-after at once, since waiting for a reset would outlive the call's
 * deadline (the throttling plugin's queue is therefore not used).
 */
export function createGitHubClient(options: ClientOptions): GitHubClient {
  const { credentials } = options;
  const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
  return new RetryingOctokit({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    userAgent: options.userAgent ?? 'gatehouse-github/0.1.0',
    log: silent,
    retry: {
      retries: options.retries,
      retryAfterBaseValue: options.retryBaseMs,
      doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
    },
    ...(credentials.kind === 'token'
      ? { auth: credentials.token }
      : {
          authStrategy: createAppAuth,
          auth: {
            appId: credentials.appId,
            privateKey: credentials.privateKey,
            installationId: credentials.installationId,
          },
        }),
  });
}
