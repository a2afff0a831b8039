import { escapeInvisible, queryAuditRecords, type StoredAuditRecord } from '@gatehouse/kit/operator';
import type { Pool } from 'pg';
import { parseFilters } from './audit-filters.ts';
import { Refusal, SECURITY_HEADERS } from './http.ts';
import type { Route } from './server.ts';

export interface LiveOptions {
  /** How often the store is asked for new records (default 1000 ms). */
  readonly pollMs?: number;
  /** Tails open at once, across everyone (default 20): each costs one query per poll. */
  readonly maxStreams?: number;
  /** Whether the session is still signed in: a tail ends when its session does. */
  readonly stillSignedIn: (sessionId: string) => boolean;
}

/**
 * GET /audit/live: server-sent events, one `record` event per audit record stored after the tail opened and
 * matching the trail's filters. PostgreSQL is polled (records of every replica land in one table, and there is no
 * trigger to LISTEN to); records come in the trail's order (time, then id), so one a replica stored late with an
 * earlier time is on the trail but not in the tail.
 */
export function liveRoute(pool: Pool, options: LiveOptions): Route {
  const pollMs = options.pollMs ?? 1000;
  const maxStreams = options.maxStreams ?? 20;
  let open = 0;
  return {
    method: 'GET',
    path: /^\/audit\/live$/,
    async handle({ req, res, url, session }) {
      const { query } = parseFilters(url.searchParams);
      if (open >= maxStreams) {
        throw new Refusal(503, 'busy', `Too many live tails are open (${maxStreams}); try again later.`, {
          'retry-after': '10',
        });
      }
      const since = new Date();
      let afterId = (await queryAuditRecords(pool, { ...query, newestFirst: true, limit: 1 }))[0]?.id;
      open++;
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'content-type': 'text/event-stream; charset=utf-8',
        connection: 'keep-alive',
      });
      res.write(`retry: ${Math.max(pollMs, 2000)}\n\n`);
      let closed = false;
      let timer: NodeJS.Timeout | undefined;
      const stop = () => {
        if (closed) return;
        closed = true;
        open--;
        clearTimeout(timer);
        res.end();
      };
      req.on('close', stop);
      const poll = async () => {
        if (closed) return;
        if (!options.stillSignedIn(session.id)) return stop();
        try {
          const rows = await queryAuditRecords(pool, {
            ...query,
            limit: 100,
            ...(afterId === undefined ? { since } : { afterId }),
          });
          for (const r of rows)
            res.write(`event: record\nid: ${r.id}\ndata: ${JSON.stringify(shown(r))}\n\n`);
          afterId = rows.at(-1)?.id ?? afterId;
          if (rows.length === 0) res.write(': idle\n\n');
        } catch (error) {
          process.stderr.write(`[console] live tail: ${(error as Error).message}\n`);
          return stop();
        }
        timer = setTimeout(() => void poll(), pollMs);
      };
      timer = setTimeout(() => void poll(), pollMs);
    },
  };
}

/** What the page shows of a record, invisible characters already escaped (the script sets it as text). */
function shown(r: StoredAuditRecord) {
  const t = (value: string | undefined) => (value === undefined ? undefined : escapeInvisible(value));
  return {
    id: r.id,
    time: r.time,
    server: t(r.server),
    name: t(r.name),
    actor: t(r.actor),
    via: t(r.via),
    phase: r.phase,
    target: t(r.target),
    decision: r.decision,
    outcome: r.outcome,
    code: t(r.code),
    durationMs: r.durationMs,
  };
}
