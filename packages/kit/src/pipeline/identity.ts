import { ErrorCode, ToolError } from '../errors.ts';
import type { Call } from './kinds/call.ts';

/**
 * Step 1. The transport has established who is calling (HTTP: the verified bearer token or API key; stdio: the
 * environment); the pipeline refuses a request that reaches it without an actor rather than guessing one.
 */
export function identityStep(call: Call): void {
  const { identity } = call.context;
  if (typeof identity?.actor !== 'string' || identity.actor.length === 0) {
    throw new ToolError(ErrorCode.Unauthenticated, 'The request carries no caller identity.');
  }
}
