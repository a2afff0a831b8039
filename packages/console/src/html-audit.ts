import type { StoredAuditRecord, VerifyReport } from '@gatehouse/kit/operator';
import { DECISIONS, type Filters, OUTCOMES } from './audit-filters.ts';
import { fields, href, page, text, type Viewer } from './html.ts';

const input = (name: keyof Filters, label: string, filters: Filters, type = 'text') =>
  `<label for="f-${name}">${label}</label><input id="f-${name}" name="${name}" type="${type}" value="${text(filters[name] ?? '')}">`;

const select = (name: keyof Filters, label: string, values: readonly string[], filters: Filters) =>
  `<label for="f-${name}">${label}</label><select id="f-${name}" name="${name}"><option value="">any</option>${values
    .map((v) => `<option${filters[name] === v ? ' selected' : ''}>${text(v)}</option>`)
    .join('')}</select>`;

/** A write's intent record has not run yet by definition: say what it is rather than `not_run`. */
export const outcomeOf = (r: { phase?: string; outcome: string }) =>
  r.phase === 'intent' ? 'intent' : r.outcome;

/** One row of the trail (also what the live tail inserts, rendered here so it is escaped the same way). */
export function trailRow(r: StoredAuditRecord): string {
  return `<tr id="record-${text(r.id)}" class="decision-${text(r.decision)}">
<td><a href="/audit/${text(r.id)}"><time datetime="${text(r.time)}">${text(r.time.replace('T', ' ').slice(0, 19))}</time></a></td>
<td>${text(r.server)}</td><td>${text(r.name)}</td><td>${text(r.actor)} <span class="muted">${text(r.via)}</span></td><td>${text(r.target ?? '')}</td>
<td><span class="decision">${text(r.decision)}</span></td><td>${text(outcomeOf(r))}${r.code ? ` <code>${text(r.code)}</code>` : ''}</td>
<td class="num">${text(Math.round(r.durationMs))} ms</td></tr>`;
}

export function trailPage(
  view: {
    records: readonly StoredAuditRecord[];
    filters: Filters;
    after: string | undefined;
    next: string | undefined;
  },
  who: Viewer,
): string {
  const { records, filters, after, next } = view;
  const form = `<form method="get" action="/audit" class="filters" role="search">
${input('server', 'Server', filters)}${input('tool', 'Tool', filters)}${input('actor', 'Person', filters)}
${input('target', 'Target', filters)}${select('decision', 'Decision', DECISIONS, filters)}${select('outcome', 'Outcome', OUTCOMES, filters)}
${input('since', 'From (UTC)', filters, 'datetime-local')}${input('until', 'Until (UTC)', filters, 'datetime-local')}
${filters.approval ? `<input type="hidden" name="approval" value="${text(filters.approval)}">` : ''}
<button type="submit">Filter</button> <a href="/audit">Clear</a></form>`;
  // The table is there even when empty: the live tail adds rows to it.
  const table = `${records.length === 0 ? '<p id="empty">No audit record matches.</p>' : ''}<table class="grid" id="trail"><thead><tr>
<th scope="col">Time (UTC)</th><th scope="col">Server</th><th scope="col">Tool</th><th scope="col">Person</th>
<th scope="col">Target</th><th scope="col">Decision</th><th scope="col">Outcome</th><th scope="col">Duration</th></tr></thead>
<tbody>${records.map(trailRow).join('\n')}</tbody></table>`;
  const pager = `<nav class="pager" aria-label="Pages">${after ? `<a href="${href('/audit', filters)}">Newest</a>` : ''}${
    next ? `<a rel="next" href="${href('/audit', { ...filters, after: next })}">Older records</a>` : ''
  }</nav>`;
  // The live tail (static/live.js) follows the newest records matching these filters; only on the first page.
  const live = after
    ? ''
    : `<p class="live"><span id="live-status" data-src="${href('/audit/live', filters)}">Live tail off (needs script).</span></p>`;
  return page(
    'Audit trail',
    `<h2>Audit trail</h2><p><a href="/audit/verify">Verify the hash chains</a> · <a href="/audit/charts">Charts</a></p>${form}${
      filters.approval ? `<p>The records of approval <code>${text(filters.approval)}</code>.</p>` : ''
    }${live}${table}${pager}`,
    who,
    { current: '/audit', script: after ? undefined : '/static/live.js' },
  );
}

