import { describe, expect, it } from 'vitest';
import { toToolError } from './errors.ts';

// The shape of Octokit's RequestError: status, and the response GitHub sent (absent when none came back).
const httpError = (status: number, headers: Record<string, string> = {}, data: unknown = {}) =>
  Object.assign(new Error('HttpError'), { status, response: { headers, data } });

describe('toToolError', () => {
  it('tells a request that got no answer from one GitHub refused', () => {
    const noAnswer = Object.assign(new Error('connect ECONNREFUSED'), { status: 500 });
    expect(toToolError(noAnswer, 'reading x').code).toBe('upstream_unavailable');
    expect(toToolError(httpError(500), 'reading x').code).toBe('upstream_error');
    expect(toToolError(httpError(503), 'reading x').code).toBe('upstream_unavailable');
  });

  it('never repeats the message of an error that is not GitHub answering', () => {
    const error = toToolError(new TypeError('secret key material abc'), 'reading x');
    expect(error.code).toBe('upstream_error');
    expect(error.message).toContain('TypeError');
    expect(error.message).not.toContain('secret key material');
  });

  it('reads rate limits from the headers GitHub documents', () => {
    const reset = Math.floor(Date.now() / 1000) + 600;
    const primary = toToolError(
      httpError(429, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) }),
      'reading x',
    );
    expect(primary).toMatchObject({ code: 'github_rate_limited', details: { limit: 'primary' } });
    expect(primary.retryAfterSeconds).toBeGreaterThan(590);
    const secondary = toToolError(
      httpError(403, {}, { message: 'You have exceeded a secondary rate limit' }),
      'reading x',
    );
    expect(secondary).toMatchObject({ retryAfterSeconds: 60, details: { limit: 'secondary' } });
    expect(toToolError(httpError(403, { 'x-ratelimit-remaining': '12' }), 'reading x').code).toBe(
      'github_permission_denied',
    );
  });

  it('quotes GitHub validation messages and maps gone to not found', () => {
    const invalid = toToolError(
      httpError(
        422,
        {},
        { message: 'Validation Failed', errors: [{ message: 'The listed users cannot be searched' }] },
      ),
      'searching code',
    );
    expect(invalid.code).toBe('github_validation_failed');
    expect(invalid.message).toContain('Validation Failed; The listed users cannot be searched');
    expect(toToolError(httpError(410), 'reading issue 3').code).toBe('not_found');
  });
});
