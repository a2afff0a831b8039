import { describe, expect, it } from 'vitest';
import { BOB, notesGate, startCall } from '../../test/fixtures.ts';
import { authorizeStep, authorizeTargetStep } from './authorize.ts';
import { validateStep } from './validate.ts';

describe('authorize step', () => {
  it('resolves the name and refuses a tool the caller has no role for, before reading any input', () => {
    const { gate } = notesGate();
    const call = startCall(gate, 'tools/call', { name: 'add_note', arguments: { bogus: true } }, BOB);
    expect(() => authorizeStep(call)).toThrow(expect.objectContaining({ code: 'forbidden' }));
    expect(call.audit.name).toBe('add_note');
    expect(call.input).toEqual({});
  });

  it('names an unknown tool as unknown, not forbidden', () => {
    const { gate } = notesGate();
    const call = startCall(gate, 'tools/call', { name: 'nope' });
    expect(() => authorizeStep(call)).toThrow(expect.objectContaining({ code: 'unknown_tool' }));
  });

  it('checks the target of the validated input and records it for the audit', () => {
    const { gate } = notesGate();
    const call = startCall(gate, 'tools/call', { name: 'get_note', arguments: { id: 'n3' } }, BOB);
    authorizeStep(call);
    validateStep(call);
    expect(() => authorizeTargetStep(call)).toThrow(/note:n3/);
    expect(call.audit.target).toBe('note:n3');
  });

  it('allows a target in the caller’s allowlist and keeps the decision for the approval step', () => {
    const { gate } = notesGate();
    const call = startCall(gate, 'tools/call', { name: 'add_note', arguments: { title: 't', body: 'b' } });
    authorizeStep(call);
    validateStep(call);
    authorizeTargetStep(call);
    expect(call.decision).toMatchObject({ allowed: true, approvalRequired: true });
  });
});
