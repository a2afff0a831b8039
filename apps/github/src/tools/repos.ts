import { ErrorCode, ToolError } from '@gatehouse/kit';
import { z } from 'zod';
import type { GitHubAccess } from '../access.ts';
import { CODEOWNERS_LOCATIONS, ownersOf, parseCodeowners } from '../codeowners.ts';
import { repoTool } from '../repo-scoped.ts';
import type { GitHub } from '../upstream/github.ts';
import { kitPageOf } from './paging.ts';
import { BY_GITHUB, firstLine, gitRef, repoName, shortSha } from './schemas.ts';
import { searchInput, searchOutput, searchWithinAllowlist } from './search.ts';

const MAX_FILE_TEXT_BYTES = 16_000;

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
    repoTool(access, {
      name: 'get_file',
      title: 'Read a file',
      description: 'Read a text file or list a directory at a ref; optional 1-based line range.',
      version: '1.0.2',
      access: 'read',
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
        nextStartLine: z.number().optional().describe('Text was cut; read on from this line'),
        entries: z.array(z.string()).optional().describe('Folders end in /'),
      }),
      untrusted: ['path', 'text', 'entries.*'],
      trusted: { sha: BY_GITHUB.sha },
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
        // A whole file needs no line range: totalLines says it all (and every header line costs tokens).
        const whole = first === 1 && end === lines.length;
        return {
          path: file.path,
          sha: shortSha(file.sha),
          totalLines: lines.length,
          ...(whole ? {} : { startLine: first, endLine: end }),
          text: lines.slice(first - 1, end).join('\n'),
          ...(end < last ? { nextStartLine: end + 1 } : {}),
        };
      },
    }),
    repoTool(access, {
      name: 'search_code',
      title: 'Search code',
      description: 'Search code in allowed repositories; returns repo and path.',
      version: '1.0.2',
      access: 'read',
      input: searchInput('GitHub code search syntax, e.g. "createInvoice language:ts"'),
      output: searchOutput(z.object({ repo: z.string(), path: z.string() })),
      untrusted: ['results.*.repo', 'results.*.path'],
      async handler(input, ctx) {
        const github = access.get();
        return searchWithinAllowlist(
          github,
          ctx.mayAccess,
          input,
          (query, page) => github.searchCode(query, page, ctx.signal),
          (item) => item.repository.full_name,
          (item, repo) => ({ repo, path: item.path }),
        );
      },
    }),
    repoTool(access, {
      name: 'list_commits',
      title: 'List commits',
      description: 'Commits on a branch or touching a path, newest first.',
      version: '1.0.2',
      access: 'read',
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
      // The author is a login or, without one, the name in the commit: anything its writer chose.
      untrusted: ['commits.*.message', 'commits.*.author'],
      trusted: { 'commits.*.sha': BY_GITHUB.sha, 'commits.*.date': BY_GITHUB.time },
      paginate: { items: 'commits', pageSize: 30 },
      async handler({ repo, ref, path, since }, ctx) {
        const github = access.get();
        const commits = await kitPageOf(ctx, (page) =>
          github.listCommits(repo, { ref, path, since }, page, ctx.signal),
        );
        return {
          commits: commits.map((c) => ({
            sha: shortSha(c.sha),
            message: firstLine(c.commit.message),
            author: c.author?.login ?? c.commit.author?.name ?? 'unknown',
            date: c.commit.author?.date ?? c.commit.committer?.date ?? '',
          })),
        };
      },
    }),
    repoTool(access, {
      name: 'get_ownership',
      title: 'Who owns a path',
      description: 'CODEOWNERS owners of a path (the deciding rule) and its recent committers.',
      version: '1.0.2',
      access: 'read',
      input: z.object({ repo: repoName, path: z.string().min(1).max(1000), ref: gitRef.optional() }),
      output: z.object({
        owners: z.array(z.string()),
        rule: z.object({ file: z.string(), line: z.number(), pattern: z.string() }).optional(),
        recentCommitters: z.array(z.object({ author: z.string(), commits: z.number(), last: z.string() })),
      }),
      untrusted: ['owners.*', 'rule.pattern', 'recentCommitters.*.author'],
      trusted: {
        'rule.file': 'one of the places GitHub reads CODEOWNERS from',
        'recentCommitters.*.last': BY_GITHUB.time,
      },
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
