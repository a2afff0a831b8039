import { describe, expect, it } from 'vitest';
import { notesGate, startCall } from '../../test/fixtures.ts';
import { identityStep } from './identity.ts';

describe('identity step', () => {
  it('lets a request with an actor through', () => {
    const { gate } = notesGate();
    expect(() => identityStep(startCall(gate, 'ping', {}))).not.toThrow();
  });

  it('refuses a request that reached the pipeline with no actor', () => {
    const { gate } = notesGate();
    const call = startCall(gate, 'ping', {}, { actor: '', roles: [], scopes: [], via: 'stdio' });
    expect(() => identityStep(call)).toThrow(expect.objectContaining({ code: 'unauthenticated' }));
  });
});
