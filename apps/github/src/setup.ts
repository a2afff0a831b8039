import { readFile } from 'node:fs/promises';
import { type Boundary, ConfigError, type StartContext } from '@gatehouse/kit';
import { GitHubAccess } from './access.ts';
import { allowlistBoundary } from './allowlist.ts';
import { credentialsOf, ENV, type GitHubSettings } from './config.ts';
import { githubServer } from './server.ts';
import { createGitHubClient } from './upstream/client.ts';
import { GitHub } from './upstream/github.ts';

/**
 * The server's boundaries for the kit: GATEHOUSE_GITHUB_ALLOWLIST. Without an allowlist the server is not
 * configured (no GitHub client exists, and every call says what to set), so there is nothing to bound.
 */
export function githubBoundaries(settings: Pick<GitHubSettings, 'allowlist'>): Boundary[] {
  return settings.allowlist.length === 0 ? [] : [allowlistBoundary(settings.allowlist)];
}

/**
 * The GitHub access the settings allow. A missing credential or allowlist is not fatal (the server starts and
 * explains); an unreadable private key file is, since the operator clearly meant to configure one.
 */
export async function githubAccessFrom(settings: GitHubSettings): Promise<GitHubAccess> {
  let privateKey = settings.privateKey;
  if (privateKey === undefined && settings.privateKeyFile !== undefined) {
    try {
      privateKey = await readFile(settings.privateKeyFile, 'utf8');
    } catch (error) {
      throw new ConfigError([
        `${ENV.privateKeyFile}: cannot read ${settings.privateKeyFile} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      ]);
    }
  }
  const problems: string[] = [];
  const credentials = credentialsOf({ ...settings, privateKey });
  if (!credentials.ok) problems.push(credentials.missing);
  if (settings.allowlist.length === 0) {
    problems.push(
      `no repository allowlist: set ${ENV.allowlist} to owner/name globs, e.g. acme/*,acme-labs/api`,
    );
  }
  if (!credentials.ok || problems.length > 0) return GitHubAccess.missing(problems);
  const client = createGitHubClient({
    baseUrl: settings.baseUrl,
    credentials: credentials.credentials,
    retries: settings.retries,
    retryBaseMs: settings.retryBaseMs,
  });
  return GitHubAccess.ready(
    new GitHub(client, settings.allowlist, {
      requestTimeoutMs: settings.requestTimeoutMs,
    }),
  );
}

/**
 * The GitHub server from its settings, bounded by the repository allowlist. Without credentials or an allowlist
 * it still starts: the tools are listed and every call says what to set.
 */
export async function startGithub(settings: GitHubSettings, ctx: StartContext) {
  const access = await githubAccessFrom(settings);
  if (!access.configured) ctx.log('not configured yet: tools are listed and each call explains what to set.');
  return { definition: githubServer(access, settings), boundaries: githubBoundaries(settings) };
}
