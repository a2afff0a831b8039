import type { Access } from '../../contracts/define.ts';
import type { ToolError } from '../../errors.ts';
import type { Identity } from '../../identity.ts';
import type { Decision } from '../../policy/policy.ts';
import type { ApprovalAnswer, ApprovalChannel } from '../approve.ts';
import type { AuditDraft } from '../audit-record.ts';
import type { Gate } from '../gate.ts';
import type { RequestKind } from '../steps.ts';

/** What the transport knows about a request before the pipeline starts. */
export interface RequestContext {
  readonly identity: Identity;
  /** Aborted when the client cancels the request or goes away. */
  readonly signal?: AbortSignal;
  readonly approvalChannel: ApprovalChannel;
  /** An approval id the client passed back (`_meta["dev.gatehouse/approval"]`). */
  readonly approvalId?: string;
  readonly approvalAnswer?: ApprovalAnswer;
}

/** How a request ends: a result, a question for the person at the client, or a JSON-RPC error. */
export type Outcome =
  | { readonly kind: 'result'; readonly result: Record<string, unknown> }
  /** The caller must ask a person (elicitation) and call again with the answer and this state. */
  | { readonly kind: 'ask'; readonly message: string; readonly state: string; readonly approvalId: string }
  | {
      readonly kind: 'protocol_error';
      readonly code: number;
      readonly message: string;
      readonly data?: Record<string, unknown>;
    };

/** What a request names, once resolved: a tool, resource or prompt of the inventory, or the method itself. */
export interface Subject {
  /** The policy's kind for the name check: lists, completions and ping are checked as what they concern. */
  readonly policyKind: 'tool' | 'resource' | 'prompt';
  readonly name: string;
  readonly version: string;
  readonly access: Access;
  readonly scopes: readonly string[];
  /** Deadline for execution; the server default when absent. */
  readonly timeoutMs?: number;
}

/** Work a kind's handler gets for execution: the deadline-bound signal and the run-time target checks. */
export interface ExecuteContext {
  readonly signal: AbortSignal;
  authorizeTarget(target: string): void;
  mayAccess(target: string): boolean;
}

/**
 * The kind-specific parts of a request. The steps in `run.ts` are the same for every kind and call these; a kind
 * never runs a step of its own.
 */
export interface KindHandler<S = unknown> {
  /** Reads the name out of the params and finds it in the inventory; throws a ToolError when it is unknown. */
  resolve(call: Call<S>): void;
  /** Parses the input against its schema (sets `call.input`); throws `invalid_input` naming field and rule. */
  validate(call: Call<S>): void;
  /** The `kind:name` target of the parsed input, when the kind has one. */
  target(call: Call<S>): string | undefined;
  execute(call: Call<S>, ctx: ExecuteContext): Promise<unknown>;
  /** Redacts, strips, fences and budgets the output into the wire result; returns its size in bytes. */
  shape(call: Call<S>, output: unknown): { result: Record<string, unknown>; bytes: number };
  /** The answer for a refusal or failure: a tool error result, or a JSON-RPC error for the other kinds. */
  fail(call: Call<S>, error: ToolError): Outcome;
}

/** One request on its way through the steps. Steps fill it in; the audit record is written from it at the end. */
export interface Call<S = unknown> {
  readonly gate: Gate;
  readonly kind: RequestKind;
  readonly method: string;
  readonly params: Record<string, unknown>;
  readonly context: RequestContext;
  readonly audit: AuditDraft;
  readonly handler: KindHandler<S>;
  /** Kind-specific state the handler keeps between its parts (the inventory entry, the page, …). */
  state: S | undefined;
  subject: Subject | undefined;
  input: Record<string, unknown>;
  target: string | undefined;
  decision: Decision | undefined;
  /** A person approved this call: its approval covers the targets its input leads to. */
  approved: boolean;
  output: unknown;
  result: Record<string, unknown> | undefined;
}

/** Records what a request resolved to: the subject the next steps check, and the name, version and access audited. */
export function resolveTo(call: Call, subject: Subject): void {
  call.subject = subject;
  call.audit.name = subject.name;
  call.audit.version = subject.version;
  call.audit.access = subject.access;
}

/** A resource or prompt: read-only, checked by its own name and scopes. */
export function readSubject(
  policyKind: 'resource' | 'prompt',
  def: { readonly name: string; readonly version: string; readonly scopes: readonly string[] },
): Subject {
  return { policyKind, name: def.name, version: def.version, access: 'read', scopes: def.scopes };
}
