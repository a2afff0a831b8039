import { describe, expect, it } from 'vitest';
import { DISPATCHED_METHODS } from '../protocol/dispatch.ts';
import { applies, METHOD_KINDS, SKIPPED, STEPS } from './steps.ts';

describe('the step list', () => {
  it('runs identity first and audit last, with approval before execution and shaping after it', () => {
    expect(STEPS[0]).toBe('identity');
    expect(STEPS.at(-1)).toBe('audit');
    expect(STEPS.indexOf('authorize')).toBeLessThan(STEPS.indexOf('validate'));
    expect(STEPS.indexOf('approve')).toBeLessThan(STEPS.indexOf('execute'));
    expect(STEPS.indexOf('execute')).toBeLessThan(STEPS.indexOf('shape'));
  });

  it('never lets a kind skip identity, rate limiting, execution or the audit', () => {
    for (const kind of Object.keys(SKIPPED) as (keyof typeof SKIPPED)[]) {
      for (const step of ['identity', 'rate_limit', 'execute', 'audit'] as const) {
        expect(applies(kind, step), `${kind} ${step}`).toBe(true);
      }
    }
  });

  it('approves only tool calls', () => {
    const approving = (Object.keys(SKIPPED) as (keyof typeof SKIPPED)[]).filter((k) => applies(k, 'approve'));
    expect(approving).toEqual(['tool']);
  });

  it('gives every dispatched method a kind', () => {
    expect(new Set(Object.keys(METHOD_KINDS))).toEqual(DISPATCHED_METHODS);
  });
});
