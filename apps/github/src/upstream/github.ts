import { type Boundary, boundaryRefusal, ErrorCode, ToolError } from '@gatehouse/kit';
import { allowlistBoundary, repoTarget } from '../allowlist.ts';
import type { GitHubClient } from './client.ts';
import { GitHubErrorCode, toToolError } from './errors.ts';
import type {
  CheckRun,
  Commit,
  Deployment,
  DeploymentStatus,
  Issue,
  IssueComment,
  Job,
  PullFile,
  PullRequest,
  PullRequestItem,
  Release,
  Review,
  WorkflowRun,
} from './types.ts';

export interface RepoRef {
  readonly owner: string;
  readonly repo: string;
}

export interface PageRequest {
  readonly page: number;
  readonly perPage: number;
}

export interface Page<T> {
  readonly items: T[];
  readonly hasNext: boolean;
}

export interface FileContent {
  readonly path: string;
  readonly sha: string;
  readonly size: number;
  readonly text: string | undefined;
  readonly kind: 'file' | 'dir' | 'symlink' | 'submodule';
  readonly entries?: readonly { name: string; type: string }[];
}

const hasNext = (headers: { link?: string | undefined }) => /rel="next"/.test(headers.link ?? '');

/** The paging and cancellation parameters of one Octokit list request. */
interface PageParams {
  readonly page: number;
  readonly per_page: number;
  readonly request: { readonly signal: AbortSignal };
}

/** `owner/name` as the adapter's reference, refusing anything that is not exactly that. */
export function parseRepo(fullName: string): RepoRef {
  const [owner, repo, extra] = fullName.split('/');
  if (!owner || !repo || extra !== undefined) {
    throw new ToolError(ErrorCode.InvalidInput, `Expected a repository as owner/name, got "${fullName}".`);
  }
  return { owner, repo };
}

/**
 * The GitHub REST API as this server uses it. Every call names its repository and is refused here, before any
 * request, when the repository is not on the allowlist (the tools' policy targets are the first check; this is
 * the second). Knows nothing of MCP: it takes an AbortSignal and returns GitHub's data.
 */
export class GitHub {
  readonly #client: GitHubClient;
  readonly #allowlist: readonly string[];
  readonly #boundaries: readonly Boundary[];
  readonly #requestTimeoutMs: number;

  constructor(client: GitHubClient, allowlist: readonly string[], options: { requestTimeoutMs: number }) {
    this.#client = client;
    this.#allowlist = allowlist;
    this.#boundaries = [allowlistBoundary(allowlist)];
    this.#requestTimeoutMs = options.requestTimeoutMs;
  }

  /** The allowlist's `owner/name` globs, as configured. */
  get allowlist(): readonly string[] {
    return this.#allowlist;
  }

  /**
   * Refuses a repository outside the allowlist: defence in depth behind the kit's policy step, which already
   * refused it (the allowlist is a kit boundary), with the kit's own matcher.
   */
  check(fullName: string): RepoRef {
    const ref = parseRepo(fullName);
    const refusal = boundaryRefusal(this.#boundaries, repoTarget(`${ref.owner}/${ref.repo}`));
    if (refusal !== undefined) throw new ToolError(GitHubErrorCode.RepoNotAllowed, `${refusal}.`);
    return ref;
  }

  /** Runs one request with the caller's signal and the per-request deadline, mapping failures to ToolErrors. */
  async #run<T>(what: string, signal: AbortSignal, send: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const deadline = AbortSignal.timeout(this.#requestTimeoutMs);
    const combined = AbortSignal.any([signal, deadline]);
    try {
      return await send(combined);
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      if (deadline.aborted) {
        throw new ToolError(
          ErrorCode.Timeout,
          `GitHub did not answer within ${this.#requestTimeoutMs} ms while ${what}.`,
        );
      }
      throw toToolError(error, what);
    }
  }

