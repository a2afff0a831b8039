import type { ServerDefinition } from '../contracts/define.ts';

/** What a server says about itself on initialize / server/discover. */
export function serverInfo(server: ServerDefinition): { name: string; version: string; title?: string } {
  return {
    name: `gatehouse-${server.name}`,
    version: server.version,
    ...(server.title ? { title: server.title } : {}),
  };
}

export function serverCapabilities(): {
  tools: object;
  resources: object;
  prompts: object;
  completions: Record<string, never>;
} {
  return { tools: {}, resources: {}, prompts: {}, completions: {} };
}
