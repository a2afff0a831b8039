import type { z } from 'zod';
import type { Identity } from '../identity.ts';
import type { ApprovalMode } from '../policy/policy.ts';

/** What a tool does to the world. Required on every tool: it sets the MCP annotations and the approval rule. */
export type Access = 'read' | 'write' | 'destructive';

/** The context every handler receives. Handlers never see the raw MCP request. */
export interface HandlerContext {
  readonly identity: Identity;
  /** Aborted at the deadline or when the client cancels; pass it to every upstream call. */
  readonly signal: AbortSignal;
  /** For paginated tools: where this page starts (0 on the first call). */
  readonly page: { readonly offset: number; readonly limit: number };
  /** A handler sets this when the upstream has more items than it returned. */
  hasMore: boolean;
  /**
   * Checks one more target for this caller, for what is known only while the handler runs (e.g. the tables a SQL
   * statement reads), with the same policy and rules as the declared target. Refused: throws the `forbidden`
   * ToolError the pipeline's own target check would; the call then ends with it even if the handler catches it,
   * and its audit record names the refused target.
   */
  authorizeTarget(target: string): void;
  /** Whether `authorizeTarget(target)` would pass, without refusing anything: for filtering lists. */
  mayAccess(target: string): boolean;
}

export interface ToolDefinition<I extends z.ZodObject = z.ZodObject, O extends z.ZodObject = z.ZodObject> {
  /** snake_case, unique within the server. */
  readonly name: string;
  readonly title: string;
  /** Short and exact: every listed tool costs tokens in every conversation. */
  readonly description: string;
  /** Semver of this tool's contract. */
  readonly version: string;
  readonly access: Access;
  /**
   * Who may answer this tool's approval question (write and destructive tools). `in_band`: the calling client may
   * ask its user, where the caller's roles allow it too (policy `approvals: in_band`); `out_of_band`: only a person
   * through the CLI or the console, whatever the roles say. Default: `out_of_band` for `destructive`; for `write`
   * the roles decide.
   */
  readonly approval?: ApprovalMode;
  /** Every scope listed is required. */
  readonly scopes: readonly string[];
  /**
   * What the call touches, as `kind:name` (e.g. `table:public.orders`); matched against policy allowlists. What is
   * known only while the handler runs is checked from there with `ctx.authorizeTarget`.
   */
  readonly target: (input: z.infer<I>) => string;
  readonly input: I;
  readonly output: O;
  /**
   * Output fields holding third-party text (issue bodies, log lines, branch names): dotted paths where `*` stands
   * for every array element or key, e.g. `items.*.body`. Everything at or under a path is third-party, the keys
   * of a nested object included, and so are the keys a `*` stands for (`rows.*.*`: column names). The kit strips,
   * redacts and fences all of it, so no line outside a fence can come from it.
   */
  readonly untrusted?: readonly string[];
  /**
   * Output text fields only the server writes, each with why (`'jobs.*.status': 'GitHub enum'`): every text field
   * of the output is either here or in `untrusted`, which the inventory test checks. Not part of the contract.
   */
  readonly trusted?: Readonly<Record<string, string>>;
  /** The output array field the kit may page through with a signed cursor (adds `cursor` to the input). */
  readonly paginate?: { readonly items: string; readonly pageSize?: number };
  /** Deadline for the handler in milliseconds (default from server config). */
  readonly timeoutMs?: number;
  /** Old names that still reach this tool; listed as deprecated. */
  readonly aliases?: readonly string[];
  readonly handler: (input: z.infer<I>, ctx: HandlerContext) => Promise<z.infer<O>>;
}

/** Content a resource returns: text (with a MIME type) or binary. */
export type ResourceContent =
  | { readonly text: string; readonly mimeType?: string }
  | { readonly blob: Uint8Array; readonly mimeType: string };

export interface ResourceContext {
  readonly identity: Identity;
  readonly signal: AbortSignal;
}

