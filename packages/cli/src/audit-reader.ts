import { type AuditQuery, queryAuditRecords, type StoredAuditRecord } from '@gatehouse/kit/operator';
import type { Pool } from 'pg';

/** The store's largest page. */
const PAGE = 10_000;

/**
 * Every record matching `query` from its `since` on, page by page (the store returns them oldest first, by time
 * then id, and continues after a given id).
 */
export async function* auditPages(pool: Pool, query: AuditQuery): AsyncGenerator<StoredAuditRecord[]> {
  let afterId: string | undefined;
  for (;;) {
    const page = await queryAuditRecords(pool, { ...query, limit: PAGE, ...(afterId ? { afterId } : {}) });
    if (page.length > 0) yield page;
    if (page.length < PAGE) return;
    afterId = page.at(-1)?.id;
  }
}

/** Windows tried, newest first, when looking for the latest records: most tails are answered by the first. */
const WINDOWS_MS = [15 * 60_000, 6 * 3_600_000, 7 * 86_400_000, 90 * 86_400_000];

/**
 * The newest `count` records matching `query`, oldest first. The store only reads forwards in time, so this
 * reads a recent window to its end and widens the window until it holds enough records (or covers everything).
 */
export async function newestAuditRecords(
  pool: Pool,
  query: AuditQuery,
  count: number,
  now: number = Date.now(),
): Promise<StoredAuditRecord[]> {
  const floor = query.since?.getTime() ?? Number.NEGATIVE_INFINITY;
  const end = query.until?.getTime() ?? now;
  for (const width of [...WINDOWS_MS, Number.POSITIVE_INFINITY]) {
    const start = Math.max(floor, end - width);
    const kept: StoredAuditRecord[] = [];
    const window = Number.isFinite(start) ? { ...query, since: new Date(start) } : query;
    for await (const page of auditPages(pool, window)) {
      kept.push(...page);
      if (kept.length > count) kept.splice(0, kept.length - count);
    }
    if (kept.length >= count || start === floor) return kept;
  }
  return [];
}

/** How late a record may be stored after records with later times (audit sinks batch; replicas' clocks differ). */
export const LATE_ARRIVAL_MS = 60_000;

/**
 * Finds records stored since the last poll. Each poll rereads the minute before the newest time seen and skips
 * ids already seen, so a record that reaches the store late (after newer ones were shown) still appears once.
 * Start it before reading what is shown first: what is in the store at start counts as seen, so a poll never
 * prints old records the first read left out (beyond its count), and records stored in between are not lost.
 */
export async function startAuditFollower(pool: Pool, query: AuditQuery, now: number = Date.now()) {
  const seen = new Map<string, number>();
  let horizon = now;
  const read = async (): Promise<StoredAuditRecord[]> => {
    const since = Math.max(query.since?.getTime() ?? 0, horizon - LATE_ARRIVAL_MS);
    const fresh: StoredAuditRecord[] = [];
    for await (const page of auditPages(pool, { ...query, since: new Date(since) })) {
      for (const record of page) if (!seen.has(record.id)) fresh.push(record);
    }
    markSeen(fresh);
    return fresh;
  };
  const markSeen = (records: readonly StoredAuditRecord[]) => {
    for (const record of records) {
      const time = Date.parse(record.time);
      seen.set(record.id, time);
      horizon = Math.max(horizon, time);
    }
    for (const [id, time] of seen) if (time < horizon - LATE_ARRIVAL_MS) seen.delete(id);
  };
  await read();
  return {
    /** Records shown by the first read, so polls do not repeat them. */
    markShown: markSeen,
    /** Records stored since the last poll (or start), in store order. */
    poll: read,
  };
}
