import type { AuditCount } from '@gatehouse/kit/operator';
import { href, page, text, type Viewer } from './html.ts';

/** The windows the charts page offers: how far back, and the bucket width. */
export const WINDOWS = {
  '1h': { ms: 60 * 60_000, bucket: 'minute', step: 60_000 },
  '24h': { ms: 24 * 60 * 60_000, bucket: 'hour', step: 60 * 60_000 },
  '7d': { ms: 7 * 24 * 60 * 60_000, bucket: 'day', step: 24 * 60 * 60_000 },
} as const;
export type WindowName = keyof typeof WINDOWS;

/** Keys drawn in their own colour; the rest are summed as "other". */
const MAX_KEYS = 8;
const WIDTH = 900;
const HEIGHT = 160;

/**
 * A stacked bar per time bucket, one colour per key (the largest first), drawn as SVG on the server: no script,
 * no inline style (colours are classes in the stylesheet), and a table of the same totals for screen readers.
 */
export function chart(title: string, counts: readonly AuditCount[], buckets: readonly string[]): string {
  const totals = new Map<string, number>();
  for (const c of counts) totals.set(c.key, (totals.get(c.key) ?? 0) + c.count);
  const ranked = [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const shown = ranked.slice(0, MAX_KEYS).map(([k]) => k);
  const keyOf = (k: string) => (shown.includes(k) ? k : 'other');
  const keys = ranked.length > MAX_KEYS ? [...shown, 'other'] : shown;
  const cells = new Map<string, Map<string, number>>();
  for (const c of counts) {
    const row = cells.get(c.bucket) ?? new Map<string, number>();
    row.set(keyOf(c.key), (row.get(keyOf(c.key)) ?? 0) + c.count);
    cells.set(c.bucket, row);
  }
  const peak = Math.max(
    1,
    ...buckets.map((b) => [...(cells.get(b)?.values() ?? [])].reduce((s, n) => s + n, 0)),
  );
  const barWidth = WIDTH / Math.max(1, buckets.length);
  const bars = buckets
    .map((b, i) => {
      let y = HEIGHT;
      return keys
        .map((k, ki) => {
          const n = cells.get(b)?.get(k) ?? 0;
          if (n === 0) return '';
          const h = (n / peak) * HEIGHT;
          y -= h;
          return `<rect class="k${ki}" x="${(i * barWidth).toFixed(1)}" y="${y.toFixed(1)}" width="${Math.max(1, barWidth - 1).toFixed(1)}" height="${h.toFixed(1)}"><title>${text(b)} ${text(k)}: ${n}</title></rect>`;
        })
        .join('');
    })
    .join('');
  const legend = keys
    .map((k, ki) => {
      const total =
        k === 'other' ? ranked.slice(MAX_KEYS).reduce((s, [, n]) => s + n, 0) : (totals.get(k) ?? 0);
      return `<tr><td><svg width="12" height="12" aria-hidden="true"><rect class="k${ki}" width="12" height="12"/></svg> ${text(k)}</td><td class="num">${text(total)}</td></tr>`;
    })
    .join('');
  return `<section class="chart" aria-labelledby="chart-${text(title)}"><h3 id="chart-${text(title)}">Per ${text(title)}</h3>
<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" width="100%" height="${HEIGHT}" role="img" aria-label="Audit records per ${text(title)} over time (peak ${peak} in one bucket)">${bars}</svg>
<table class="grid legend"><thead><tr><th scope="col">${text(title)}</th><th scope="col">Records</th></tr></thead><tbody>${legend}</tbody></table></section>`;
}

export function chartsPage(
  window: WindowName,
  charts: readonly { title: string; counts: readonly AuditCount[] }[],
  buckets: readonly string[],
  who: Viewer,
): string {
  const choices = (Object.keys(WINDOWS) as WindowName[])
    .map((w) =>
      w === window
        ? `<b aria-current="true">${w}</b>`
        : `<a href="${href('/audit/charts', { window: w })}">${w}</a>`,
    )
    .join(' · ');
  return page(
    'Audit charts',
    `<h2>Audit records over the last ${window}</h2><p>Window: ${choices} (UTC buckets)</p>
${charts.map((c) => chart(c.title, c.counts, buckets)).join('\n')}`,
    who,
    { current: '/audit' },
  );
}
