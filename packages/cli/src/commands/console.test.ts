import { hashApiKey } from '@gatehouse/kit/operator';
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

  it('names a bad --port', async () => {
    const io = memoryContext({ GATEHOUSE_DATABASE_URL: db.url, GATEHOUSE_API_KEYS: KEYS });
    await expect(consoleCommand(['--port', 'http'], io.context)).rejects.toThrow(UsageError);
    await expect(consoleCommand(['--port', 'http'], io.context)).rejects.toThrow(/--port: expected a port/);
  });
});
