import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_OAUTH, type FakeJira, startFakeJira } from '../../test/fake-jira.ts';
import { OAuthTokens } from './oauth.ts';
import { fileRefreshTokenStore, memoryRefreshTokenStore } from './refresh-token-store.ts';

let fake: FakeJira;
beforeAll(async () => {
  fake = await startFakeJira();
});
beforeEach(() => fake.reset());
afterAll(() => fake.close());

function tokens(options: { refreshToken?: string; clientSecret?: string; now?: () => number } = {}) {
  return new OAuthTokens({
    tokenUrl: `${fake.url}/oauth/token`,
    clientId: FAKE_OAUTH.clientId,
    clientSecret: options.clientSecret ?? FAKE_OAUTH.clientSecret,
    store: memoryRefreshTokenStore(options.refreshToken ?? FAKE_OAUTH.refreshToken),
    timeoutMs: 2000,
    ...(options.now ? { now: options.now } : {}),
  });
}

describe('OAuthTokens', () => {
  it('mints once for many concurrent callers, then reuses the token until a minute before it expires', async () => {
    let now = 1_000_000;
    const oauth = tokens({ now: () => now });
    const first = await Promise.all(Array.from({ length: 5 }, () => oauth.accessToken()));
    expect(new Set(first)).toEqual(new Set(['oauth-access-1-for-tests']));
    expect(fake.oauth.tokenRequests).toHaveLength(1);
    now += 3600_000 - 61_000;
    expect(await oauth.accessToken()).toBe('oauth-access-1-for-tests');
    now += 2_000; // inside the minute before expiry
    expect(await oauth.accessToken()).toBe('oauth-access-2-for-tests');
    // Each refresh spent the rotated token the previous one returned (the fake refuses any other).
    expect(fake.oauth.tokenRequests.map((r) => r.refresh_token)).toEqual([
      FAKE_OAUTH.refreshToken,
      'oauth-refresh-1-for-tests',
    ]);
  });

  it('refreshes after a 401 once, however many requests saw the same rejected token', async () => {
    const oauth = tokens();
    const rejected = await oauth.accessToken();
    const renewed = await Promise.all(Array.from({ length: 4 }, () => oauth.afterUnauthorized(rejected)));
    expect(new Set(renewed)).toEqual(new Set(['oauth-access-2-for-tests']));
    // A late 401 of the old token does not spend the refresh token again.
    expect(await oauth.afterUnauthorized(rejected)).toBe('oauth-access-2-for-tests');
    expect(fake.oauth.tokenRequests).toHaveLength(2);
  });

  it('says which settings to fix, quoting no token, secret or endpoint body', async () => {
    const spent = tokens({ refreshToken: 'oauth-refresh-spent' });
    const error = await spent.accessToken().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'jira_oauth_failed' });
    expect(String((error as Error).message)).toContain('GATEHOUSE_JIRA_OAUTH_REFRESH_TOKEN');
    expect(JSON.stringify(error)).not.toContain('oauth-refresh-spent');
    expect(String((error as Error).message)).not.toContain('Unknown or invalid');

    const wrongApp = await tokens({ clientSecret: 'not-the-secret' })
      .accessToken()
      .catch((e: unknown) => e);
    expect(String((wrongApp as Error).message)).toContain('GATEHOUSE_JIRA_OAUTH_CLIENT_SECRET');
    expect(JSON.stringify(wrongApp) + String((wrongApp as Error).message)).not.toContain('not-the-secret');
  });

  it('answers upstream_unavailable when the token endpoint cannot be reached', async () => {
    const oauth = new OAuthTokens({
      tokenUrl: 'http://127.0.0.1:9/oauth/token',
      clientId: FAKE_OAUTH.clientId,
      clientSecret: FAKE_OAUTH.clientSecret,
      store: memoryRefreshTokenStore(FAKE_OAUTH.refreshToken),
      timeoutMs: 2000,
    });
    await expect(oauth.accessToken()).rejects.toMatchObject({ code: 'upstream_unavailable' });
  });
});

describe('fileRefreshTokenStore', () => {
  it('keeps the rotated token in a 0600 file that wins over the configured (spent) one', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'jira-oauth-')), 'state.json');
    const oauth = new OAuthTokens({
      tokenUrl: `${fake.url}/oauth/token`,
      clientId: FAKE_OAUTH.clientId,
      clientSecret: FAKE_OAUTH.clientSecret,
      store: fileRefreshTokenStore(path, FAKE_OAUTH.refreshToken),
      timeoutMs: 2000,
    });
    await oauth.accessToken();
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({
      refreshToken: 'oauth-refresh-1-for-tests',
    });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    // A restart: the configured token was rotated away, the file's is the live one.
    const restarted = fileRefreshTokenStore(path, FAKE_OAUTH.refreshToken);
    expect(await restarted.load()).toBe('oauth-refresh-1-for-tests');
  });

  it('falls back to the configured token when the file is missing or not its JSON', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'jira-oauth-'));
    expect(await fileRefreshTokenStore(join(dir, 'none.json'), 'configured').load()).toBe('configured');
    await writeFile(join(dir, 'bad.json'), 'not json');
    expect(await fileRefreshTokenStore(join(dir, 'bad.json'), 'configured').load()).toBe('configured');
  });
});
