// Where the audit records of each variant ended up: rows in PostgreSQL and lines in the replicas' log files.
import { readFile } from 'node:fs/promises';
import type pg from 'pg';

/** Rows in gatehouse.audit_log per actor (each variant calls as its own actor). */
export async function auditRowsByActor(pool: pg.Pool): Promise<Map<string, number>> {
  const { rows } = await pool.query<{ actor: string; n: string }>(
    'SELECT actor, count(*) AS n FROM gatehouse.audit_log GROUP BY actor',
  );
  return new Map(rows.map((r) => [r.actor, Number(r.n)]));
}

/** Audit lines per actor over the replicas' log files (JSON lines). */
export async function auditLinesByActor(files: readonly string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const file of files) {
    const text = await readFile(file, 'utf8').catch(() => '');
    for (const line of text.split('\n')) {
      if (!line) continue;
      const { actor, msg } = JSON.parse(line) as { actor?: string; msg?: string };
      if (msg === 'audit' && actor) counts.set(actor, (counts.get(actor) ?? 0) + 1);
    }
  }
  return counts;
}
