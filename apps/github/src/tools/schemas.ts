import { z } from 'zod';

export const repoName = z
  .string()
  .max(200)
  .regex(/^[\w.-]+\/[\w.-]+$/, 'expected owner/name')
  .describe('Repository, owner/name');
export const issueNumber = z.number().int().min(1).max(999_999_999).describe('Issue or pull request number');
export const gitRef = z
  .string()
  .min(1)
  .max(250)
  .describe('Branch, tag or commit SHA (default branch if omitted)');

/** The kit's offset/limit as a GitHub page: the page holding `offset`, and how many of its items to skip. */
export function githubPage(page: { offset: number; limit: number }) {
  return {
    page: Math.floor(page.offset / page.limit) + 1,
    perPage: page.limit,
    skip: page.offset % page.limit,
  };
}

export const shortSha = (sha: string) => sha.slice(0, 12);

export const firstLine = (text: string | null | undefined) => (text ?? '').split('\n', 1)[0] ?? '';

export const SCOPES = { read: ['github:read'], write: ['github:write'] } as const;
