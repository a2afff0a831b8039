import type { ApprovalRecord } from '@gatehouse/kit/operator';
import { fields, href, page, text, type Viewer } from './html.ts';

/** The pending requests, oldest first, each with what will run and a form to approve or deny it. */
export function inboxPage(
  records: readonly ApprovalRecord[],
  who: Viewer,
  notice?: string,
  clients: ReadonlyMap<string, string> = new Map(),
  now: number = Date.now(),
): string {
  const rows = records.map((r) => {
    const own = r.actor === who.actor;
    const decide = !who.approver
      ? '<p class="muted">Only approvers decide.</p>'
      : own
        ? '<p class="muted">Your own request: another approver decides.</p>'
        : `<form method="post" action="/approvals/${encodeURIComponent(r.id)}/decide">
<input type="hidden" name="csrf" value="${text(who.csrf)}">
<label for="reason-${text(r.id)}">Reason</label> <input id="reason-${text(r.id)}" name="reason" maxlength="500">
<button type="submit" name="action" value="grant">Approve</button>
<button type="submit" name="action" value="deny">Deny</button></form>`;
    return `<li class="approval" id="approval-${text(r.id)}">
${fields([
  ['Server', text(r.server)],
  ['Tool', text(r.tool)],
  ['Target', text(r.target)],
  ['Asked by', text(r.actor)],
  ['Client', clients.has(r.id) ? text(clients.get(r.id) as string) : undefined],
  [
    'Expires',
    `<time datetime="${text(r.expiresAt)}">${text(r.expiresAt)}</time> (${text(minutesLeft(r.expiresAt, now))})`,
  ],
  ['Request', `<code>${text(r.id)}</code>`],
])}
<pre class="summary">${text(r.summary)}</pre>${decide}</li>`;
  });
  const list =
    rows.length === 0
      ? '<p id="empty">No approval requests are waiting.</p>'
      : `<ol class="inbox">${rows.join('\n')}</ol>`;
  return page(
    'Approvals',
    `<h2>Approvals waiting (${records.length})</h2>${notice === undefined ? '' : `<p class="notice" role="status">${text(notice)}</p>`}${list}`,
    who,
    { current: '/' },
  );
}

/** Decided requests, newest first: what was asked, who decided, through which channel, when and why. */
export function historyPage(records: readonly ApprovalRecord[], who: Viewer): string {
  const rows = records.map(
    (
      r,
    ) => `<tr id="decided-${text(r.id)}"><td><span class="status status-${text(r.status)}">${text(r.status)}</span></td>
<td>${text(r.server)} / ${text(r.tool)}</td><td>${text(r.target)}</td><td>${text(r.actor)}</td>
<td>${text(r.decidedBy ?? '')}</td><td>${text(r.decidedVia ?? '')}</td>
<td>${r.decidedAt === undefined ? '' : `<time datetime="${text(r.decidedAt)}">${text(r.decidedAt)}</time>`}</td>
<td>${text(r.reason ?? '')}</td>
<td><a href="${href('/audit', { approval: r.id })}">audit</a></td></tr>`,
  );
  const table =
    rows.length === 0
      ? '<p id="empty">No request has been decided yet.</p>'
      : `<table class="grid"><thead><tr><th scope="col">Status</th><th scope="col">Server / tool</th><th scope="col">Target</th>
<th scope="col">Asked by</th><th scope="col">Decided by</th><th scope="col">Via</th><th scope="col">When</th>
<th scope="col">Reason</th><th scope="col">Records</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>`;
  return page('Decided approvals', `<h2>Decided approvals (latest ${records.length})</h2>${table}`, who, {
    current: '/approvals/history',
  });
}

function minutesLeft(iso: string, now: number): string {
  const minutes = Math.round((Date.parse(iso) - now) / 60_000);
  return minutes <= 0 ? 'now' : `in ${minutes} min`;
}
