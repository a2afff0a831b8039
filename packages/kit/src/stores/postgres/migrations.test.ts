import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migratePostgres, migrationChecksum, pendingMigrations } from './migrations.ts';
import { useFreshDatabases } from './test-database.ts';

const freshDatabase = useFreshDatabases('migrations');

// A row as an older build stored it: no chain.
const UNCHAINED_INSERT = `INSERT INTO gatehouse.audit_log (time, actor, via, server, kind, name, version, decision,
  outcome, duration_ms, output_bytes) VALUES (now(), 'old', 'stdio', 's', 'tool', 't', '1.0.0', 'allowed', 'ok', 1, 0)`;

const everyMigration = MIGRATIONS.map((m) => `${String(m.version).padStart(4, '0')}-${m.name}`);

describe('migratePostgres', () => {
  it('applies every migration once, then nothing', async () => {
    const pool = (await freshDatabase()).open();
    expect(await pendingMigrations(pool)).toEqual(everyMigration);
    expect(await migratePostgres(pool)).toEqual({ applied: everyMigration });
    expect(await pendingMigrations(pool)).toEqual([]);
    expect(await migratePostgres(pool)).toEqual({ applied: [] });
    const { rows } = await pool.query(
      'SELECT version, name, checksum, applied_at FROM gatehouse.gatehouse_schema_migrations',
    );
    expect(rows).toHaveLength(MIGRATIONS.length);
    expect(rows[0]).toMatchObject({
      version: 1,
      name: 'initial',
      checksum: expect.stringMatching(/^sha256:/),
    });
  });

  it('keeps the text of every released migration: its checksum is what databases have recorded', () => {
    // A failure here means a released migration was edited: restore it and add the next version instead.
    expect(MIGRATIONS.map((m) => [m.version, m.name, migrationChecksum(m)])).toEqual([
      [1, 'initial', 'sha256:cb16ea58f0c0e5d4e20e365fbd526e774c3d639fcba1441abbb360524cf5863a'],
      [2, 'audit-targets', 'sha256:fb069f3919838ac9f3d346f98003dd95f7ae4625e9f9f6ea865d8b666975b75e'],
      [3, 'approval-channel', 'sha256:35afe436831525035032a2c1570cff20e832a2e774a34e172d27625f056a497e'],
      [4, 'audit-chain', 'sha256:fae4b5be221ab55cb480707f135b3cd82ab72621c106ccf1e81b1b99ca34bddc'],
      [5, 'audit-lookups', 'sha256:d810dcd49158849709daee1f48234b0e0a8fbceca14d4a272834fdb8a5c9ff56'],
    ]);
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it('upgrades a database an older build migrated: only the new migrations run, old rows are kept', async () => {
    const pool = (await freshDatabase()).open();
    const [first, ...later] = MIGRATIONS;
    expect(await migratePostgres(pool, [first!])).toEqual({ applied: ['0001-initial'] });
    await pool.query(UNCHAINED_INSERT);
    expect(await pendingMigrations(pool)).toEqual(everyMigration.slice(1));
    expect(await migratePostgres(pool)).toEqual({ applied: later.map((_, i) => everyMigration[i + 1]) });
    const { rows } = await pool.query('SELECT id::text, actor, targets, stream FROM gatehouse.audit_log');
    expect(rows).toEqual([{ id: expect.any(String), actor: 'old', targets: null, stream: null }]);
    // The old row is the legacy segment: remembered as such, while every new row must be chained.
    const start = await pool.query('SELECT last_legacy_id::text AS id FROM gatehouse.audit_chain_start');
    expect(start.rows).toEqual([{ id: rows[0].id }]);
    await expect(pool.query(UNCHAINED_INSERT)).rejects.toThrow(/audit_log_chained/);
  });

  it('lets replicas start at once: one applies, the others wait and find nothing to do', async () => {
    const db = await freshDatabase();
    const results = await Promise.all(Array.from({ length: 4 }, () => migratePostgres(db.open())));
    const applied = results.map((r) => r.applied);
    expect(applied.filter((a) => a.length > 0)).toEqual([everyMigration]);
    expect(applied.filter((a) => a.length === 0)).toHaveLength(3);
  });

  it('refuses a database whose applied migration was changed, saying so', async () => {
    const pool = (await freshDatabase()).open();
    await migratePostgres(pool);
    await pool.query(
      "UPDATE gatehouse.gatehouse_schema_migrations SET checksum = 'sha256:edited' WHERE version = 1",
    );
    await expect(migratePostgres(pool)).rejects.toThrow(
      /migration 0001-initial was changed after it was applied: its checksum .* is sha256:edited/,
    );
    await expect(pendingMigrations(pool)).rejects.toThrow(/changed after it was applied/);
  });

  it('checks the checksum of the newest migration too', async () => {
    const pool = (await freshDatabase()).open();
    await migratePostgres(pool);
    await pool.query(
      "UPDATE gatehouse.gatehouse_schema_migrations SET checksum = 'sha256:edited' WHERE version = 2",
    );
    await expect(migratePostgres(pool)).rejects.toThrow(
      /migration 0002-audit-targets was changed after it was applied: its checksum .* is sha256:edited/,
    );
  });

  it('refuses a database migrated by a newer build', async () => {
    const pool = (await freshDatabase()).open();
    await migratePostgres(pool);
    await pool.query(
      "INSERT INTO gatehouse.gatehouse_schema_migrations (version, name, checksum) VALUES (999, 'future', 'x')",
    );
    await expect(migratePostgres(pool)).rejects.toThrow(/migration 999 \(future\) that this build/);
  });

  it('makes the audit log append-only, even for its owner', async () => {
    const pool = (await freshDatabase()).open();
    await migratePostgres(pool);
    await pool.query(
      `INSERT INTO gatehouse.audit_log (time, actor, via, server, kind, name, version, decision, outcome,
         duration_ms, output_bytes, stream, seq, prev_hash, hash)
       VALUES (now(), 'a', 'stdio', 's', 'tool', 't', '1.0.0', 'allowed', 'ok', 1, 0, 's/1', 1, '0', '1')`,
    );
    for (const statement of [
      "UPDATE gatehouse.audit_log SET actor = 'mallory'",
      'DELETE FROM gatehouse.audit_log',
      'TRUNCATE gatehouse.audit_log',
    ]) {
      await expect(pool.query(statement), statement).rejects.toThrow(/gatehouse.audit_log is append-only/);
    }
    const { rows } = await pool.query('SELECT actor FROM gatehouse.audit_log');
    expect(rows).toEqual([{ actor: 'a' }]);
  });
});
