import { queryAuditRecords } from '@gatehouse/kit/operator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsole } from './server.ts';
import { cookieOf, startTestConsole, TEST_API_KEYS, type TestConsole } from './test-database.ts';
import { startTestAuthorizationServer, type TestAuthorizationServer } from './test-oauth.ts';

let t: TestConsole;
let as: TestAuthorizationServer;
let base: string;
let close: () => Promise<void>;

beforeAll(async () => {
  t = await startTestConsole();
  as = await startTestAuthorizationServer();
  const running = await startConsole({ pool: t.pool, apiKeys: TEST_API_KEYS, oauth: as.options });
  base = running.url;
  close = () => running.close();
});
afterAll(async () => {
  await close?.();
  await as?.close();
  await t?.stop();
});

const manual = (cookie?: string) => ({
  redirect: 'manual' as const,
  ...(cookie === undefined ? {} : { headers: { cookie } }),
});

/** Starts a sign-in as a browser would; returns its pre-session cookie and the provider's redirect back. */
async function startSignIn(): Promise<{ browser: string; callback: string }> {
  const start = await fetch(new URL('/login/oauth', base), manual());
  expect(start.status).toBe(303);
  const authorize = new URL(start.headers.get('location') as string);
  expect(authorize.origin).toBe(as.base);
  expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorize.searchParams.get('redirect_uri')).toBe(new URL('/oauth/callback', base).href);
  const back = await fetch(authorize, manual());
  return { browser: cookieOf(start), callback: back.headers.get('location') as string };
}

describe('sign-in through the identity provider', () => {
  it('signs in as the token’s subject with its roles, and the state cannot be used twice', async () => {
    as.signInAs({ sub: 'olivia', roles: ['approver'] });
    const { browser, callback } = await startSignIn();
    expect(browser).toMatch(/^gatehouse_console_login=/);
    const done = await fetch(callback, manual(browser));
    expect(done.status).toBe(200);
    const session = done.headers.getSetCookie().find((c) => c.startsWith('gatehouse_console='));
    expect(session).toMatch(/HttpOnly; SameSite=Strict/);
    const inbox = await fetch(new URL('/', base), manual((session as string).split(';')[0]));
    const html = await inbox.text();
    expect(html).toContain('Signed in as <b>olivia</b>');
    const again = await fetch(callback, manual(browser));
    expect(again.status).toBe(401);
    expect(again.headers.get('x-gatehouse-error')).toBe('oauth_state_invalid');
  });

  it('refuses to finish a sign-in another browser started (login CSRF)', async () => {
    const { callback } = await startSignIn();
    const other = await fetch(new URL('/login', base));
    const res = await fetch(callback, manual(cookieOf(other)));
    expect(res.status).toBe(401);
    expect(res.headers.get('x-gatehouse-error')).toBe('oauth_state_invalid');
    expect(res.headers.getSetCookie().join()).not.toContain('gatehouse_console=');
  });

  it('refuses a token issued for another audience, and audits the refusal', async () => {
    as.signInAs({ sub: 'mallory', roles: ['approver'], audience: 'https://mcp.example.com/mcp' });
    const before = new Date();
    const { browser, callback } = await startSignIn();
    const res = await fetch(callback, manual(browser));
    expect(res.status).toBe(401);
    expect(res.headers.get('x-gatehouse-error')).toBe('oauth_token_invalid');
    await expect
      .poll(() => queryAuditRecords(t.pool, { server: 'console', tool: 'sign_in', since: before }))
      .toMatchObject([{ code: 'oauth_token_invalid', decision: 'denied' }]);
  });

  it('refuses a code the provider will not redeem (the PKCE verifier does not match)', async () => {
    as.signInAs({ sub: 'olivia', roles: ['approver'] });
    const { browser, callback } = await startSignIn();
    // The provider's code, but redeemed with a state of a new sign-in whose verifier differs.
    const code = new URL(callback).searchParams.get('code') as string;
    const second = await startSignIn();
    const swapped = new URL(second.callback);
    swapped.searchParams.set('code', code);
    const res = await fetch(swapped, manual(second.browser));
    expect(res.headers.get('x-gatehouse-error')).toBe('oauth_refused');
    expect(browser).not.toBe(second.browser);
  });
});
