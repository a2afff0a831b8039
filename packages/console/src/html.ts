import { type ApprovalRecord, escapeInvisible } from '@gatehouse/kit/operator';

/**
 * Text for HTML: markup characters escaped, and every invisible or bidi character shown as a visible escape
 * (`\u202E`, the kit's escapeInvisible), so nothing on the page can look like something other than what it is.
 */
export function text(value: string): string {
  return escapeInvisible(value).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

/** A whole page. No inline script or style: the CSP (`default-src 'self'`) would refuse them anyway. */
export function page(title: string, body: string, who?: { actor: string; csrf: string }): string {
  const header =
    who === undefined
      ? ''
      : `<form method="post" action="/logout" class="who"><span>Signed in as <b>${text(who.actor)}</b></span>` +
        `<input type="hidden" name="csrf" value="${text(who.csrf)}"><button type="submit">Sign out</button></form>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${text(title)} · Gatehouse console</title><link rel="stylesheet" href="/static/console.css"></head>
<body><header><h1>Gatehouse console</h1>${header}</header><main>${body}</main></body></html>`;
}

export function loginPage(csrf: string, problem?: string): string {
  return page(
    'Sign in',
    `<h2>Sign in</h2>
<p>Paste an API key that the Gatehouse servers accept (from <code>gatehouse keys create</code>).</p>
${problem === undefined ? '' : `<p class="problem" role="alert">${text(problem)}</p>`}
<form method="post" action="/login">
<input type="hidden" name="csrf" value="${text(csrf)}">
<label for="key">API key</label> <input id="key" name="key" type="password" autocomplete="off" required autofocus>
<button type="submit">Sign in</button></form>`,
  );
}

/** The pending requests, oldest first, each with what will run and a form to approve or deny it. */
export function inboxPage(
  records: readonly ApprovalRecord[],
  who: { actor: string; csrf: string; approver: boolean },
  notice?: string,
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
<dl><dt>Server</dt><dd>${text(r.server)}</dd><dt>Tool</dt><dd>${text(r.tool)}</dd>
<dt>Target</dt><dd>${text(r.target)}</dd><dt>Asked by</dt><dd>${text(r.actor)}</dd>
<dt>Expires</dt><dd><time datetime="${text(r.expiresAt)}">${text(r.expiresAt)}</time> (${text(minutesLeft(r.expiresAt, now))})</dd>
<dt>Request</dt><dd><code>${text(r.id)}</code></dd></dl>
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
  );
}

function minutesLeft(iso: string, now: number): string {
  const minutes = Math.round((Date.parse(iso) - now) / 60_000);
  return minutes <= 0 ? 'now' : `in ${minutes} min`;
}
