import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPinoAuditSink } from '@gatehouse/kit/operator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRecord, startTestDatabase, storeAudit, type TestDatabase } from '../../test/support.ts';
import { memoryContext } from '../context.ts';
import { auditCommand } from './audit.ts';

let db: TestDatabase;
let folder: string;
const time = '2030-01-01T00:00:00.000Z';

beforeAll(async () => {
  db = await startTestDatabase();
  folder = await mkdtemp(join(tmpdir(), 'gatehouse-verify-'));
  await storeAudit(
    db.pool,
    Array.from({ length: 5 }, (_, i) => auditRecord({ time, actor: `user-${i + 1}` })),
  );
});
afterAll(async () => {
  await db?.stop();
  if (folder) await rm(folder, { recursive: true, force: true });
});

async function verify(argv: string[], env: NodeJS.ProcessEnv = { GATEHOUSE_DATABASE_URL: db.url }) {
  const io = memoryContext(env);
  const code = await auditCommand(['verify', ...argv], io.context);
  return { code, stdout: io.stdout.join('\n'), stderr: io.stderr.join('\n'), lines: io.stdout };
}

/** A log file written by the kit's own file sink (one chain), and its lines. */
async function logFile(name: string, count: number): Promise<{ path: string; lines: string[] }> {
  const path = join(folder, name);
  const sink = createPinoAuditSink({ destination: path });
  for (let i = 1; i <= count; i++) await sink.write(auditRecord({ time, actor: `user-${i}` }));
  await sink.close();
  return { path, lines: (await readFile(path, 'utf8')).trimEnd().split('\n') };
}

describe('gatehouse audit verify', () => {
  it('exits 0 for an intact table, naming each stream and its head', async () => {
    const { code, stdout } = await verify([]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^stream notes\/\S+: seq 1\.\.5 \(5 records\), head [0-9a-f]{64}$/m);
    expect(stdout).toContain('OK: 5 records in 1 streams, every chain intact');
  });

  it('exits 1 for an edited row, saying which stream, seq and id', async () => {
    const { rows } = await db.pool.query<{ id: string; stream: string }>(
      "SELECT id::text, stream FROM gatehouse.audit_log WHERE actor = 'user-3'",
    );
    await db.pool.query('ALTER TABLE gatehouse.audit_log DISABLE TRIGGER USER');
    await db.pool.query("UPDATE gatehouse.audit_log SET decision = 'denied' WHERE actor = 'user-3'");
    await db.pool.query('ALTER TABLE gatehouse.audit_log ENABLE TRIGGER USER');
    const { code, stdout, stderr } = await verify([]);
    expect(code).toBe(1);
    expect(stdout).toContain(
      `FAIL edited at stream ${rows[0]?.stream}, seq 3, id ${rows[0]?.id}: its contents do not match its hash`,
    );
    expect(stderr).toContain('BROKEN: 5 records in 1 streams, 1 problem found');
    const json = await verify(['--json']);
    expect(json.lines.map((l) => JSON.parse(l))).toEqual([
      expect.objectContaining({ kind: 'edited', severity: 'failure', seq: 3, at: `id ${rows[0]?.id}` }),
      { summary: expect.objectContaining({ ok: false, records: 5, legacy: 0 }) },
    ]);
  });

  it('verifies a log file: intact, then with a line removed, then against an anchor after a cut tail', async () => {
    const { path, lines } = await logFile('audit.jsonl', 6);
    expect((await verify(['--file', path], {})).code).toBe(0);

    const gap = join(folder, 'gap.jsonl');
    await writeFile(gap, `${lines.filter((_, i) => i !== 1).join('\n')}\n`);
    const removed = await verify(['--file', gap], {});
    expect(removed.code).toBe(1);
    expect(removed.stdout).toMatch(new RegExp(`FAIL missing at stream \\S+, seq 2, seq 3 \\(${gap}:2\\)`));

    const cut = join(folder, 'cut.jsonl');
    await writeFile(cut, `${lines.slice(0, 4).join('\n')}\n`);
    expect((await verify(['--file', cut], {})).code).toBe(0); // alone, a shorter chain is still a chain
    const anchored = await verify(['--file', cut, '--anchors', path], {});
    expect(anchored.code).toBe(1);
    expect(anchored.stdout).toContain(`FAIL truncated at stream`);
    expect(anchored.stdout).toContain(`seq 6, ${path}:6: the stream ends at seq 4 (${cut}:4)`);
  });

  it('reports a damaged line, and counts unchained lines before the chain began as legacy', async () => {
    const { lines } = await logFile('mixed.jsonl', 2);
    const old = JSON.stringify({ level: 30, ...auditRecord({ time, actor: 'old' }), msg: 'audit' });
    const mixed = join(folder, 'mixed-old.jsonl');
    await writeFile(mixed, `${old}\n${lines.join('\n')}\n{"level":30,"actor":"cut o\n`);
    const { code, stdout } = await verify(['--file', mixed], {});
    expect(code).toBe(1);
    expect(stdout).toContain('1 legacy records from before the audit was chained');
    expect(stdout).toContain(`FAIL unreadable at ${mixed}:4: not a readable audit record`);
  });

  it('refuses --file with --database-url, and a file it cannot read', async () => {
    await expect(verify(['--file', 'x', '--database-url', db.url])).rejects.toThrow(/one store at a time/);
    await expect(verify(['--file', join(folder, 'nope.jsonl')], {})).rejects.toThrow(
      /cannot read .*nope\.jsonl/,
    );
  });
});
