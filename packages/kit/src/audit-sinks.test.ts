import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditRecord, AuditSink } from './audit.ts';
import { createFanoutAuditSink, createMemoryAuditSink, createPinoAuditSink } from './audit-sinks.ts';
import { ToolError } from './errors.ts';

const record = (n: number): AuditRecord => ({
  time: '2030-01-01T00:00:00.000Z',
  actor: 'alice@example.com',
  via: 'api-key',
  client: 'test-client',
  server: 'database',
  kind: 'tool',
  name: 'run_query',
  version: '1.0.0',
  access: 'read',
  target: `table:public.t${n}`,
  decision: 'allowed',
  outcome: 'ok',
  durationMs: n,
  inputDigest: 'sha256:abc',
  redactions: { email: 1 },
  outputBytes: 42,
});

async function tempPath(name: string): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'audit-')), name);
}

describe('createPinoAuditSink', () => {
  it.each([false, true])('writes one parseable JSON line per record (sync: %s)', async (sync) => {
    const path = await tempPath('audit.log');
    const sink = createPinoAuditSink({ destination: path, sync });
    for (let i = 0; i < 50; i++) await sink.write(record(i));
    expect(sink.healthy()).toBe(true);
    await sink.close();
    expect(sink.healthy()).toBe(false);

    const lines = (await readFile(path, 'utf8')).split('\n').filter((line) => line !== '');
    expect(lines).toHaveLength(50);
    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const [i, line] of parsed.entries()) {
      expect(line).toMatchObject({ ...record(i), msg: 'audit' });
      expect(line).not.toHaveProperty('pid');
      expect(line).not.toHaveProperty('hostname');
    }
  });

  it('flushes pending records when closed', async () => {
    const path = await tempPath('audit.log');
    const sink = createPinoAuditSink({ destination: path });
    await sink.write(record(1));
    await sink.close();
    expect((await readFile(path, 'utf8')).trim().split('\n')).toHaveLength(1);
  });

  it('has the record of a write on file before write resolves', async () => {
    const path = await tempPath('audit.log');
    const sink = createPinoAuditSink({ destination: path });
    await sink.write({ ...record(1), access: 'write' });
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ access: 'write', msg: 'audit' });
    await sink.close();
  });

  it('creates missing parent folders', async () => {
    const path = join(await tempPath('nested'), 'deeper', 'audit.log');
    const sink = createPinoAuditSink({ destination: path });
    await sink.write(record(1));
    await sink.close();
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ name: 'run_query' });
  });

  it('refuses writes after close', async () => {
    const sink = createPinoAuditSink({ destination: await tempPath('audit.log') });
    await sink.close();
    await expect(sink.write(record(1))).rejects.toMatchObject({ code: 'audit_unavailable' });
  });

  it('fails closed when the destination cannot be opened', async () => {
    // A directory cannot be opened for appending.
    const sink = createPinoAuditSink({ destination: await mkdtemp(join(tmpdir(), 'audit-dir-')) });
    const error = await sink.write(record(1)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ToolError);
    expect((error as ToolError).code).toBe('audit_unavailable');
    expect(sink.healthy()).toBe(false);
    await sink.close();
  });
});

describe('createMemoryAuditSink', () => {
  it('keeps records and can be made to fail', async () => {
    const sink = createMemoryAuditSink();
    await sink.write(record(1));
    expect(sink.records).toEqual([record(1)]);

    const failure = new Error('database down');
    sink.failWith(failure);
    expect(sink.healthy()).toBe(false);
    await expect(sink.write(record(2))).rejects.toBe(failure);
    expect(sink.records).toHaveLength(1);

    sink.failWith(undefined);
    expect(sink.healthy()).toBe(true);
    await sink.write(record(3));
    expect(sink.records.map((r) => r.durationMs)).toEqual([1, 3]);

    await sink.close();
    expect(sink.healthy()).toBe(false);
    await expect(sink.write(record(4))).rejects.toMatchObject({ code: 'audit_unavailable' });
  });
});

describe('createFanoutAuditSink', () => {
  it('writes to every sink', async () => {
    const a = createMemoryAuditSink();
    const b = createMemoryAuditSink();
    const fanout = createFanoutAuditSink([a, b]);
    await fanout.write(record(1));
    expect(a.records).toHaveLength(1);
    expect(b.records).toHaveLength(1);
    expect(fanout.healthy()).toBe(true);
  });

  it('rejects when any sink rejects, after trying all of them', async () => {
    const a = createMemoryAuditSink();
    const b = createMemoryAuditSink();
    const failure = new Error('disk full');
    a.failWith(failure);
    const fanout = createFanoutAuditSink([a, b]);
    expect(fanout.healthy()).toBe(false);
    await expect(fanout.write(record(1))).rejects.toBe(failure);
    expect(b.records).toHaveLength(1);

    b.failWith(new Error('database down'));
    const both = await fanout.write(record(2)).catch((e: unknown) => e);
    expect(both).toBeInstanceOf(AggregateError);
    expect((both as AggregateError).errors).toHaveLength(2);
  });

  it('turns a sink that throws synchronously into a rejection', async () => {
    const throwing: AuditSink = {
      write: () => {
        throw new Error('boom');
      },
      healthy: () => true,
      close: async () => {},
    };
    const other = createMemoryAuditSink();
    await expect(createFanoutAuditSink([throwing, other]).write(record(1))).rejects.toThrow('boom');
    expect(other.records).toHaveLength(1);
  });

  it('closes every sink', async () => {
    const a = createMemoryAuditSink();
    const b = createMemoryAuditSink();
    await createFanoutAuditSink([a, b]).close();
    expect([a.healthy(), b.healthy()]).toEqual([false, false]);
  });
});
