import { describe, expect, it } from 'vitest';
import { notesGate, startCall } from '../../test/fixtures.ts';
import { approvalModeOf } from './approve.ts';
import { approveStep } from './approve-step.ts';
import { authorizeStep, authorizeTargetStep } from './authorize.ts';
import { validateStep } from './validate.ts';

describe('approvalModeOf', () => {
  it('is in band only when the roles and the tool both allow it', () => {
    expect(approvalModeOf('in_band', { access: 'write' })).toBe('in_band');
    expect(approvalModeOf('out_of_band', { access: 'write' })).toBe('out_of_band');
    expect(approvalModeOf('in_band', { access: 'write', approval: 'out_of_band' })).toBe('out_of_band');
  });

  it('keeps destructive tools out of band unless the tool itself says in band', () => {
    expect(approvalModeOf('in_band', { access: 'destructive' })).toBe('out_of_band');
    expect(approvalModeOf('in_band', { access: 'destructive', approval: 'in_band' })).toBe('in_band');
  });
});

describe('approve', () => {
  it('answers a repeat of a denied call with the denial and its reason, not a new request', async () => {
    const { gate } = notesGate();
    const ask = () => {
      const call = startCall(gate, 'tools/call', { name: 'add_note', arguments: { title: 't', body: 'b' } });
      authorizeStep(call);
      validateStep(call);
      authorizeTargetStep(call);
      return Promise.resolve(approveStep(call)).catch((e: unknown) => e);
    };
    const first = (await ask()) as { code: string; details: { approvalId: string } };
    expect(first.code).toBe('approval_required');
    await gate.approvals.deny(first.details.approvalId, { by: 'carol', via: 'cli' }, 'not on a Friday');
    const again = (await ask()) as { code: string; message: string };
    expect(again.code).toBe('approval_rejected');
    expect(again.message).toContain('not on a Friday');
    expect(await gate.approvals.list({ status: 'pending' })).toHaveLength(0);
  });
});
