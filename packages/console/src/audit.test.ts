import { ErrorCode, ToolError } from '@gatehouse/kit';
import { createMemoryAuditSink } from '@gatehouse/kit/operator';
import { describe, expect, it } from 'vitest';
import { consoleAudit } from './audit.ts';

const approval = {
  id: 'apr_1',
  actor: 'carol',
  server: 'notes',
  tool: 'add_note',
  inputDigest: 'sha256:ab',
  target: 'notebook:demo',
  summary: 'carol asks to run add_note',
  status: 'pending' as const,
  createdAt: '2030-01-01T00:00:00.000Z',
  expiresAt: '2030-01-01T00:15:00.000Z',
};

describe('the console’s audit records', () => {
  it('stores a decision’s intent before deciding, and its outcome after, as one call', async () => {
    const sink = createMemoryAuditSink();
    const audit = consoleAudit(sink);
    let seenBeforeDeciding = -1;
    await audit.decision('bob', approval, 'grant', async () => {
      seenBeforeDeciding = sink.records.length;
    });
    expect(seenBeforeDeciding).toBe(1);
    const [intent, outcome] = sink.records;
    expect(intent).toMatchObject({
      phase: 'intent',
      actor: 'bob',
      via: 'console',
      server: 'notes',
      name: 'add_note',
      target: 'notebook:demo',
      decision: 'approved',
      approvalId: 'apr_1',
      approver: 'bob',
      approvalChannel: 'console',
      access: 'write',
    });
    expect(outcome).toMatchObject({ outcome: 'ok', decision: 'approved', callId: intent?.callId });
    expect(outcome).not.toHaveProperty('phase');
  });

  it('records the store’s refusal as the outcome, with its code, and passes the error on', async () => {
    const sink = createMemoryAuditSink();
    const error = new ToolError(ErrorCode.ApprovalInvalid, 'already decided');
    await expect(
      consoleAudit(sink).decision('bob', approval, 'deny', () => Promise.reject(error)),
    ).rejects.toBe(error);
    expect(sink.records.at(-1)).toMatchObject({
      decision: 'rejected',
      outcome: 'error',
      code: 'approval_invalid',
    });
  });

  it('does not decide when the intent cannot be stored (fail closed)', async () => {
    const sink = createMemoryAuditSink();
    sink.failWith(new Error('disk gone'));
    let decided = false;
    await expect(
      consoleAudit(sink).decision('bob', approval, 'grant', async () => {
        decided = true;
      }),
    ).rejects.toThrow();
    expect(decided).toBe(false);
  });
});
