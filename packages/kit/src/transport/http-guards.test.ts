import { describe, expect, it } from 'vitest';
import { createHostGuard, isLoopbackHost } from './http-guards.ts';

describe('isLoopbackHost', () => {
  it('accepts loopback addresses in any spelling URL parsing produces', () => {
    for (const host of [
      'localhost',
      'LOCALHOST',
      '127.0.0.1',
      '127.3.4.5',
      '::1',
      '[::1]',
      '0:0:0:0:0:0:0:1',
    ]) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
  });

  it('refuses DNS names that merely start like a loopback address', () => {
    for (const host of [
      '127.evil.example',
      '127.0.0.1.evil.example',
      'localhost.evil.example',
      '::2',
      '1.2.3.4',
    ]) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });
});

describe('createHostGuard on a loopback bind address', () => {
  const guard = createHostGuard('127.0.0.1', undefined, ['https://app.example.com']);

  it('lets loopback origins through, by their parsed host', () => {
    for (const origin of [
      'http://localhost:6274',
      'http://127.0.0.1',
      'https://[::1]:8443',
      'http://127.1',
    ]) {
      expect(guard.check('127.0.0.1:3100', origin), origin).toBeUndefined();
    }
    expect(guard.check('localhost:3100', 'https://app.example.com/')).toBeUndefined();
  });

  it('refuses look-alike and non-http origins', () => {
    for (const origin of [
      'http://127.evil.example',
      'http://127.0.0.1.evil.example:3100',
      'http://localhost.evil.example',
      'null',
      'file://127.0.0.1',
      'https://app.example.com.evil.example',
    ]) {
      expect(guard.check('127.0.0.1:3100', origin), origin).toMatch(/Origin .* is not allowed/);
    }
  });

  it('refuses a foreign or missing Host', () => {
    expect(guard.check('evil.example:3100', undefined)).toMatch(/DNS rebinding/);
    expect(guard.check('127.evil.example', undefined)).toMatch(/DNS rebinding/);
    expect(guard.check(undefined, undefined)).toMatch(/no Host header/);
  });
});
