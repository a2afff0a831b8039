import { describe, expect, it } from 'vitest';
import { notesGate, startCall } from '../../test/fixtures.ts';
import { authorizeStep } from './authorize.ts';
import { executeStep } from './execute.ts';
import { shapeStep } from './shape.ts';
import { validateStep } from './validate.ts';

describe('shape step', () => {
  it('turns the output into the wire result, counts its bytes, and only then calls the request ok', async () => {
    const { gate, notebook } = notesGate();
    notebook.add('keys', 'token ghp_0123456789abcdefghijABCDEFGHIJ012345 here', 'alice');
    const call = startCall(gate, 'tools/call', { name: 'get_note', arguments: { id: 'n4' } });
    authorizeStep(call);
    validateStep(call);
    await executeStep(call);
    expect(call.audit.outcome).toBe('error');
    shapeStep(call);
    expect(call.audit.outcome).toBe('ok');
    expect(call.audit.outputBytes).toBeGreaterThan(0);
    expect(JSON.stringify(call.result)).not.toContain('ghp_0123');
    expect(call.audit.redactions).toMatchObject({ github_token: 1 });
  });
});
