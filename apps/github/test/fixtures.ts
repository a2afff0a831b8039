import type { Identity } from '@gatehouse/kit';
import {
  connectInMemory,
  createMemoryAuditSink,
  type InMemoryConnection,
  parsePolicy,
} from '@gatehouse/kit/testing';
import { GitHubAccess } from '../src/access.ts';
import { type GitHubSettings, GitHubSettingsSchema, TOOLSETS, type Toolset } from '../src/config.ts';
import { githubServer } from '../src/server.ts';
import { githubAccessFrom, githubBoundaries } from '../src/setup.ts';
import { createGitHubClient } from '../src/upstream/client.ts';
import { GitHub } from '../src/upstream/github.ts';
import type { FakeGitHub } from './fake-github.ts';

/** A token that must never appear in any output, error, audit record or log line. */
export const SECRET_TOKEN =
  'github_pat_11AAAAAAA0SecretNeverShown_abcdefghijklmnopqrstuvwxyz0123456789ABCDEF';

export const POLICY = parsePolicy(
  `
roles:
  dev:
    scopes: [github:read, github:write]
    tools: ["*"]
    targets: ["repo:**"]
    approvals: in_band
  octo-only:
    scopes: [github:read]
    tools: ["*"]
    targets: ["repo:octocat/*"]
`,
  'github-test-policy',
);

export const DEV: Identity = { actor: 'ana', roles: ['dev'], scopes: [], via: 'stdio' };
export const OCTO_ONLY: Identity = { actor: 'bo', roles: ['octo-only'], scopes: [], via: 'stdio' };

export function settingsFor(fake: FakeGitHub, overrides: Partial<GitHubSettings> = {}): GitHubSettings {
  return GitHubSettingsSchema.parse({
    token: SECRET_TOKEN,
    baseUrl: fake.url,
    allowlist: ['octocat/*', 'acme/api'],
    toolsets: [...TOOLSETS],
    retries: 1,
    retryBaseMs: 5,
    requestTimeoutMs: 2000,
    ...overrides,
  });
}

/**
 * The GitHub adapter alone (no MCP server), with a token and no retries. Without `baseUrl` it points at a closed
 * port: for tests of what is decided before any request.
 */
export function githubAdapter(
  allowlist: string[],
  options: { baseUrl?: string; requestTimeoutMs?: number } = {},
): GitHub {
  const client = createGitHubClient({
    baseUrl: options.baseUrl ?? 'http://127.0.0.1:9',
    credentials: { kind: 'token', token: 't' },
    retries: 0,
    retryBaseMs: 1,
  });
  return new GitHub(client, allowlist, {
    requestTimeoutMs: options.requestTimeoutMs ?? 1000,
  });
}

/** The GitHub server against the fake, driven by the official SDK client in memory. */
export async function connectGitHub(
  fake: FakeGitHub,
  options: {
    settings?: Partial<GitHubSettings>;
    identity?: Identity;
    access?: GitHubAccess;
    toolsets?: readonly Toolset[];
    clientCapabilities?: Record<string, unknown>;
  } = {},
) {
  const settings = settingsFor(fake, options.settings);
  const access = options.access ?? (await githubAccessFrom(settings));
  const audit = createMemoryAuditSink();
  const definition = githubServer(access, { toolsets: options.toolsets ?? settings.toolsets });
  const connection: InMemoryConnection = await connectInMemory(definition, {
    policy: POLICY,
    boundaries: githubBoundaries(settings),
    audit,
    identity: options.identity ?? DEV,
    ...(options.clientCapabilities ? { clientCapabilities: options.clientCapabilities } : {}),
  });
  return { ...connection, audit, definition };
}

export type Json = Record<string, unknown>;

export const base64 = (text: string) => Buffer.from(text).toString('base64');

export const data = <T>(result: unknown) => (result as { structuredContent: T }).structuredContent;

export { errorCodeOf, errorOf as errorMetaOf, textOf } from '@gatehouse/kit/testing';

export { GitHubAccess };
