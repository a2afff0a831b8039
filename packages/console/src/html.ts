import { escapeInvisible } from '@gatehouse/kit/operator';

/** Who is looking: shown in the header, and the CSRF token every form of theirs carries. */
export interface Viewer {
  readonly actor: string;
  readonly csrf: string;
  readonly approver: boolean;
}

/**
 * Text for HTML: markup characters escaped, and every invisible or bidi character shown as a visible escape
 * (`\u202E`, the kit's escapeInvisible), so nothing on the page can look like something other than what it is.
 */
export function text(value: string | number): string {
  return escapeInvisible(String(value)).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

/** A link's href: a path on this console with its query, escaped for an attribute. */
export function href(path: string, query: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, v);
  const qs = params.toString();
  return text(qs === '' ? path : `${path}?${qs}`);
}

const NAV = [
  ['/', 'Approvals'],
  ['/approvals/history', 'History'],
  ['/audit', 'Audit trail'],
  ['/inventory', 'Inventory'],
] as const;

/**
 * A whole page. No inline script or style: the CSP refuses them. `script` names one of the console's own static
 * scripts (the live tail), loaded from this origin.
 */
export function page(
  title: string,
  body: string,
  who?: Viewer,
  options: { current?: string; script?: string; refresh?: string } = {},
): string {
  const header =
    who === undefined
      ? ''
      : `<nav aria-label="Console">${NAV.map(
          ([path, label]) =>
            `<a href="${path}"${options.current === path ? ' aria-current="page"' : ''}>${label}</a>`,
        ).join('')}</nav>
<form method="post" action="/logout" class="who"><span>Signed in as <b>${text(who.actor)}</b></span>` +
        `<input type="hidden" name="csrf" value="${text(who.csrf)}"><button type="submit">Sign out</button></form>`;
  const script =
    (options.script === undefined ? '' : `<script src="${text(options.script)}" defer></script>`) +
    (options.refresh === undefined
      ? ''
      : `<meta http-equiv="refresh" content="0;url=${text(options.refresh)}">`);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${text(title)} · Gatehouse console</title><link rel="stylesheet" href="/static/console.css">${script}</head>
<body><header><h1>Gatehouse console</h1>${header}</header><main>${body}</main></body></html>`;
}

export function loginPage(csrf: string, problem?: string, oauth = false): string {
  return page(
    'Sign in',
    `<h2>Sign in</h2>
<p>Paste an API key that the Gatehouse servers accept (from <code>gatehouse keys create</code>).</p>
${problem === undefined ? '' : `<p class="problem" role="alert">${text(problem)}</p>`}
<form method="post" action="/login">
<input type="hidden" name="csrf" value="${text(csrf)}">
<label for="key">API key</label> <input id="key" name="key" type="password" autocomplete="off" required autofocus>
<button type="submit">Sign in</button></form>${
      oauth ? '<p>Or <a href="/login/oauth" id="oauth">sign in with your identity provider</a>.</p>' : ''
    }`,
  );
}

/** A definition list of label → already-escaped HTML, skipping absent values. */
export function fields(entries: readonly (readonly [string, string | undefined])[]): string {
  return `<dl>${entries
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `<dt>${text(k)}</dt><dd>${v}</dd>`)
    .join('')}</dl>`;
}

/** After signing in at the identity provider: on to the inbox, by a navigation of this page (see server.ts). */
export function continuePage(): string {
  return page(
    'Signed in',
    '<p>Signed in. <a href="/" id="continue">Continue to the console</a>.</p>',
    undefined,
    { refresh: '/' },
  );
}