  /** One page of a Link-paginated list: `hasNext` when GitHub's Link header names a next page. */
  async #paged<D>(
    what: string,
    signal: AbortSignal,
    page: PageRequest,
    send: (params: PageParams) => Promise<{ data: D; headers: { link?: string | undefined } }>,
  ): Promise<{ data: D; hasNext: boolean }> {
    const { data, headers } = await this.#run(what, signal, (s) =>
      send({ page: page.page, per_page: page.perPage, request: { signal: s } }),
    );
    return { data, hasNext: hasNext(headers) };
  }

  async getContent(repo: string, path: string, ref: string | undefined, signal: AbortSignal) {
    const r = this.check(repo);
    const { data } = await this.#run(`reading ${repo}/${path}`, signal, (s) =>
      this.#client.rest.repos.getContent({ ...r, path, ...(ref ? { ref } : {}), request: { signal: s } }),
    );
    if (Array.isArray(data)) {
      return {
        path,
        sha: '',
        size: 0,
        text: undefined,
        kind: 'dir',
        entries: data.map((e) => ({ name: e.name, type: e.type })),
      } satisfies FileContent;
    }
    const kind = data.type as FileContent['kind'];
    const content = 'content' in data && typeof data.content === 'string' ? data.content : undefined;
    const encoding = 'encoding' in data ? data.encoding : undefined;
    const text =
      content !== undefined && encoding === 'base64'
        ? Buffer.from(content, 'base64').toString('utf8')
        : undefined;
    return { path: data.path, sha: data.sha, size: data.size, text, kind } satisfies FileContent;
  }

  async getReadme(repo: string, signal: AbortSignal) {
    const r = this.check(repo);
    const { data } = await this.#run(`reading the README of ${repo}`, signal, (s) =>
      this.#client.rest.repos.getReadme({ ...r, request: { signal: s } }),
    );
    return { path: data.path, text: Buffer.from(data.content, 'base64').toString('utf8') };
  }

  async searchCode(query: string, page: PageRequest, signal: AbortSignal) {
    const { data, hasNext } = await this.#paged('searching code', signal, page, (p) =>
      this.#client.rest.search.code({ q: query, ...p }),
    );
    return { total: data.total_count, items: data.items, hasNext };
  }

  async searchIssues(query: string, page: PageRequest, signal: AbortSignal) {
    const { data, hasNext } = await this.#paged('searching issues', signal, page, (p) =>
      this.#client.rest.search.issuesAndPullRequests({ q: query, ...p }),
    );
    return { total: data.total_count, items: data.items, hasNext };
  }

  async listCommits(
    repo: string,
    filter: { path?: string | undefined; ref?: string | undefined; since?: string | undefined },
    page: PageRequest,
    signal: AbortSignal,
  ): Promise<Page<Commit>> {
    const r = this.check(repo);
    const { data, hasNext } = await this.#paged(`listing commits of ${repo}`, signal, page, (p) =>
      this.#client.rest.repos.listCommits({
        ...r,
        ...(filter.path ? { path: filter.path } : {}),
        ...(filter.ref ? { sha: filter.ref } : {}),
        ...(filter.since ? { since: filter.since } : {}),
        ...p,
      }),
    );
    return { items: data, hasNext };
  }

  async compare(repo: string, base: string, head: string, signal: AbortSignal) {
    const r = this.check(repo);
    const { data } = await this.#run(`comparing ${base}...${head} in ${repo}`, signal, (s) =>
      this.#client.rest.repos.compareCommitsWithBasehead({
        ...r,
        basehead: `${base}...${head}`,
        per_page: 250,
        request: { signal: s },
      }),
    );
    return data;
  }

  async listPulls(
    repo: string,
    filter: { state: 'open' | 'closed' | 'all'; base?: string | undefined },
    page: PageRequest,
    signal: AbortSignal,
  ): Promise<Page<PullRequestItem>> {
    const r = this.check(repo);
    const { data, hasNext } = await this.#paged(`listing pull requests of ${repo}`, signal, page, (p) =>
      this.#client.rest.pulls.list({
        ...r,
        state: filter.state,
        ...(filter.base ? { base: filter.base } : {}),
        ...p,
      }),
    );
    return { items: data, hasNext };
  }

  async getPull(repo: string, number: number, signal: AbortSignal): Promise<PullRequest> {
    const r = this.check(repo);
    const { data } = await this.#run(`reading pull request ${repo}#${number}`, signal, (s) =>
      this.#client.rest.pulls.get({ ...r, pull_number: number, request: { signal: s } }),
    );
    return data;
  }

  async listPullFiles(
    repo: string,
    number: number,
    page: PageRequest,
    signal: AbortSignal,
  ): Promise<Page<PullFile>> {
    const r = this.check(repo);
    const { data, hasNext } = await this.#paged(`listing files of ${repo}#${number}`, signal, page, (p) =>
      this.#client.rest.pulls.listFiles({ ...r, pull_number: number, ...p }),
    );
    return { items: data, hasNext };
  }

  async listReviews(repo: string, number: number, signal: AbortSignal): Promise<Review[]> {
    const r = this.check(repo);
    const { data } = await this.#run(`listing reviews of ${repo}#${number}`, signal, (s) =>
      this.#client.rest.pulls.listReviews({
        ...r,
        pull_number: number,
        per_page: 100,
        request: { signal: s },
      }),
    );
    return data;
  }

  async listCheckRuns(repo: string, ref: string, signal: AbortSignal): Promise<CheckRun[]> {
    const r = this.check(repo);
    const { data } = await this.#run(`listing checks of ${repo}@${ref}`, signal, (s) =>
      this.#client.rest.checks.listForRef({ ...r, ref, per_page: 100, request: { signal: s } }),
    );
    return data.check_runs;
  }

  async getIssue(repo: string, number: number, signal: AbortSignal): Promise<Issue> {
    const r = this.check(repo);
    const { data } = await this.#run(`reading issue ${repo}#${number}`, signal, (s) =>
      this.#client.rest.issues.get({ ...r, issue_number: number, request: { signal: s } }),
    );
    return data;
  }

  async listComments(
    repo: string,
    number: number,
    page: PageRequest,
    signal: AbortSignal,
  ): Promise<IssueComment[]> {
    const r = this.check(repo);
    const { data } = await this.#paged(`listing comments of ${repo}#${number}`, signal, page, (p) =>
      this.#client.rest.issues.listComments({ ...r, issue_number: number, ...p }),
    );
    return data;
  }

  async listWorkflowRuns(
    repo: string,
    filter: { branch?: string | undefined; status?: string | undefined },
    page: PageRequest,
    signal: AbortSignal,
  ): Promise<Page<WorkflowRun>> {
    const r = this.check(repo);
    const { data, hasNext } = await this.#paged(`listing workflow runs of ${repo}`, signal, page, (p) =>
      this.#client.rest.actions.listWorkflowRunsForRepo({
        ...r,
        ...(filter.branch ? { branch: filter.branch } : {}),
        ...(filter.status ? { status: filter.status as 'completed' } : {}),
        ...p,
      }),
    );
    return { items: data.workflow_runs, hasNext };
  }

  async listJobs(repo: string, runId: number, signal: AbortSignal): Promise<Job[]> {
    const r = this.check(repo);
    const { data } = await this.#run(`listing jobs of run ${runId} in ${repo}`, signal, (s) =>
      this.#client.rest.actions.listJobsForWorkflowRun({
        ...r,
        run_id: runId,
        per_page: 100,
        request: { signal: s },
      }),
    );
    return data.jobs;
  }

  async jobLog(repo: string, jobId: number, signal: AbortSignal): Promise<string> {
    const r = this.check(repo);
    const { data } = await this.#run(`downloading the log of job ${jobId} in ${repo}`, signal, (s) =>
      this.#client.rest.actions.downloadJobLogsForWorkflowRun({
        ...r,
        job_id: jobId,
        request: { signal: s },
      }),
    );
    if (typeof data === 'string') return data;
    if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
    return String(data);
  }

  async listDeployments(
    repo: string,
    filter: { environment?: string | undefined },
    page: PageRequest,
    signal: AbortSignal,
  ): Promise<Page<Deployment>> {
    const r = this.check(repo);
    const { data, hasNext } = await this.#paged(`listing deployments of ${repo}`, signal, page, (p) =>
      this.#client.rest.repos.listDeployments({
        ...r,
        ...(filter.environment ? { environment: filter.environment } : {}),
        ...p,
      }),
    );
    return { items: data, hasNext };
  }

  async latestDeploymentStatus(
    repo: string,
    id: number,
    signal: AbortSignal,
  ): Promise<DeploymentStatus | undefined> {
    const r = this.check(repo);
    const { data } = await this.#run(`reading the status of deployment ${id} in ${repo}`, signal, (s) =>
      this.#client.rest.repos.listDeploymentStatuses({
        ...r,
        deployment_id: id,
        per_page: 1,
        request: { signal: s },
      }),
    );
    return data[0];
  }

  async listReleases(repo: string, page: PageRequest, signal: AbortSignal): Promise<Page<Release>> {
    const r = this.check(repo);
    const { data, hasNext } = await this.#paged(`listing releases of ${repo}`, signal, page, (p) =>
      this.#client.rest.repos.listReleases({ ...r, ...p }),
    );
    return { items: data, hasNext };
  }

  async createIssue(
    repo: string,
    issue: { title: string; body?: string | undefined; labels?: string[] | undefined },
    signal: AbortSignal,
  ) {
    const r = this.check(repo);
    const { data } = await this.#run(`creating an issue in ${repo}`, signal, (s) =>
      this.#client.rest.issues.create({
        ...r,
        title: issue.title,
        ...(issue.body ? { body: issue.body } : {}),
        ...(issue.labels?.length ? { labels: issue.labels } : {}),
        request: { signal: s },
      }),
    );
    return data;
  }

  async addComment(repo: string, number: number, body: string, signal: AbortSignal) {
    const r = this.check(repo);
    const { data } = await this.#run(`commenting on ${repo}#${number}`, signal, (s) =>
      this.#client.rest.issues.createComment({ ...r, issue_number: number, body, request: { signal: s } }),
    );
    return data;
  }
}
