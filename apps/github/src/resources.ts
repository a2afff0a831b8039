import { defineResource, ErrorCode, ToolError } from '@gatehouse/kit';
import type { GitHubAccess } from './access.ts';
import { findCodeowners } from './tools/repos.ts';

const repoOf = (v: Record<string, string>) => `${v.owner ?? ''}/${v.repo ?? ''}`;

export function githubResources(access: GitHubAccess) {
  return [
    defineResource({
      name: 'readme',
      title: 'Repository README',
      description: "A repository's README as written.",
      version: '1.0.0',
      scopes: ['github:read'],
      mimeType: 'text/markdown',
      uri: 'github://{owner}/{repo}/readme',
      target: (v) => access.target(repoOf(v)),
      untrusted: true,
      async read(v, ctx) {
        const readme = await access.get().getReadme(repoOf(v), ctx.signal);
        return { text: readme.text, mimeType: 'text/markdown' };
      },
    }),
    defineResource({
      name: 'codeowners',
      title: 'Repository CODEOWNERS',
      description: 'The CODEOWNERS file GitHub uses for a repository.',
      version: '1.0.0',
      scopes: ['github:read'],
      mimeType: 'text/plain',
      uri: 'github://{owner}/{repo}/codeowners',
      target: (v) => access.target(repoOf(v)),
      untrusted: true,
      async read(v, ctx) {
        const file = await findCodeowners(access.get(), repoOf(v), undefined, ctx.signal);
        if (!file) throw new ToolError(ErrorCode.NotFound, `${repoOf(v)} has no CODEOWNERS file.`);
        return { text: file.text, mimeType: 'text/plain' };
      },
    }),
    defineResource({
      name: 'file',
      title: 'Repository file',
      description: 'A text file on the default branch.',
      version: '1.0.0',
      scopes: ['github:read'],
      mimeType: 'text/plain',
      uri: 'github://{owner}/{repo}/files/{+path}',
      target: (v) => access.target(repoOf(v)),
      untrusted: true,
      async read(v, ctx) {
        const file = await access.get().getContent(repoOf(v), v.path ?? '', undefined, ctx.signal);
        if (file.text === undefined)
          throw new ToolError('file_unreadable', `${v.path} is not a text file under 1 MB.`);
        return { text: file.text, mimeType: 'text/plain' };
      },
    }),
  ];
}
