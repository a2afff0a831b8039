import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { notesGate, startCall } from '../../test/fixtures.ts';
import { authorizeStep } from './authorize.ts';
import { describeZodError, parseInput, validateStep } from './validate.ts';

describe('validate step', () => {
  it('refuses undeclared arguments and names the field and rule', () => {
    const { gate } = notesGate();
    const call = startCall(gate, 'tools/call', { name: 'get_note', arguments: { id: 'n1', extra: 1 } });
    authorizeStep(call);
    expect(() => validateStep(call)).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });

  it('keeps the parsed input and binds its digest for the audit', () => {
    const { gate } = notesGate();
    const call = startCall(gate, 'tools/call', { name: 'get_note', arguments: { id: 'n1' } });
    authorizeStep(call);
    validateStep(call);
    expect(call.input).toEqual({ id: 'n1' });
    expect(call.audit.inputDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('refuses a cursor issued for other arguments', () => {
    const { gate } = notesGate();
    const cursor = gate.cursors.sign({ t: 'list_notes', a: 'alice', d: 'x', o: 5 });
    const call = startCall(gate, 'tools/call', { name: 'list_notes', arguments: { cursor } });
    authorizeStep(call);
    expect(() => validateStep(call)).toThrow(expect.objectContaining({ code: 'invalid_cursor' }));
  });

  it('validates prompt arguments with the prompt’s schema', () => {
    const { gate } = notesGate();
    const call = startCall(gate, 'prompts/get', { name: 'summarize_notes', arguments: { nope: 'x' } });
    authorizeStep(call);
    expect(() => validateStep(call)).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });

  it('describes at most ten problems, each with its field', () => {
    const schema = z.object(Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`f${i}`, z.string()])));
    const error = schema.safeParse({}).error as z.ZodError;
    const text = describeZodError('t', error);
    expect(text).toContain('f0: ');
    expect(text).toContain('…and 2 more problems');
    expect(() => parseInput(schema, {}, 't')).toThrow(/Invalid arguments for t/);
  });
});
