import {
  AuditVerifier,
  auditRecordsToVerify,
  countAuditRecords,
  queryAuditRecords,
} from '@gatehouse/kit/operator';
import type { Pool } from 'pg';
import { PAGE_SIZE, parseCursor, parseFilters } from './audit-filters.ts';
import { detailPage, trailPage, verifyPage } from './html-audit.ts';
import { chartsPage, WINDOWS, type WindowName } from './html-charts.ts';
import { Refusal, send } from './http.ts';
import type { Route } from './server.ts';

/** The audit trail (filtered, paged newest first), one record's detail, the chain verification, and charts. */
export function auditRoutes(pool: Pool, now: () => number = Date.now): Route[] {
  return [
    {
      method: 'GET',
      path: /^\/audit\/charts$/,
      async handle({ res, url, viewer }) {
        const asked = url.searchParams.get('window') ?? '24h';
        if (!Object.hasOwn(WINDOWS, asked)) {
          throw new Refusal(
            400,
            'invalid_filter',
            `window: expected one of ${Object.keys(WINDOWS).join(', ')}.`,
          );
        }
        const window = asked as WindowName;
        const { ms, bucket, step } = WINDOWS[window];
        // Whole buckets: the window ends at the end of the current one.
        const until = new Date(Math.floor(now() / step) * step + step);
        const since = new Date(until.getTime() - ms);
        const buckets = Array.from({ length: ms / step }, (_, i) =>
          new Date(since.getTime() + i * step).toISOString(),
        );
        const charts = await Promise.all(
          (['server', 'tool', 'decision'] as const).map(async (by) => ({
            title: by,
            counts: await countAuditRecords(pool, { since, until, by, bucket }),
          })),
        );
        send(res, 200, chartsPage(window, charts, buckets, viewer));
      },
    },
    {
      method: 'GET',
      path: /^\/audit$/,
      async handle({ res, url, viewer }) {
        const { filters, query } = parseFilters(url.searchParams);
        const after = parseCursor(url.searchParams);
        // One more than a page: whether there is an older page is known without counting.
        const rows = await queryAuditRecords(pool, {
          ...query,
          newestFirst: true,
          limit: PAGE_SIZE + 1,
          ...(after ? { afterId: after } : {}),
        });
        const shown = rows.slice(0, PAGE_SIZE);
        const next = rows.length > PAGE_SIZE ? shown.at(-1)?.id : undefined;
        send(res, 200, trailPage({ records: shown, filters, after, next }, viewer));
      },
    },
    {
      method: 'GET',
      path: /^\/audit\/verify$/,
      async handle({ res, viewer }) {
        const verifier = new AuditVerifier();
        for await (const input of auditRecordsToVerify(pool)) verifier.add(input);
        send(res, 200, verifyPage(verifier.finish(), viewer));
      },
    },
    {
      method: 'GET',
      path: /^\/audit\/(?<id>[1-9]\d{0,18})$/,
      async handle({ res, viewer }, { id }) {
        const [record] = await queryAuditRecords(pool, { id: id as string, limit: 1 });
        if (record === undefined) throw new Refusal(404, 'not_found', `No audit record ${id}.`);
        // The approval chain: the refusal that asked, the decision, and the call it allowed.
        const related = record.approvalId
          ? await queryAuditRecords(pool, { approvalId: record.approvalId, limit: 100 })
          : record.callId
            ? await queryAuditRecords(pool, { callId: record.callId, limit: 100 })
            : [];
        send(res, 200, detailPage(record, related, viewer));
      },
    },
  ];
}
