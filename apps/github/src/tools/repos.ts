import { defineTool, ErrorCode, ToolError } from '@gatehouse/kit';
import { z } from 'zod';
import type { GitHubAccess } from '../access.ts';
import { CODEOWNERS_LOCATIONS, ownersOf, parseCodeowners } from '../codeowners.ts';
import type { GitHub } from '../upstream/github.ts';
import { firstLine, githubPage, gitRef, repoName, SCOPES, shortSha } from './schemas.ts';

const MAX_FILE_TEXT_BYTES = 16_000;
export const SEARCH_PAGE_SIZE = 20;
// Search results are filtered to the allowlist after GitHub pages them, so pages are GitHub's, not the kit's cursor.
export const searchPage = z.number().int().min(1).max(50).default(1).describe('Result page (from nextPage)');

/** Removes qualifiers that would widen a search past the allowlist; the server adds its own. */
export function stripScopeQualifiers(query: string): string {
  return query
    .replace(/(^|\s)-?(repo|org|user):\S+/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function scopedQuery(github: GitHub, query: string, repo: string | undefined): string {
  const ref = repo === undefined ? undefined : github.check(repo);
  const scope = ref ? [`repo:${ref.owner}/${ref.repo}`] : github.allowlist.searchQualifiers();
  return [stripScopeQualifiers(query), ...scope].join(' ').trim();
}

/** The CODEOWNERS file GitHub would use (the first of its locations that exists), or undefined. */
export async function findCodeowners(
  github: GitHub,
  repo: string,
  ref: string | undefined,
  signal: AbortSignal,
) {
  for (const location of CODEOWNERS_LOCATIONS) {
    try {
      const file = await github.getContent(repo, location, ref, signal);
      if (file.text !== undefined) return { path: location, text: file.text };
    } catch (error) {
      if (!(error instanceof ToolError && error.code === ErrorCode.NotFound)) throw error;
    }
  }
  return undefined;
}

export function repoTools(access: GitHubAccess) {
  return [
    defineTool({
      name: 'get_file',
      title: 'Read a file',
      description: 'Read a text file (or list a directory) at a ref; optional 1-based line range.',
      version: '1.0.0',
      access: 'read',
      scopes: SCOPES.read,
      target: ({ repo }) => access.target(repo),
      input: z.object({
        repo: repoName,
        path: z.string().min(1).max(1000),
        ref: gitRef.optional(),
        startLine: z.number().int().min(1).optional(),
        endLine: z.number().int().min(1).optional(),
      }),
      output: z.object({
        path: z.string(),
        sha: z.string().optional(),
        totalLines: z.number().optional(),
        startLine: z.number().optional(),
        endLine: z.number().optional(),
        text: z.string().optional(),
        nextStartLine: z.number().optional().describe('Set when the text was cut to fit; read on from here'),
        entries: z.array(z.string()).optional().describe('Directory entries; folders end in /'),
      }),
      untrusted: ['text'],
      async handler({ repo, path, ref, startLine, endLine }, ctx) {
        const file = await access.get().getContent(repo, path.replace(/^\/+/, ''), ref, ctx.signal);
        if (file.kind === 'dir') {
          return {
            path,
            entries: (file.entries ?? []).map((e) => (e.type === 'dir' ? `${e.name}/` : e.name)),
          };
        }
        if (file.text === undefined) {
          throw new ToolError(
            'file_unreadable',
            `${path} is a ${file.kind} or over 1 MB (${file.size} bytes); get_file reads text files up to 1 MB.`,
          );
        }
        if (file.text.includes('\u0000')) throw new ToolError('file_unreadable', `${path} is a binary file.`);
        const lines = file.text.replace(/\n$/, '').split('\n');
        const first = Math.min(startLine ?? 1, lines.length);
        const last = Math.min(endLine ?? lines.length, lines.length);
        if (last < first)
          throw new ToolError(ErrorCode.InvalidInput, `endLine ${last} is before startLine ${first}.`);
        let bytes = 0;
        let end = first - 1;
        while (end < last && bytes + Buffer.byteLength(lines[end] as string) + 1 <= MAX_FILE_TEXT_BYTES) {
          bytes += Buffer.byteLength(lines[end] as string) + 1;
          end++;
        }
        if (end === first - 1) end = first; // one line longer than the budget: the kit cuts it
        return {
          path: file.path,
          sha: shortSha(file.sha),
          totalLines: lines.length,
          startLine: first,
          endLine: end,
          text: lines.slice(first - 1, end).join('\n'),
          ...(end < last ? { nextStartLine: end + 1 } : {}),
        };
      },
    }),
    defineTool({
      name: 'search_code',
      title: 'Search code',
      description: 'Search code in allowed repositories (GitHub code search syntax); returns repo and path.',
      version: '1.0.0',
      access: 'read',
      scopes: SCOPES.read,
      target: ({ repo }) => access.target(repo),
      input: z.object({
        query: z.string().min(1).max(256).describe('e.g. "createInvoice language:ts"'),
        repo: repoName.optional().describe('Limit to one repository, owner/name'),
        page: searchPage,
      }),
      output: z.object({
        total: z.number(),
        results: z.array(z.object({ repo: z.string(), path: z.string() })),
        nextPage: z.number().optional(),
      }),
      async handler({ query, repo, page }, ctx) {
        const github = access.get();
        const found = await github.searchCode(
          scopedQuery(github, query, repo),
          { page, perPage: SEARCH_PAGE_SIZE },
          ctx.signal,
        );
        return {
          total: found.total,
          ...(found.hasNext ? { nextPage: page + 1 } : {}),
          results: found.items
            .filter((item) => github.allowlist.allows(item.repository.full_name))
            .map((item) => ({ repo: item.repository.full_name, path: item.path })),
        };
      },
    }),
    defineTool({
      name: 'list_commits',
      title: 'List commits',
      description: 'Commits on a branch or touching a path, newest first.',
      version: '1.0.0',
      access: 'read',
      scopes: SCOPES.read,
      target: ({ repo }) => access.target(repo),
      input: z.object({
        repo: repoName,
        ref: gitRef.optional(),
        path: z.string().max(1000).optional(),
        since: z.string().max(40).optional().describe('ISO 8601 time'),
      }),
      output: z.object({
        commits: z.array(
          z.object({ sha: z.string(), message: z.string(), author: z.string(), date: z.string() }),
        ),
      }),
      untrusted: ['commits.*.message'],
      paginate: { items: 'commits', pageSize: 30 },
      async handler({ repo, ref, path, since }, ctx) {
        const { page, perPage, skip } = githubPage(ctx.page);
        const result = await access
          .get()
          .listCommits(repo, { ref, path, since }, { page, perPage }, ctx.signal);
        ctx.hasMore = result.hasNext;
        return {
          commits: result.items.slice(skip).map((c) => ({
            sha: shortSha(c.sha),
            message: firstLine(c.commit.message),
            author: c.author?.login ?? c.commit.author?.name ?? 'unknown',
            date: c.commit.author?.date ?? c.commit.committer?.date ?? '',
          })),
        };
      },
    }),
    defineTool({
      name: 'get_ownership',
      title: 'Who owns a path',
      description: 'CODEOWNERS owners of a path (the deciding rule) and its recent committers.',
      version: '1.0.0',
      access: 'read',
      scopes: SCOPES.read,
      target: ({ repo }) => access.target(repo),
      input: z.object({ repo: repoName, path: z.string().min(1).max(1000), ref: gitRef.optional() }),
      output: z.object({
        owners: z.array(z.string()),
        rule: z.object({ file: z.string(), line: z.number(), pattern: z.string() }).optional(),
        recentCommitters: z.array(z.object({ author: z.string(), commits: z.number(), last: z.string() })),
      }),
      async handler({ repo, path, ref }, ctx) {
        const github = access.get();
        const [codeowners, commits] = await Promise.all([
          findCodeowners(github, repo, ref, ctx.signal),
          github.listCommits(repo, { path, ref }, { page: 1, perPage: 50 }, ctx.signal),
        ]);
        const match = codeowners ? ownersOf(parseCodeowners(codeowners.text), path) : undefined;
        const committers = new Map<string, { author: string; commits: number; last: string }>();
        for (const c of commits.items) {
          const author = c.author?.login ?? c.commit.author?.name ?? 'unknown';
          const date = c.commit.author?.date ?? '';
          const entry = committers.get(author) ?? { author, commits: 0, last: date };
          entry.commits++;
          if (date > entry.last) entry.last = date;
          committers.set(author, entry);
        }
        return {
          owners: [...(match?.owners ?? [])],
          ...(match?.rule && codeowners
            ? { rule: { file: codeowners.path, line: match.rule.line, pattern: match.rule.pattern } }
            : {}),
          recentCommitters: [...committers.values()].sort((a, b) => b.commits - a.commits).slice(0, 10),
        };
      },
    }),
  ];
}
