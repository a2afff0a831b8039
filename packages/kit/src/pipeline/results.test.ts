import { describe, expect, it } from 'vitest';
import { ToolError } from '../errors.ts';
import { asToolError, ERROR_META_KEY, errorResult } from './results.ts';

describe('results', () => {
  it('renders a refusal as an error result with its stable code, details and retry-after', () => {
    const result = errorResult(
      new ToolError('rate_limited', 'Slow down.', { retryAfterSeconds: 3, details: { a: 1 } }),
    );
    expect(result.isError).toBe(true);
    expect(result.content[0]?.text).toBe('Error rate_limited: Slow down. Retry after 3 s.');
    expect(result._meta?.[ERROR_META_KEY]).toEqual({
      code: 'rate_limited',
      details: { a: 1 },
      retryAfterSeconds: 3,
    });
  });

  it('hides an unexpected error behind a reference', () => {
    const error = asToolError(new Error('password=hunter2 at db'), 'ref-1');
    expect(error.code).toBe('internal_error');
    expect(error.message).toContain('ref-1');
    expect(error.message).not.toContain('hunter2');
  });
});