/**
 * Checks of targets known only while a resource is read or a prompt rendered (the tables a prompt's SQL reads, the
 * table a foreign key points to): the same rules, refusal and audit as `HandlerContext.authorizeTarget`/`mayAccess`.
 */
export type RunTimeTargetChecks = Pick<HandlerContext, 'authorizeTarget' | 'mayAccess'>;

/** What `read` of a resource and `render` of a prompt receive (listing gets the plain ResourceContext). */
export interface ReadContext extends ResourceContext, RunTimeTargetChecks {}

/**
 * Suggestions for one argument of a prompt or variable of a resource template (`completion/complete`): the
 * partial value typed so far, and the other arguments already chosen. Return at most 100; the kit shapes them.
 */
export type CompletionSource = Readonly<
  Record<
    string,
    (
      value: string,
      ctx: ResourceContext & { readonly arguments: Readonly<Record<string, string>> },
    ) => Promise<readonly string[]>
  >
>;

export interface ResourceListing {
  readonly uri: string;
  readonly name: string;
  readonly title?: string;
  readonly description?: string;
  readonly mimeType?: string;
}

export interface ResourceDefinition {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly version: string;
  readonly scopes: readonly string[];
  readonly mimeType?: string;
  /** A fixed URI (`gatehouse://docs/index`) or an RFC 6570 template (`docs://{collection}/{path}`). */
  readonly uri: string;
  /**
   * The template's variables, validated like a tool's input (strict). Without it each variable must be a string of
   * at most 1024 characters with no control or invisible characters.
   */
  readonly variables?: z.ZodObject;
  /** Suggestions for the template's variables (`completion/complete`). */
  readonly complete?: CompletionSource;
  /** Variables from the template (empty for a fixed URI) to a `kind:name` target for the policy. */
  readonly target: (variables: Record<string, string>) => string;
  /** For templates: the concrete resources to list (optional). */
  readonly list?: (ctx: ResourceContext) => Promise<readonly ResourceListing[]>;
  /** Paths (as in ToolDefinition.untrusted) do not apply: a resource marked untrusted is fenced whole. */
  readonly untrusted?: boolean;
  readonly read: (variables: Record<string, string>, ctx: ReadContext) => Promise<ResourceContent>;
}

export interface PromptMessage {
  readonly role: 'user' | 'assistant';
  readonly text: string;
}

export interface PromptDefinition<A extends z.ZodObject = z.ZodObject> {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly version: string;
  readonly scopes: readonly string[];
  /** Prompt arguments are strings on the wire; the schema may still constrain them. */
  readonly args: A;
  readonly target: (args: z.infer<A>) => string;
  /** Suggestions for the prompt's arguments (`completion/complete`). */
  readonly complete?: CompletionSource;
  readonly render: (args: z.infer<A>, ctx: ReadContext) => Promise<readonly PromptMessage[]>;
}

export interface ServerDefinition {
  /** The server's name (`github`, `database`, ...): audit records and metrics carry it. */
  readonly name: string;
  readonly version: string;
  readonly title?: string;
  /** Told to clients at start: what this server is for, in a sentence or two. */
  readonly instructions?: string;
  /** True when the tools reach an open world of third-party content (GitHub, Jira): sets openWorldHint. */
  readonly openWorld?: boolean;
  readonly tools: readonly ToolDefinition[];
  readonly resources?: readonly ResourceDefinition[];
  readonly prompts?: readonly PromptDefinition[];
}

// The define* helpers exist for inference: they keep the handler's input and output typed from the schemas.
export function defineTool<I extends z.ZodObject, O extends z.ZodObject>(
  tool: ToolDefinition<I, O>,
): ToolDefinition {
  return tool as unknown as ToolDefinition;
}

export function defineResource(resource: ResourceDefinition): ResourceDefinition {
  return resource;
}

export function definePrompt<A extends z.ZodObject>(prompt: PromptDefinition<A>): PromptDefinition {
  return prompt as unknown as PromptDefinition;
}

export function defineServer(server: ServerDefinition): ServerDefinition {
  return server;
}
