import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { jsonNestsDeeperThan, MAX_JSON_DEPTH, serverTimeouts } from './http-limits.ts';

const nest = (depth: number): unknown => {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
};
const deeper = (value: unknown, max: number) => jsonNestsDeeperThan(JSON.stringify(value), max);

describe('jsonNestsDeeperThan', () => {
  it('allows exactly the limit and refuses one level more', () => {
    expect(deeper(nest(MAX_JSON_DEPTH), MAX_JSON_DEPTH)).toBe(false);
    expect(deeper(nest(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH)).toBe(true);
    expect(deeper({ wide: Array.from({ length: 10_000 }, () => ({ a: [1] })) }, 4)).toBe(false);
    expect(deeper('scalar', 0)).toBe(false);
    expect(deeper([[[]]], 2)).toBe(true);
    expect(deeper([[], [], []], 1)).toBe(true);
    expect(deeper([[], [], []], 2)).toBe(false);
  });

  it('does not count brackets inside strings, whatever escapes precede their quotes', () => {
    const text = (s: string) => JSON.stringify({ s, t: [s, { u: s }] });
    for (const s of ['[[[[[[[[', '{{{{{{{{', '\\"[[[[[[[[', '"\\', '\\\\', '\\"{{{{\\', '\u005b[[[[']) {
      // Three real levels; the string holds many brackets.
      expect(jsonNestsDeeperThan(text(s.repeat(20)), 3), s).toBe(false);
      expect(jsonNestsDeeperThan(text(s.repeat(20)), 2), s).toBe(true);
    }
  });

  // Quadratic rescanning of backslash runs would not finish these within the test's timeout.
  it('reads 200 000 levels and long runs of escaped quotes and backslashes', () => {
    expect(jsonNestsDeeperThan(`${'[{"a":'.repeat(100_000)}1${'}]'.repeat(100_000)}`, MAX_JSON_DEPTH)).toBe(
      true,
    );
    const quotes = JSON.stringify(['"'.repeat(500_000), '\\'.repeat(500_000), [[]]]);
    expect(jsonNestsDeeperThan(quotes, 3)).toBe(false);
    expect(jsonNestsDeeperThan(quotes, 2)).toBe(true);
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
