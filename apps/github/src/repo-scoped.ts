import {
  definePrompt,
  defineResource,
  defineTool,
  type PromptDefinition,
  type ResourceContext,
  type ResourceDefinition,
  type ToolDefinition,
} from '@gatehouse/kit';
import type { z } from 'zod';
import type { GitHubAccess } from './access.ts';

export const SCOPES = { read: ['github:read'], write: ['github:write'] } as const;

/** Input or arguments whose `repo` names the repository a call touches (optional for a search of the allowlist). */
type RepoScoped = z.ZodObject<{ repo: z.ZodType<string | undefined> }>;

/**
 * Every GitHub tool: its scope follows from its access (`github:read` or `github:write`), and its policy target
 * is `repo:owner/name` from its `repo` input, after the allowlist check.
 */
export function repoTool<I extends RepoScoped, O extends z.ZodObject>(
  access: GitHubAccess,
  tool: Omit<ToolDefinition<I, O>, 'scopes' | 'target'> & { access: 'read' | 'write' },
): ToolDefinition {
  return defineTool<I, O>({
    ...tool,
    scopes: SCOPES[tool.access],
    target: (input) => access.target(input.repo),
  });
}

/** A prompt about one repository: read scope, policy target from its `repo` argument. */
export function repoPrompt<A extends RepoScoped>(
  access: GitHubAccess,
  prompt: Omit<PromptDefinition<A>, 'scopes' | 'target'>,
): PromptDefinition {
  return definePrompt<A>({ ...prompt, scopes: SCOPES.read, target: (args) => access.target(args.repo) });
}

const repoOf = (variables: Record<string, string>) => `${variables.owner ?? ''}/${variables.repo ?? ''}`;

/**
 * A resource under `github://{owner}/{repo}/…`: read scope, policy target from the URI, and its text fenced
 * whole as third-party content. `read` gets the repository as `owner/name` and returns the text.
 */
export function repoResource(
  access: GitHubAccess,
  resource: Omit<ResourceDefinition, 'scopes' | 'target' | 'untrusted' | 'read' | 'mimeType'> & {
    mimeType: string;
    read: (repo: string, variables: Record<string, string>, ctx: ResourceContext) => Promise<string>;
  },
): ResourceDefinition {
  const { read, mimeType } = resource;
  return defineResource({
    ...resource,
    scopes: SCOPES.read,
    target: (variables) => access.target(repoOf(variables)),
    untrusted: true,
    read: async (variables, ctx) => ({ text: await read(repoOf(variables), variables, ctx), mimeType }),
  });
}
