import type { DiscoveredServer } from '@gatehouse/kit/operator';
import { page, text, type Viewer } from './html.ts';
import { send } from './http.ts';
import { loadInventory, type ServerEntry, type ToolEntry } from './inventory-load.ts';
import type { Route } from './server.ts';

/** GET /inventory: every discovered server, its tools, and who may call what. Read fresh on each visit. */
export function inventoryRoutes(servers: readonly DiscoveredServer[], rootReadme?: string): Route[] {
  return [
    {
      method: 'GET',
      path: /^\/inventory$/,
      async handle({ res, viewer }) {
        send(res, 200, inventoryPage(await loadInventory(servers, rootReadme), viewer));
      },
    },
  ];
}

const HINTS: Record<string, string> = {
  readOnlyHint: 'read-only',
  destructiveHint: 'destructive',
  idempotentHint: 'idempotent',
  openWorldHint: 'open world',
};

function toolRow(t: ToolEntry): string {
  const hints = Object.entries(t.annotations)
    .filter(([, on]) => on)
    .map(([k]) => HINTS[k] ?? k);
  return `<tr id="tool-${text(t.name)}"><th scope="row"><code>${text(t.name)}</code>${t.title ? `<br><span class="muted">${text(t.title)}</span>` : ''}</th>
<td>${text(t.version ?? '?')}</td><td><code>${text(t.hash ?? '')}</code></td><td>${text(t.access ?? '?')}</td>
<td>${t.scopes.map((s) => `<code>${text(s)}</code>`).join(' ')}</td><td>${hints.map(text).join(', ')}</td>
<td class="num">${t.tokens ? `${text(t.tokens.visible)} / ${text(t.tokens.whole)}` : ''}</td>
<td>${t.roles.length === 0 ? '<span class="muted">nobody</span>' : t.roles.map((r) => `${text(r.role)} <span class="muted">(${text(r.approval)})</span>`).join('<br>')}</td></tr>`;
}

function serverSection(s: ServerEntry): string {
  const actors =
    s.actors.length === 0
      ? '<p class="muted">The policy names no actors: roles come from each key or token.</p>'
      : `<p>Roles by actor: ${s.actors.map((a) => `${text(a.actor)} → ${a.roles.map(text).join(', ')}`).join('; ')}</p>`;
  return `<section class="server" id="server-${text(s.name)}" aria-labelledby="h-${text(s.name)}">
<h3 id="h-${text(s.name)}">${text(s.name)} <span class="muted">${text(s.title)} · port ${text(s.port)} · ${text(s.tools.length)} tools</span></h3>
${s.problems.map((p) => `<p class="problem">${text(p)}</p>`).join('')}${actors}
<table class="grid"><thead><tr><th scope="col">Tool</th><th scope="col">Version</th><th scope="col">Contract</th>
<th scope="col">Access</th><th scope="col">Scopes</th><th scope="col">Annotations</th><th scope="col">Tokens (model / whole)</th>
<th scope="col">Allowed for</th></tr></thead><tbody>${s.tools.map(toolRow).join('\n')}</tbody></table></section>`;
}

export function inventoryPage(servers: readonly ServerEntry[], who: Viewer): string {
  return page(
    'Inventory',
    `<h2>Inventory (${servers.length} servers)</h2>
<p class="muted">Each server's embedded-default policy (a deployment's GATEHOUSE_POLICY may differ); the scopes a tool
requires apply on top of a role's tool list. Tokens are what each tool costs in every conversation's tools/list.</p>
${servers.map(serverSection).join('\n')}`,
    who,
    { current: '/inventory' },
  );
}
