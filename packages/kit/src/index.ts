// @gatehouse/kit — what a server author writes against: declare tools, resources and prompts, run the server,
// refuse with a stable error. Everything an operator or an embedder needs (stores, transports, audit verify,
// policy loading) is in `@gatehouse/kit/operator`, which an app's typecheck cannot resolve; tests use
// `@gatehouse/kit/testing`. The names here are pinned in entries.pinned.ts.

export type {
  Access,
  HandlerContext,
  PromptDefinition,
  ResourceContext,
  ResourceDefinition,
  ResourceListing,
  ServerDefinition,
  ToolDefinition,
} from './contracts/define.ts';
export { definePrompt, defineResource, defineServer, defineTool } from './contracts/define.ts';
export { contractDrift } from './contracts/drift.ts';
export { ConfigError, ErrorCode, isToolError, ToolError } from './errors.ts';
export type { Identity } from './identity.ts';
export { type Boundary, boundaryRefusal } from './policy/boundaries.ts';
export { runServer, type StartContext, type StartedServer, type StartupNotice } from './run.ts';
export { fenceUntrusted } from './shape/fence.ts';
