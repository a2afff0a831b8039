import { describe, expect, it } from 'vitest';
import { notesGate, startCall } from '../../test/fixtures.ts';
import { approveStep } from './approve-step.ts';
import { authorizeStep, authorizeTargetStep } from './authorize.ts';
import { validateStep } from './validate.ts';

function throughTarget(
  gate: ReturnType<typeof notesGate>['gate'],
  name: string,
  args: Record<string, unknown>,
) {
  const call = startCall(gate, 'tools/call', { name, arguments: args });
  authorizeStep(call);
  validateStep(call);
  authorizeTargetStep(call);
  return call;
}

describe('approve step', () => {
  it('does nothing for a read', async () => {
    const { gate } = notesGate();
    const call = throughTarget(gate, 'get_note', { id: 'n1' });
    expect(approveStep(call)).toBeUndefined();
    expect(call.approved).toBe(false);
  });

  it('stops a write with approval_required and an approval id, and lets it through once granted', async () => {
    const { gate } = notesGate();
    const first = throughTarget(gate, 'add_note', { title: 't', body: 'b' });
    const error = await Promise.resolve(approveStep(first)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'approval_required' });
    expect(first.audit.decision).toBe('approval_required');
    const id = first.audit.approvalId as string;
    expect(id).toBe((error as { details: { approvalId: string } }).details.approvalId);
    await gate.approvals.grant(id, { by: 'carol', via: 'cli' });
    const second = throughTarget(gate, 'add_note', { title: 't', body: 'b' });
    await expect(Promise.resolve(approveStep(second))).resolves.toBeUndefined();
    expect(second.approved).toBe(true);
    expect(second.audit.decision).toBe('approved');
  });

  it('names the command that grants the approval: `gatehouse approvals grant <id>`, or the configured one', async () => {
    const message = async (gate: ReturnType<typeof notesGate>['gate']) => {
      const error = (await Promise.resolve(
        approveStep(throughTarget(gate, 'add_note', { title: 't', body: 'b' })),
      ).catch((e: unknown) => e)) as { message: string; details: { approvalId: string } };
      return { text: error.message, id: error.details.approvalId };
    };
    const plain = await message(notesGate().gate);
    expect(plain.text).toContain(`(for example: gatehouse approvals grant ${plain.id})`);
    const local = await message(
      notesGate({ approvalCommand: '/home/ada/gatehouse/gatehouse approvals grant' }).gate,
    );
    expect(local.text).toContain(`(for example: /home/ada/gatehouse/gatehouse approvals grant ${local.id})`);
  });
});
