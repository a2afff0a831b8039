import { ErrorCode, ToolError } from '@gatehouse/kit';
import { z } from 'zod';
import type { GitHubAccess } from '../access.ts';
import { extractLogTail } from '../log-tail.ts';
import { repoTool } from '../repo-scoped.ts';
import { kitPageOf } from './paging.ts';
import { BY_GITHUB, repoName, shortSha } from './schemas.ts';

const FAILED = new Set(['failure', 'timed_out', 'startup_failure', 'cancelled']);

export function actionsTools(access: GitHubAccess) {
  return [
    repoTool(access, {
      name: 'list_workflow_runs',
      title: 'List workflow runs',
      description: 'GitHub Actions runs, newest first.',
      version: '1.1.1',
      access: 'read',
      input: z.object({
        repo: repoName,
        branch: z.string().max(250).optional(),
        status: z.enum(['queued', 'in_progress', 'completed', 'success', 'failure', 'cancelled']).optional(),
      }),
      output: z.object({
        runs: z.array(
          z.object({
            id: z.number(),
            workflow: z.string(),
            title: z.string(),
            branch: z.string(),
            event: z.string(),
            status: z.string(),
            conclusion: z.string().optional(),
            sha: z.string(),
            createdAt: z.string(),
            url: z.string(),
          }),
        ),
      }),
      // Workflow names come from the workflow file, which a fork's pull request brings along; so does its branch.
      untrusted: ['runs.*.workflow', 'runs.*.title', 'runs.*.branch'],
      trusted: {
        'runs.*.event': BY_GITHUB.state,
        'runs.*.status': BY_GITHUB.state,
        'runs.*.conclusion': BY_GITHUB.state,
        'runs.*.sha': BY_GITHUB.sha,
        'runs.*.createdAt': BY_GITHUB.time,
        'runs.*.url': BY_GITHUB.url,
      },
      paginate: { items: 'runs', pageSize: 20 },
      async handler({ repo, branch, status }, ctx) {
        const github = access.get();
        const runs = await kitPageOf(ctx, (page) =>
          github.listWorkflowRuns(repo, { branch, status }, page, ctx.signal),
        );
        return {
          runs: runs.map((run) => ({
            id: run.id,
            workflow: run.name ?? '',
            title: run.display_title,
            branch: run.head_branch ?? '',
            event: run.event,
            status: run.status ?? '',
            ...(run.conclusion ? { conclusion: run.conclusion } : {}),
            sha: shortSha(run.head_sha),
            createdAt: run.created_at,
            url: run.html_url,
          })),
        };
      },
    }),
    repoTool(access, {
      name: 'get_failed_job_log',
      title: 'Why a job failed',
      description:
        "The log lines around a failed job's first error (the run's first failed job unless jobId).",
      version: '1.0.2',
      access: 'read',
      input: z.object({
        repo: repoName,
        runId: z.number().int().min(1),
        jobId: z.number().int().min(1).optional(),
        maxLines: z.number().int().min(10).max(300).default(60),
      }),
      output: z.object({
        job: z.object({ id: z.number(), name: z.string(), conclusion: z.string().optional() }),
        failedStep: z.string().optional(),
        firstLine: z.number(),
        totalLines: z.number(),
        errors: z.array(z.string()),
        lines: z.array(z.string()),
      }),
      // Job and step names come from the workflow file (a fork's pull request brings its own), as the log does.
      untrusted: ['job.name', 'failedStep', 'errors.*', 'lines.*'],
      trusted: { 'job.conclusion': BY_GITHUB.state },
      async handler({ repo, runId, jobId, maxLines }, ctx) {
        const github = access.get();
        const jobs = await github.listJobs(repo, runId, ctx.signal);
        const job =
          jobId === undefined
            ? jobs.find((j) => FAILED.has(j.conclusion ?? ''))
            : jobs.find((j) => j.id === jobId);
        if (!job) {
          throw new ToolError(
            ErrorCode.NotFound,
            jobId === undefined
              ? `Run ${runId} has no failed job (jobs: ${jobs.map((j) => `${j.name}=${j.conclusion ?? j.status}`).join(', ') || 'none'}).`
              : `Run ${runId} has no job ${jobId}.`,
          );
        }
        const log = await github.jobLog(repo, job.id, ctx.signal);
        const tail = extractLogTail(log, { maxLines, maxBytes: 12_000 });
        const failedStep = job.steps?.find((s) => FAILED.has(s.conclusion ?? ''))?.name ?? tail.step;
        return {
          job: { id: job.id, name: job.name, ...(job.conclusion ? { conclusion: job.conclusion } : {}) },
          ...(failedStep ? { failedStep } : {}),
          firstLine: tail.firstLine,
          totalLines: tail.totalLines,
          errors: [...tail.errors],
          lines: [...tail.lines],
        };
      },
    }),
  ];
}
