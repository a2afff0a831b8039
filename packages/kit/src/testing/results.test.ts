import { describe, expect, it } from 'vitest';
import { ToolError } from '../errors.ts';
import { errorResult } from '../pipeline/results.ts';
import { approvalIdOf, errorCodeOf, errorOf, structuredOf, textOf } from './results.ts';

const ok = { content: [{ type: 'text', text: 'id: n1' }], structuredContent: { id: 'n1' } };
const refused = errorResult(
  new ToolError('approval_required', 'A person must approve.', { details: { approvalId: 'ap_1' } }),
);

describe('result helpers', () => {
  it('read a successful result', () => {
    expect(structuredOf<{ id: string }>(ok).id).toBe('n1');
    expect(textOf(ok)).toBe('id: n1');
    expect(errorOf(ok)).toBeUndefined();
    expect(errorCodeOf(ok)).toBeUndefined();
  });

  it('read a refusal as the kit sends it', () => {
    expect(errorCodeOf(refused)).toBe('approval_required');
    expect(errorOf(refused)?.details).toEqual({ approvalId: 'ap_1' });
    expect(approvalIdOf(refused)).toBe('ap_1');
    expect(textOf(refused)).toBe('Error approval_required: A person must approve.');
  });

  it('say what was there when the expected part is missing', () => {
    expect(() => structuredOf(refused)).toThrow(/no structuredContent: \{"content"/);
    expect(() => approvalIdOf(ok)).toThrow(/no approval id in \{"content"/);
  });
});