export function detailPage(r: StoredAuditRecord, related: readonly StoredAuditRecord[], who: Viewer): string {
  const redactions = Object.entries(r.redactions);
  const chain = related.filter((o) => o.id !== r.id);
  return page(
    `Audit record ${r.id}`,
    `<h2>Audit record ${text(r.id)}</h2>
${fields([
  ['Time', `<time datetime="${text(r.time)}">${text(r.time)}</time>`],
  ['Person', text(r.actor)],
  ['Via', text(r.via)],
  ['Client', r.client === undefined ? undefined : text(r.client)],
  ['Server', text(r.server)],
  ['Kind', text(r.kind)],
  ['Name', `${text(r.name)} <span class="muted">v${text(r.version)}</span>`],
  ['Access', r.access === undefined ? undefined : text(r.access)],
  ['Target', r.target === undefined ? undefined : text(r.target)],
  [
    'Targets checked',
    r.targets === undefined ? undefined : r.targets.map((t) => `<code>${text(t)}</code>`).join(', '),
  ],
  ['Decision', text(r.decision)],
  ['Outcome', `${text(r.outcome)}${r.code ? ` <code>${text(r.code)}</code>` : ''}`],
  ['Duration', `${text(r.durationMs.toFixed(1))} ms`],
  ['Input digest', r.inputDigest === undefined ? undefined : `<code>${text(r.inputDigest)}</code>`],
  ['Output', `${text(r.outputBytes)} bytes`],
  [
    'Redactions',
    redactions.length === 0 ? 'none' : redactions.map(([k, n]) => `${text(k)}: ${text(n)}`).join(', '),
  ],
  [
    'Approval',
    r.approvalId === undefined
      ? undefined
      : `<a href="${href('/audit', { approval: r.approvalId })}"><code>${text(r.approvalId)}</code></a>`,
  ],
  [
    'Approved by',
    r.approver === undefined ? undefined : `${text(r.approver)} (${text(r.approvalChannel ?? '')})`,
  ],
  ['Phase', r.phase === undefined ? undefined : text(r.phase)],
  ['Call', r.callId === undefined ? undefined : `<code>${text(r.callId)}</code>`],
  ['Chain', r.stream === undefined ? 'not chained (legacy)' : `${text(r.stream)} #${text(r.seq ?? '')}`],
  ['Hash', r.hash === undefined ? undefined : `<code>${text(r.hash)}</code>`],
  ['Previous hash', r.prevHash === undefined ? undefined : `<code>${text(r.prevHash)}</code>`],
])}
${
  chain.length === 0
    ? ''
    : `<h3>${r.approvalId ? 'The approval’s other records' : 'The call’s other records'}</h3><table class="grid" id="related"><tbody>${chain.map(trailRow).join('\n')}</tbody></table>`
}`,
    who,
    { current: '/audit' },
  );
}

export function verifyPage(report: VerifyReport, who: Viewer): string {
  const failures = report.findings.filter((f) => f.severity === 'failure');
  const verdict =
    failures.length === 0
      ? `<p class="notice" id="verdict" data-ok="true">Every chain intact: ${text(report.records)} records in ${text(report.streams.length)} streams.</p>`
      : `<p class="problem" id="verdict" data-ok="false" role="alert">Broken: ${text(failures.length)} problem${failures.length === 1 ? '' : 's'} in ${text(report.records)} records.</p>`;
  const streams = report.streams
    .map(
      (s) =>
        `<tr><td>${text(s.stream)}</td><td class="num">${text(s.records)}</td><td class="num">${text(s.firstSeq)}–${text(s.lastSeq)}</td><td><code>${text(s.headHash.slice(0, 16))}…</code></td></tr>`,
    )
    .join('');
  const findings = report.findings
    .map(
      (f) =>
        `<li class="finding-${text(f.severity)}"><b>${text(f.kind)}</b> ${text([f.stream, f.seq === undefined ? undefined : `seq ${f.seq}`, f.at].filter((x) => x !== undefined).join(', '))}: ${text(f.message)}</li>`,
    )
    .join('');
  return page(
    'Audit verification',
    `<h2>Hash-chain verification</h2>${verdict}
${report.legacy > 0 ? `<p>${text(report.legacy)} legacy records from before the audit was chained: not verifiable.</p>` : ''}
<table class="grid"><thead><tr><th scope="col">Stream</th><th scope="col">Records</th><th scope="col">Seq</th><th scope="col">Head hash</th></tr></thead><tbody>${streams}</tbody></table>
${findings === '' ? '' : `<h3>Findings</h3><ul id="findings">${findings}</ul>`}
<p class="muted">Heads anchored elsewhere (the servers' logs) also find a cut-off tail: <code>gatehouse audit verify --anchors</code>.</p>`,
    who,
    { current: '/audit' },
  );
}
