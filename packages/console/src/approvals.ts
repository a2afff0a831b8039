import { isToolError } from '@gatehouse/kit';
import { type ApprovalStore, queryAuditRecords } from '@gatehouse/kit/operator';
import type { Pool } from 'pg';
import type { ConsoleAudit } from './audit.ts';
import { historyPage, inboxPage } from './html-approvals.ts';
import { Refusal, redirect, send } from './http.ts';
import type { Route, RouteContext } from './server.ts';

/** Decided requests shown on the history page, newest first. */
const HISTORY_LIMIT = 200;

/** The inbox (pending requests), the history (decided ones), and the decision itself. */
export function approvalRoutes(approvals: ApprovalStore, audit: ConsoleAudit, pool: Pool): Route[] {
  return [
    {
      method: 'GET',
      path: /^\/$/,
      async handle({ res, url, viewer }) {
        const pending = await approvals.list({ status: 'pending' });
        // Through which client each was asked: the approval keeps who and what, the call's audit record the client.
        const asked = await Promise.all(
          pending.map(async (r) => {
            const [first] = await queryAuditRecords(pool, { approvalId: r.id, limit: 1 });
            return [r.id, first && `${first.client ?? 'client not named'} (${first.via})`] as const;
          }),
        );
        const clients = new Map(asked.filter((e): e is readonly [string, string] => e[1] !== undefined));
        const decided = url.searchParams.get('decided');
        const notice = decided === 'grant' ? 'Approved.' : decided === 'deny' ? 'Denied.' : undefined;
        send(res, 200, inboxPage(pending, viewer, notice, clients));
      },
    },
    {
      method: 'GET',
      path: /^\/approvals\/history$/,
      async handle({ res, viewer }) {
        const all = await approvals.list();
        const decided = all
          .filter((r) => r.status !== 'pending')
          .sort((a, b) => (b.decidedAt ?? b.createdAt).localeCompare(a.decidedAt ?? a.createdAt))
          .slice(0, HISTORY_LIMIT);
        send(res, 200, historyPage(decided, viewer));
      },
    },
    {
      method: 'POST',
      path: /^\/approvals\/(?<id>[^/]+)\/decide$/,
      async handle(ctx, { id }) {
        const action = ctx.form?.get('action');
        if (action !== 'grant' && action !== 'deny') {
          throw new Refusal(400, 'invalid_form', 'action: expected grant or deny.');
        }
        await decide(ctx, id as string, action);
        redirect(ctx.res, `/?decided=${action}`);
      },
    },
  ];

  async function decide(ctx: RouteContext, id: string, action: 'grant' | 'deny'): Promise<void> {
    const { actor } = ctx.session.identity;
    const record = await approvals.get(id);
    if (record === undefined) throw new Refusal(404, 'approval_invalid', `No approval ${id}.`);
    const refuse = async (code: string, message: string): Promise<never> => {
      await audit.refusedDecision(actor, record, action, code);
      throw new Refusal(403, code, message);
    };
    if (!ctx.viewer.approver) {
      await refuse('forbidden', `${actor} is not an approver (role approver or scope approvals:decide).`);
    }
    if (record.actor === actor) {
      await refuse('self_approval', 'Nobody decides their own request: another approver must.');
    }
    const reason = ctx.form?.get('reason')?.trim() || undefined;
    const decider = { by: actor, via: 'console' } as const;
    try {
      await audit.decision(actor, record, action, async () => {
        if (action === 'grant') await approvals.grant(id, decider);
        else await approvals.deny(id, decider, reason);
      });
    } catch (error) {
      // Already decided, expired or used (the store's own words), or the audit cannot take the intent (503).
      if (isToolError(error)) {
        throw new Refusal(error.code === 'audit_unavailable' ? 503 : 409, error.code, error.message);
      }
      throw error;
    }
  }
}
