import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { githubAdapter } from '../test/fixtures.ts';
import { GitHubAccess } from './access.ts';
import { repoResource, repoTool } from './repo-scoped.ts';

const access = GitHubAccess.ready(githubAdapter(['acme/*']));

const tool = (kind: 'read' | 'write') =>
  repoTool(access, {
    name: 'probe',
    title: 'Probe',
    description: 'A probe.',
    version: '1.0.0',
    access: kind,
    input: z.object({ repo: z.string().optional() }),
    output: z.object({}),
    handler: async () => ({}),
  });

describe('repoTool', () => {
  it('takes its scope from its access', () => {
    expect(tool('read').scopes).toEqual(['github:read']);
    expect(tool('write').scopes).toEqual(['github:write']);
  });

  it('targets the repository of its input (lowercase), or the whole allowlist without one; pure', () => {
    const { target } = tool('read');
    expect(target({ repo: 'acme/api' })).toBe('repo:acme/api');
    expect(target({ repo: 'Acme/API' })).toBe('repo:acme/api');
    expect(target({})).toBe('repo:*');
    // Outside the allowlist is the kit's policy step to refuse (and audit with this target), not target()'s.
    expect(target({ repo: 'evil/api' })).toBe('repo:evil/api');
  });
});

describe('repoResource', () => {
  it('targets the repository in its URI and returns the text as its MIME type, fenced as untrusted', async () => {
    const resource = repoResource(access, {
      name: 'probe',
      title: 'Probe',
      description: 'A probe.',
      version: '1.0.0',
      mimeType: 'text/markdown',
      uri: 'github://{owner}/{repo}/probe',
      read: async (repo, variables) => `${repo} ${variables.owner}`,
    });
    expect(resource.untrusted).toBe(true);
    expect(resource.scopes).toEqual(['github:read']);
    expect(resource.target({ owner: 'acme', repo: 'api' })).toBe('repo:acme/api');
    const signal = new AbortController().signal;
    const identity = { actor: 'a', roles: [], scopes: [], via: 'stdio' as const };
    const context = { identity, signal, authorizeTarget: () => {}, mayAccess: () => true };
    await expect(resource.read({ owner: 'acme', repo: 'api' }, context)).resolves.toEqual({
      text: 'acme/api acme',
      mimeType: 'text/markdown',
    });
  });
});
