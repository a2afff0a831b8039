import { ERROR_META_KEY } from '../pipeline/results.ts';

// Reading a tool result as a test does, whichever client returned it (in memory, HTTP, stdio). The wire form
// is the contract: these read it, they do not unwrap anything the kit would not send.

/** What a refused or failed call carries in `_meta["dev.gatehouse/error"]`. */
export interface ResultError {
  readonly code: string;
  readonly details?: Record<string, unknown>;
  readonly retryAfterSeconds?: number;
}

type AnyResult = unknown;

/** The structured result of a tool call (`structuredContent`), typed as the test expects it. */
export function structuredOf<T = Record<string, unknown>>(result: AnyResult): T {
  const value = (result as { structuredContent?: unknown }).structuredContent;
  if (value === undefined) throw new Error(`the result has no structuredContent: ${describe(result)}`);
  return value as T;
}

/** The text of the first content block (the compact rendering, or an error's message). */
export function textOf(result: AnyResult): string {
  const content = (result as { content?: { type: string; text?: string }[] }).content ?? [];
  return content[0]?.text ?? '';
}

/** The error of a refused or failed call, or undefined for a call that succeeded. */
export function errorOf(result: AnyResult): ResultError | undefined {
  const meta = (result as { _meta?: Record<string, unknown> })._meta;
  return meta?.[ERROR_META_KEY] as ResultError | undefined;
}

/** The stable error code of a refused or failed call (`forbidden`, `approval_required`, ...). */
export function errorCodeOf(result: AnyResult): string | undefined {
  return errorOf(result)?.code;
}

/** The approval id an `approval_required` result carries; throws when there is none. */
export function approvalIdOf(result: AnyResult): string {
  const id = errorOf(result)?.details?.approvalId;
  if (typeof id !== 'string') throw new Error(`no approval id in ${describe(result)}`);
  return id;
}

function describe(result: AnyResult): string {
  return JSON.stringify(result)?.slice(0, 500) ?? String(result);
}
