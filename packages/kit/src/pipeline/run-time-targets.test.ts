import { describe, expect, it } from 'vitest';
import { BOB, notesGate, startCall } from '../../test/fixtures.ts';
import { RunTimeTargets } from './run-time-targets.ts';

function targets(approved = false) {
  const { gate } = notesGate();
  const call = startCall(gate, 'tools/call', {}, BOB);
  const request = {
    identity: BOB,
    kind: 'tool' as const,
    name: 'get_note',
    scopes: ['notes:read'],
    access: 'read' as const,
  };
  return { audit: call.audit, checks: new RunTimeTargets(gate, request, call.audit, approved) };
}

describe('RunTimeTargets', () => {
  it('passes allowed targets and lists each once for the audit', () => {
    const { audit, checks } = targets();
    checks.authorize('note:n1');
    checks.authorize('note:n1');
    checks.authorize('note:n2');
    expect(audit.runTimeTargets).toEqual(['note:n1', 'note:n2']);
  });

  it('keeps the first refusal: it ends the call even if the work caught it', async () => {
    const { audit, checks } = targets();
    expect(() => checks.authorize('note:n3')).toThrow(/note:n3/);
    expect(audit.refusedTarget).toBe('note:n3');
    expect(audit.decision).toBe('denied');
    await expect(checks.settle(Promise.resolve('done anyway'))).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('answers mayAccess without refusing anything', () => {
    const { audit, checks } = targets();
    expect(checks.mayAccess('note:n3')).toBe(false);
    expect(checks.mayAccess('note:n1')).toBe(true);
    expect(audit.refusedTarget).toBeUndefined();
    expect(checks.refusal).toBeUndefined();
  });
});
