import { z } from 'zod';

// Few words on these: every listed tool pays for each one. The wire shows no length caps or patterns (the kit
// enforces them), so the repo's format is said in its description.
export const repoName = z
  .string()
  .max(200)
  .regex(/^[\w.-]+\/[\w.-]+$/, 'expected owner/name')
  .describe('owner/name');
export const issueNumber = z.number().int().min(1).max(999_999_999);
/** The input naming one issue or pull request (GitHub numbers both in one sequence). */
export const issueRef = z.object({ repo: repoName, number: issueNumber });
/** Branch, tag or commit SHA; GitHub reads the default branch when it is omitted. */
export const gitRef = z.string().min(1).max(250);

export const shortSha = (sha: string) => sha.slice(0, 12);

/**
 * Why a text field of a GitHub answer is not third-party text (see `trusted` on a tool). Everything else a user
 * can write or name is: titles, bodies, logins, branch and tag names, file paths, workflow, job, step and check
 * names (a fork's pull request runs its own workflow file), environment names, CODEOWNERS entries.
 */
export const BY_GITHUB = {
  time: 'a timestamp GitHub writes',
  state: 'a state GitHub sets (or the server derives from it)',
  sha: 'a commit SHA',
  url: 'a github.com URL GitHub gives the item',
} as const;

export const firstLine = (text: string | null | undefined) => (text ?? '').split('\n', 1)[0] ?? '';

/** Label names as GitHub gives them (objects, or plain names on some endpoints), empty ones dropped. */
export const labelNames = (labels: readonly (string | { name?: string | null })[]) =>
  labels.map((l) => (typeof l === 'string' ? l : (l.name ?? ''))).filter(Boolean);
