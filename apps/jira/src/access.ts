import { ErrorCode, ToolError } from '@gatehouse/kit';
import type { JiraApi } from './upstream/jira.ts';

/**
 * The JiraApi adapter when the server is configured, or what is missing. A server without a site, credentials or a
 * project allowlist still starts and lists its tools; each call then says what to set.
 */
export class JiraAccess {
  readonly #jira: JiraApi | undefined;
  readonly #problems: readonly string[];
  /** The configured project allowlist (GATEHOUSE_JIRA_PROJECTS), uppercase. */
  readonly projects: readonly string[];

  private constructor(jira: JiraApi | undefined, projects: readonly string[], problems: readonly string[]) {
    this.#jira = jira;
    this.projects = projects;
    this.#problems = problems;
  }

  static ready(jira: JiraApi, projects: readonly string[]): JiraAccess {
    return new JiraAccess(jira, projects, []);
  }

  static missing(problems: readonly string[], projects: readonly string[] = []): JiraAccess {
    return new JiraAccess(undefined, projects, problems);
  }

  get configured(): boolean {
    return this.#jira !== undefined;
  }

  get(): JiraApi {
    if (this.#jira) return this.#jira;
    throw new ToolError(
      ErrorCode.NotConfigured,
      `The JiraApi server is not configured: ${this.#problems.join('; ')}. An operator must set these and restart it.`,
      { details: { problems: this.#problems } },
    );
  }
}
