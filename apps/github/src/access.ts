import { ErrorCode, ToolError } from '@gatehouse/kit';
import { repoTarget } from './allowlist.ts';
import type { GitHub } from './upstream/github.ts';

/**
 * The GitHub adapter when the server is configured, or what is missing. A server without credentials or an
 * allowlist still starts and lists its tools; each call then says what to set.
 */
export class GitHubAccess {
  readonly #github: GitHub | undefined;
  readonly #problems: readonly string[];

  private constructor(github: GitHub | undefined, problems: readonly string[]) {
    this.#github = github;
    this.#problems = problems;
  }

  static ready(github: GitHub): GitHubAccess {
    return new GitHubAccess(github, []);
  }

  static missing(problems: readonly string[]): GitHubAccess {
    return new GitHubAccess(undefined, problems);
  }

  get configured(): boolean {
    return this.#github !== undefined;
  }

  /**
   * A tool's policy target, `repo:owner/name` (or `repo:*` for a search across the allowlist). Pure: the
   * allowlist is a kit boundary, so the policy step refuses a repository outside it, audited with its target.
   */
  target(repo: string | undefined): string {
    return repoTarget(repo);
  }

  get(): GitHub {
    if (this.#github) return this.#github;
    throw new ToolError(
      ErrorCode.NotConfigured,
      `The GitHub server is not configured: ${this.#problems.join('; ')}. An operator must set these and restart it.`,
      { details: { problems: this.#problems } },
    );
  }
}
