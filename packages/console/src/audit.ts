import { randomUUID } from 'node:crypto';
import { ErrorCode, isToolError, ToolError } from '@gatehouse/kit';
import type { ApprovalRecord, AuditSink } from '@gatehouse/kit/operator';

/** The console's version on its audit records (the `version` of a record is its writer's). */
const VERSION = '0.1.0';

/**
 * What the console writes to the kit's audit (the same table and chain verification as the servers; the console is
 * a stream of its own). A decision is a write like any other: its intent is stored before the store is touched,
 * its outcome after; a decision refused before that (not an approver, own request) is one record.
 *
 * A decision's record names the approval's server and tool (so filtering the trail by them shows the calls and the
 * decisions together), `via: console`, the person deciding as actor and approver, and the approval's id.
 */
export function consoleAudit(sink: AuditSink, now: () => number = Date.now) {
  const base = (actor: string, started: number) => ({
    time: new Date(started).toISOString(),
    actor,
    via: 'console',
    version: VERSION,
    redactions: {},
    outputBytes: 0,
  });
  const decisionFields = (actor: string, approval: ApprovalRecord, action: 'grant' | 'deny') =>
    ({
      server: approval.server,
      kind: 'request',
      name: approval.tool,
      access: 'write',
      target: approval.target,
      inputDigest: approval.inputDigest,
      decision: action === 'grant' ? 'approved' : 'rejected',
      approvalId: approval.id,
      approver: actor,
      approvalChannel: 'console',
    }) as const;

  return {
    /**
     * Runs `decide` between a durable intent record and its outcome record. If the intent cannot be stored, the
     * decision is not made (the sink's `audit_unavailable` error propagates): no decision goes unaudited.
     */
    async decision(
      actor: string,
      approval: ApprovalRecord,
      action: 'grant' | 'deny',
      decide: () => Promise<void>,
    ): Promise<void> {
      const started = now();
      const callId = randomUUID();
      const fields = { ...base(actor, started), ...decisionFields(actor, approval, action), callId };
      try {
        await sink.write({ ...fields, phase: 'intent', outcome: 'not_run', durationMs: 0 });
      } catch (error) {
        if (isToolError(error)) throw error;
        throw new ToolError(
          ErrorCode.AuditUnavailable,
          `the audit cannot take the decision's record, so it was not made: ${(error as Error).message}`,
          { cause: error },
        );
      }
      let failure: unknown;
      try {
        await decide();
      } catch (error) {
        failure = error;
      }
      const code = failure === undefined ? undefined : errorCode(failure);
      await sink.write({
        ...fields,
        time: new Date(now()).toISOString(),
        outcome: code === undefined ? 'ok' : 'error',
        ...(code === undefined ? {} : { code }),
        durationMs: now() - started,
      });
      if (failure !== undefined) throw failure;
    },

    /** A decision refused before anything was touched: who tried, on what, and why not. */
    async refusedDecision(actor: string, approval: ApprovalRecord, action: 'grant' | 'deny', code: string) {
      await sink.write({
        ...base(actor, now()),
        ...decisionFields(actor, approval, action),
        decision: 'denied',
        outcome: 'not_run',
        code,
        durationMs: 0,
      });
    },

    /** A sign-in refused (bad key, or held back by the throttle): from which address, with which code. */
    async refusedSignIn(address: string, code: string) {
      await sink.write({
        ...base('anonymous', now()),
        server: 'console',
        kind: 'request',
        name: 'sign_in',
        target: `address:${address}`,
        decision: 'denied',
        outcome: 'not_run',
        code,
        durationMs: 0,
      });
    },
  };
}

export type ConsoleAudit = ReturnType<typeof consoleAudit>;

/** The stable code of an error (a ToolError's), or `internal_error` for anything else. */
function errorCode(error: unknown): string {
  return isToolError(error) ? error.code : 'internal_error';
}
