import { describe, expect, it } from 'vitest';
import { notesGate, startCall } from '../../test/fixtures.ts';
import { createMemoryAuditSink } from '../audit/sinks.ts';
import { authorizeStep } from './authorize.ts';
import { ensureAuditable, executeStep, runWithDeadline } from './execute.ts';
import { validateStep } from './validate.ts';

describe('runWithDeadline', () => {
  it('ends at the deadline even when the work ignores its signal, and aborts the signal', async () => {
    let seen: AbortSignal | undefined;
    const work = runWithDeadline(20, undefined, (signal) => {
      seen = signal;
      return new Promise(() => {});
    });
    await expect(work).rejects.toMatchObject({ code: 'timeout' });
    expect(seen?.aborted).toBe(true);
  });

  it('ends when the client cancels', async () => {
    const client = new AbortController();
    const work = runWithDeadline(10_000, client.signal, () => new Promise(() => {}));
    client.abort();
    await expect(work).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('keeps the deadline over whatever the aborted work throws afterwards', async () => {
    const work = runWithDeadline(10, undefined, (signal) => {
      return new Promise((_resolve, reject) =>
        signal.addEventListener('abort', () => reject(new Error('late'))),
      );
    });
    await expect(work).rejects.toMatchObject({ code: 'timeout' });
  });

  it('passes the result and errors of work that finishes in time', async () => {
    await expect(runWithDeadline(1000, undefined, async () => 42)).resolves.toBe(42);
    await expect(
      runWithDeadline(1000, undefined, () => {
        throw new Error('sync');
      }),
    ).rejects.toThrow('sync');
  });
});

describe('execute step', () => {
  it('runs the kind’s work and keeps its output', async () => {
    const { gate } = notesGate();
    const call = startCall(gate, 'tools/call', { name: 'get_note', arguments: { id: 'n1' } });
    authorizeStep(call);
    validateStep(call);
    await executeStep(call);
    expect(call.output).toMatchObject({ id: 'n1' });
  });

  it('refuses a write while the audit cannot take records, and reads only when told to', () => {
    const broken = { ...createMemoryAuditSink(), healthy: () => false };
    const { gate: refuseReads } = notesGate({ audit: broken, auditUnavailableReads: 'refuse' });
    expect(() => ensureAuditable(refuseReads, 'write')).toThrow(/writes are refused/);
    expect(() => ensureAuditable(refuseReads, 'read')).toThrow(/refuses reads/);
    const { gate: allowReads } = notesGate({ audit: broken });
    expect(() => ensureAuditable(allowReads, 'read')).not.toThrow();
    expect(() => ensureAuditable(allowReads, 'destructive')).toThrow(/audit log is unavailable/);
  });
});
