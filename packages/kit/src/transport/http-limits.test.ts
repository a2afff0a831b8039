import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, nestsDeeperThan, serverTimeouts } from './http-limits.ts';

const nest = (depth: number): unknown => {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
};

describe('nestsDeeperThan', () => {
  it('allows exactly the limit and refuses one level more', () => {
    expect(nestsDeeperThan(nest(MAX_JSON_DEPTH), MAX_JSON_DEPTH)).toBe(false);
    expect(nestsDeeperThan(nest(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH)).toBe(true);
    expect(nestsDeeperThan({ wide: Array.from({ length: 10_000 }, () => ({ a: [1] })) }, 4)).toBe(false);
    expect(nestsDeeperThan('scalar', 0)).toBe(false);
  });

  it('walks 200 000 levels without recursion', () => {
    expect(nestsDeeperThan(nest(200_000), MAX_JSON_DEPTH)).toBe(true);
  });
});

describe('serverTimeouts', () => {
  it('gives Node options it accepts, checking expiry well within the timeout', () => {
    for (const ms of [undefined, 200, 1_000, 30_000, 600_000]) {
      const options = serverTimeouts(ms);
      expect(() => createServer(options).close()).not.toThrow();
      expect(options.headersTimeout).toBeLessThanOrEqual(options.requestTimeout as number);
      expect(options.connectionsCheckingInterval).toBeLessThanOrEqual(
        (options.requestTimeout as number) / 4 + 50,
      );
    }
    expect(serverTimeouts().requestTimeout).toBe(30_000);
  });
});
