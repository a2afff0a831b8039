import type { GitHubClient } from './client.ts';

/** GitHub's response shapes, as Octokit types them, for the endpoints this server uses. */
type Rest = GitHubClient['rest'];
type Data<F extends (...args: never[]) => unknown> =
  Awaited<ReturnType<F>> extends { data: infer D } ? D : never;
export type PullRequest = Data<Rest['pulls']['get']>;
export type PullRequestItem = Data<Rest['pulls']['list']>[number];
export type PullFile = Data<Rest['pulls']['listFiles']>[number];
export type Review = Data<Rest['pulls']['listReviews']>[number];
export type CheckRun = Data<Rest['checks']['listForRef']>['check_runs'][number];
export type Commit = Data<Rest['repos']['listCommits']>[number];
export type Issue = Data<Rest['issues']['get']>;
export type IssueComment = Data<Rest['issues']['listComments']>[number];
export type SearchIssueItem = Data<Rest['search']['issuesAndPullRequests']>['items'][number];
export type SearchCodeItem = Data<Rest['search']['code']>['items'][number];
export type WorkflowRun = Data<Rest['actions']['listWorkflowRunsForRepo']>['workflow_runs'][number];
export type Job = Data<Rest['actions']['listJobsForWorkflowRun']>['jobs'][number];
export type Deployment = Data<Rest['repos']['listDeployments']>[number];
export type DeploymentStatus = Data<Rest['repos']['listDeploymentStatuses']>[number];
export type Release = Data<Rest['repos']['listReleases']>[number];
