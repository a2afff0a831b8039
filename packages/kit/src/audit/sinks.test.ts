import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { ToolError } from '../errors.ts';
import { auditRecordHash } from './chain.ts';
import type { AuditRecord, AuditSink } from './record.ts';
import {
  createChainedAuditSink,
  createFanoutAuditSink,
  createMemoryAuditSink,
  createPinoAuditSink,
} from './sinks.ts';
import { AuditVerifier, parseAuditLine } from './verify.ts';

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

  it('chains the records it is given unchained: a log file verifies on its own', async () => {
    const path = await tempPath('audit.log');
    const sink = createPinoAuditSink({ destination: path });
    for (let i = 0; i < 5; i++) await sink.write(record(i));
    await sink.close();
    const verifier = new AuditVerifier();
    (await readFile(path, 'utf8')).split('\n').forEach((line, i) => {
      const parsed = parseAuditLine(line);
      if (parsed) verifier.add({ record: parsed, at: `audit.log:${i + 1}`, position: i + 1 });
    });
    const report = verifier.finish();
    expect(report).toMatchObject({ ok: true, records: 5, streams: [{ firstSeq: 1, lastSeq: 5 }] });
  });

  it('has a write’s intent on file before write resolves', async () => {
    const path = await tempPath('audit.log');
    const sink = createPinoAuditSink({ destination: path });
    await sink.write({ ...record(1), phase: 'intent', callId: 'c1', outcome: 'not_run' });
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ phase: 'intent', callId: 'c1' });
    await sink.close();
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
  it('writes to every sink the same chained record', async () => {
    const a = createMemoryAuditSink();
    const b = createMemoryAuditSink();
    const fanout = createFanoutAuditSink([a, b]);
    await fanout.write(record(1));
    await fanout.write(record(2));
    expect(a.records).toHaveLength(2);
    expect(b.records).toEqual(a.records);
    expect(a.records.map((r) => r.seq)).toEqual([1, 2]);
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

describe('createChainedAuditSink', () => {
  function capturedLogger() {
    const lines: Record<string, unknown>[] = [];
    return {
      lines,
      logger: pino({ level: 'info' }, { write: (l: string) => void lines.push(JSON.parse(l)) }),
    };
  }

  it('links every record in one stream named after the server, before the inner sink sees it', async () => {
    const inner = createMemoryAuditSink();
    const sink = createChainedAuditSink(inner, { server: 'database', logger: capturedLogger().logger });
    for (let i = 1; i <= 3; i++) await sink.write(record(i));
    expect(inner.records.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(new Set(inner.records.map((r) => r.stream))).toEqual(new Set([sink.head().stream]));
    expect(sink.head().stream).toMatch(/^database\//);
    for (const r of inner.records) expect(auditRecordHash(r)).toBe(r.hash);
    expect(inner.records[1]?.prevHash).toBe(inner.records[0]?.hash);
    expect(sink.head()).toMatchObject({ seq: 3, hash: inner.records[2]?.hash });
    await sink.close();
  });

  it('logs its head as an anchor when it moved and at close, and exposes its length and failures', async () => {
    const { logger, lines } = capturedLogger();
    const inner = createMemoryAuditSink();
    const sink = createChainedAuditSink(inner, { server: 'notes', logger, anchorIntervalMs: 20 });
    await sink.write(record(1));
    await new Promise((resolve) => setTimeout(resolve, 80));
    const anchors = () => lines.filter((l) => l.msg === 'audit chain head');
    expect(anchors()).toEqual([
      expect.objectContaining({ stream: sink.head().stream, seq: 1, hash: sink.head().hash }),
    ]);
    inner.failWith(new Error('disk full'));
    await expect(sink.write(record(2))).rejects.toThrow('disk full');
    expect(sink.metrics?.()).toContain(`gatehouse_audit_chain_records{stream="${sink.head().stream}"} 2`);
    expect(sink.metrics?.()).toContain('gatehouse_audit_write_failures_total 1');
    inner.failWith(undefined);
    await sink.close();
    expect(anchors().map((l) => l.seq)).toEqual([1, 2]);
  });

  it('is applied once, however often it wraps', () => {
    const sink = createChainedAuditSink(createMemoryAuditSink(), { server: 'notes' });
    expect(createChainedAuditSink(sink, { server: 'notes' })).toBe(sink);
  });
});
