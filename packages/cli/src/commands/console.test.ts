import { hashApiKey } from '@gatehouse/kit/operator';
import { startTestIssuer } from '@gatehouse/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../../test/support.ts';
import { memoryContext } from '../context.ts';
import { CommandFailure, UsageError } from '../errors.ts';
import { consoleCommand } from './console.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await startTestDatabase();
});
afterAll(async () => {
  await db?.stop();
});

const KEYS = JSON.stringify([
  { hash: hashApiKey('gh_console_cli_test_key'), actor: 'bob', roles: ['approver'] },
]);

describe('gatehouse console', () => {
  it('serves the sign-in page over the store until interrupted', async () => {
    const stop = new AbortController();
    const io = memoryContext({ GATEHOUSE_DATABASE_URL: db.url, GATEHOUSE_API_KEYS: KEYS }, stop.signal);
    const running = consoleCommand(['--port', '0'], io.context);
    await expect.poll(() => io.stderr.join('\n'), { timeout: 10_000 }).toMatch(/console serving at/);
    const url = /console serving at (\S+)/.exec(io.stderr.join('\n'))?.[1] as string;
    const login = await fetch(new URL('/login', url));
    expect(login.status).toBe(200);
    expect(await login.text()).toContain('API key');
    stop.abort();
    expect(await running).toBe(0);
    await expect(fetch(new URL('/login', url))).rejects.toThrow();
  });

  it('refuses to serve when nobody could sign in, or when a key entry is malformed', async () => {
    const none = memoryContext({ GATEHOUSE_DATABASE_URL: db.url });
    await expect(consoleCommand([], none.context)).rejects.toThrow(CommandFailure);
    const bad = memoryContext({ GATEHOUSE_DATABASE_URL: db.url, GATEHOUSE_API_KEYS: '[{"actor":"x"}]' });
    await expect(consoleCommand([], bad.context)).rejects.toThrow(/GATEHOUSE_API_KEYS\[0\.hash\]/);
  });

  it('signs in through the servers’ identity provider when the console has a client id, even with no keys', async () => {
    const issuer = await startTestIssuer();
    const stop = new AbortController();
    try {
      const env = {
        GATEHOUSE_DATABASE_URL: db.url,
        GATEHOUSE_OAUTH_ISSUER: issuer.issuer,
        GATEHOUSE_CONSOLE_OAUTH_CLIENT_ID: 'gatehouse-console',
      };
      const io = memoryContext(env, stop.signal);
      const running = consoleCommand(['--port', '0'], io.context);
      await expect.poll(() => io.stderr.join('\n'), { timeout: 10_000 }).toMatch(/console serving at/);
      const url = /console serving at (\S+)/.exec(io.stderr.join('\n'))?.[1] as string;
      const start = await fetch(new URL('/login/oauth', url), { redirect: 'manual' });
      const authorize = new URL(start.headers.get('location') as string);
      expect(`${authorize.origin}${authorize.pathname}`).toBe(`${issuer.issuer}/authorize`);
      expect(authorize.searchParams.get('client_id')).toBe('gatehouse-console');
      stop.abort();
      expect(await running).toBe(0);
      const noIssuer = memoryContext({ ...env, GATEHOUSE_OAUTH_ISSUER: '' });
      await expect(consoleCommand([], noIssuer.context)).rejects.toThrow(/GATEHOUSE_OAUTH_ISSUER: required/);
    } finally {
      stop.abort();
      await issuer.close();
    }
  });

  it('names a bad --port', async () => {
    const io = memoryContext({ GATEHOUSE_DATABASE_URL: db.url, GATEHOUSE_API_KEYS: KEYS });
    await expect(consoleCommand(['--port', 'http'], io.context)).rejects.toThrow(UsageError);
    await expect(consoleCommand(['--port', 'http'], io.context)).rejects.toThrow(/--port: expected a port/);
  });
});
