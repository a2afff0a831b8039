import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freeLoopbackPort, type RunningPostgres, startEmbeddedPostgres } from '@gatehouse/embedded-pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryContext } from './context.ts';
import { databaseUrl, describeDatabase, openDatabase, withDatabase } from './database.ts';
import { CommandFailure, UsageError } from './errors.ts';
import { writeLocalState } from './local-state.ts';

let cluster: RunningPostgres;
beforeAll(async () => {
  cluster = await startEmbeddedPostgres();
});
afterAll(async () => {
  await cluster?.stop();
});

const env = (value?: string) =>
  memoryContext(value === undefined ? {} : { GATEHOUSE_DATABASE_URL: value }).context;

describe('databaseUrl', () => {
  it('takes --database-url over GATEHOUSE_DATABASE_URL', () => {
    expect(databaseUrl('postgres://a@x/one', env('postgres://b@y/two'), 'H').hostname).toBe('x');
    expect(databaseUrl(undefined, env('postgresql://b@y/two'), 'H').hostname).toBe('y');
  });

  it('refuses a missing or wrong URL without echoing it (it may hold a password)', () => {
    expect(() => databaseUrl(undefined, env(), 'H')).toThrow(UsageError);
    expect(() => databaseUrl(undefined, env('  '), 'H')).toThrow(/no database/);
    const notUrl = () => databaseUrl('secretpw@db', env(), 'H');
    expect(notUrl).toThrow('--database-url: not a URL; expected postgres://user:password@host:port/database');
    expect(() => databaseUrl(undefined, env('mysql://u:pw@h/d'), 'H')).toThrow(
      'GATEHOUSE_DATABASE_URL: expected a postgres:// URL, got mysql://',
    );
  });

  it('finds the database of a running ./gatehouse start with no flags, from its state folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gatehouse-state-'));
    const url = 'postgres://gatehouse:pw@127.0.0.1:6001/gatehouse';
    const local = (pid: number) =>
      writeLocalState(dir, {
        version: 1,
        postgres: { superuserPassword: 's', gatehousePassword: 'pw' },
        key: { hash: 'sha256:x', actor: 'local-dev', roles: ['writer'], createdAt: 'now' },
        signingKey: 'k',
        running: { pid, startedAt: 'now', databaseUrl: url, servers: {}, approvalCommand: 'g' },
      });
    const ctx = (extra: NodeJS.ProcessEnv = {}) =>
      memoryContext({ GATEHOUSE_STATE_DIR: dir, ...extra }).context;
    expect(() => databaseUrl(undefined, ctx(), 'H')).toThrow(
      `no database: start the local servers (./gatehouse start, which keeps its state in ${dir}), or pass --database-url or set GATEHOUSE_DATABASE_URL`,
    );
    local(process.pid);
    expect(databaseUrl(undefined, ctx(), 'H').href).toBe(url);
    // What is configured comes first.
    expect(databaseUrl(undefined, ctx({ GATEHOUSE_DATABASE_URL: 'postgres://b@y/two' }), 'H').hostname).toBe(
      'y',
    );
    // A start that is no longer running is no database.
    local(2 ** 22 + 7);
    expect(() => databaseUrl(undefined, ctx(), 'H')).toThrow(/^no database: start the local servers/);
  });

  it('describes where a database is, never with its password', () => {
    expect(describeDatabase(new URL('postgres://gate%40house:s3cret@db.internal:6543/audit'))).toBe(
      'gate@house@db.internal:6543/audit',
    );
    expect(describeDatabase(new URL('postgres://db.internal'))).toBe('db.internal:5432/(default database)');
  });
});

describe('openDatabase', () => {
  it('says which host it could not reach, without the password', async () => {
    const port = await freeLoopbackPort();
    const attempt = openDatabase(new URL(`postgres://gatehouse:hunter2secret@127.0.0.1:${port}/gatehouse`));
    await expect(attempt).rejects.toThrow(CommandFailure);
    const message = await attempt.catch((error: Error) => error.message);
    expect(message).toContain(`cannot connect to PostgreSQL at gatehouse@127.0.0.1:${port}/gatehouse:`);
    expect(message).toMatch(/ECONNREFUSED/);
    expect(message).not.toContain('hunter2secret');
  });

  it('reports a refused login without the password', async () => {
    const url = new URL(cluster.url());
    url.password = 'wrong-password-123';
    const message = await openDatabase(url).catch((error: Error) => error.message);
    expect(message).toMatch(/password authentication failed/);
    expect(message).toContain(`127.0.0.1:${cluster.port}/postgres`);
    expect(message).not.toContain('wrong-password-123');
  });

  it('explains missing Gatehouse tables', async () => {
    const result = withDatabase(new URL(cluster.url()), async (db) => {
      try {
        return await db.pool.query('SELECT * FROM gatehouse.approvals');
      } catch (error) {
        throw db.failure(error, 'cannot list approvals');
      }
    });
    await expect(result).rejects.toThrow(
      /cannot list approvals: the Gatehouse tables do not exist in postgres@127\.0\.0\.1:\d+\/postgres; run "gatehouse migrate"/,
    );
  });
});
