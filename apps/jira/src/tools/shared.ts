import { defineTool, type ToolDefinition } from '@gatehouse/kit';
import type { z } from 'zod';

export const SCOPES = { read: ['jira:read'], write: ['jira:write'] } as const;

/** Why the text fields only Jira writes are safe to leave unfenced (the inventory asks for each). */
export const BY_JIRA = {
  key: 'PROJECT-<number>, made by Jira',
  time: 'an ISO timestamp Jira sets',
  id: 'a numeric id Jira makes',
  token: "Jira's opaque page token",
} as const;

/** Every Jira tool: its scope follows from its access (`jira:read` or `jira:write`). */
export function jiraTool<I extends z.ZodObject, O extends z.ZodObject>(
  tool: Omit<ToolDefinition<I, O>, 'scopes'> & { access: 'read' | 'write' },
): ToolDefinition {
  return defineTool<I, O>({ ...tool, scopes: SCOPES[tool.access] });
}
