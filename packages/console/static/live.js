// The live tail of the audit trail: records stored after the page loaded, matching its filters, added at the top.
// Server-sent events (GET /audit/live); every value is set as text, never as markup.
const status = document.getElementById('live-status');
const body = document.querySelector('#trail tbody');
if (status && body && 'EventSource' in window) {
  const source = new EventSource(status.dataset.src);
  status.textContent = 'Live tail: connecting…';
  source.addEventListener('open', () => {
    status.textContent = 'Live tail: on';
  });
  source.addEventListener('error', () => {
    status.textContent = 'Live tail: reconnecting…';
  });
  source.addEventListener('record', (event) => {
    const r = JSON.parse(event.data);
    if (document.getElementById(`record-${r.id}`)) return;
    document.getElementById('empty')?.remove();
    const row = document.createElement('tr');
    row.id = `record-${r.id}`;
    row.className = `decision-${r.decision} fresh`;
    const link = document.createElement('a');
    link.href = `/audit/${encodeURIComponent(r.id)}`;
    link.textContent = r.time.replace('T', ' ').slice(0, 19);
    const outcome = r.phase === 'intent' ? 'intent' : r.outcome;
    const cells = [
      link,
      r.server,
      r.name,
      `${r.actor} ${r.via}`,
      r.target ?? '',
      r.decision,
      outcome + (r.code ? ` ${r.code}` : ''),
      `${Math.round(r.durationMs)} ms`,
    ];
    for (const value of cells) {
      const cell = document.createElement('td');
      if (typeof value === 'string') cell.textContent = value;
      else cell.append(value);
      row.append(cell);
    }
    body.prepend(row);
  });
}
