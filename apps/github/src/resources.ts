import { ErrorCode, ToolError } from '@gatehouse/kit';
import type { GitHubAccess } from './access.ts';
import { repoResource } from './repo-scoped.ts';
import { findCodeowners } from './tools/repos.ts';

export function githubResources(access: GitHubAccess) {
  return [
    repoResource(access, {
      name: 'readme',
      title: 'Repository README',
      description: "A repository's README as written.",
      version: '1.0.1',
      mimeType: 'text/markdown',
      uri: 'github://{owner}/{repo}/readme',
      read: async (repo, _, ctx) => (await access.get().getReadme(repo, ctx.signal)).text,
    }),
    repoResource(access, {
      name: 'codeowners',
      title: 'Repository CODEOWNERS',
      description: 'The CODEOWNERS file GitHub uses for a repository.',
      version: '1.0.1',
      mimeType: 'text/plain',
      uri: 'github://{owner}/{repo}/codeowners',
      async read(repo, _, ctx) {
        const file = await findCodeowners(access.get(), repo, undefined, ctx.signal);
        if (!file) throw new ToolError(ErrorCode.NotFound, `${repo} has no CODEOWNERS file.`);
        return file.text;
      },
    }),
    repoResource(access, {
      name: 'file',
      title: 'Repository file',
      description: 'A text file on the default branch.',
      version: '1.0.1',
      mimeType: 'text/plain',
      uri: 'github://{owner}/{repo}/files/{+path}',
      async read(repo, { path = '' }, ctx) {
        const file = await access.get().getContent(repo, path, undefined, ctx.signal);
        if (file.text === undefined)
          throw new ToolError('file_unreadable', `${path} is not a text file under 1 MB.`);
        return file.text;
      },
    }),
  ];
}
