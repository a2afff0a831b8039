import { readFile } from 'node:fs/promises';
import { ConfigError } from '@gatehouse/kit';
import { GitHubAccess } from './access.ts';
import { RepoAllowlist } from './allowlist.ts';
import { credentialsOf, ENV, type GitHubSettings } from './config.ts';
import { createGitHubClient } from './upstream/client.ts';
import { GitHub } from './upstream/github.ts';

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
    new GitHub(client, new RepoAllowlist(settings.allowlist), {
      requestTimeoutMs: settings.requestTimeoutMs,
    }),
  );
}
