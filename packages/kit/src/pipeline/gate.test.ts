import { describe, expect, it } from 'vitest';
import { ALICE, BOB, notesGate } from '../../test/fixtures.ts';

describe('gate', () => {
  it('answers the policy’s decision for each caller, name and target, and remembers it', () => {
    const { gate } = notesGate();
    const ask = (identity = ALICE, target = 'note:n3') =>
      gate.authorize({
        identity,
        kind: 'tool',
        name: 'get_note',
        scopes: ['notes:read'],
        access: 'read',
        target,
      });
    expect(ask()).toMatchObject({ allowed: true });
    expect(ask(BOB)).toMatchObject({ allowed: false });
    expect(ask(BOB, 'note:n1')).toMatchObject({ allowed: true });
    expect(ask()).toBe(ask());
  });

  it('signs cursors and approval state with separate purposes, so one cannot stand for the other', () => {
    const { gate } = notesGate();
    const cursor = gate.cursors.sign({ o: 1 });
    expect(gate.cursors.verify(cursor)).toEqual({ o: 1 });
    expect(gate.approvalState.verify(cursor)).toBeUndefined();
  });
});
