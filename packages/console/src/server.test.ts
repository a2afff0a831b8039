import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, startTestConsole, type TestConsole, writeRequest } from './test-database.ts';

let t: TestConsole;
beforeAll(async () => {
  t = await startTestConsole();
});
afterAll(async () => {
  await t?.stop();
});

const url = (path: string) => new URL(path, t.console.url).href;
const form = (fields: Record<string, string>) => ({
  method: 'POST',
  redirect: 'manual' as const,
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});
const csrfIn = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)?.[1] as string;
const cookieOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');

/** Signs in through the real form; returns the session cookie and the session's CSRF token. */
async function signIn(key: string): Promise<{ cookie: string; csrf: string }> {
  const login = await fetch(url('/login'));
  const res = await fetch(url('/login'), {
    ...form({ csrf: csrfIn(await login.text()), key }),
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieOf(login) },
  });
  expect(res.status).toBe(303);
  const cookie = cookieOf(res).split('; ')[0] as string;
  const inbox = await fetch(url('/'), { headers: { cookie } });
  return { cookie, csrf: csrfIn(await inbox.text()) };
}

const decide = (session: { cookie: string }, id: string, fields: Record<string, string>) =>
  fetch(url(`/approvals/${id}/decide`), {
    ...form(fields),
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: session.cookie },
  });

describe('console over HTTP', () => {
  it('sends a stranger to the sign-in form, and refuses a key the servers do not accept', async () => {
    const home = await fetch(url('/'), { redirect: 'manual' });
    expect(home.status).toBe(303);
    expect(home.headers.get('location')).toBe('/login');
    const login = await fetch(url('/login'));
    expect(login.headers.get('content-security-policy')).toContain("default-src 'self'");
    const res = await fetch(url('/login'), {
      ...form({ csrf: csrfIn(await login.text()), key: 'gh_not_a_key_anyone_has' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieOf(login) },
    });
    expect(res.status).toBe(401);
    expect(res.headers.getSetCookie().join()).not.toContain('gatehouse_console=');
  });

  it('sets an HttpOnly, SameSite=Strict session cookie and shows what will run, invisible characters escaped', async () => {
    const login = await fetch(url('/login'));
    const res = await fetch(url('/login'), {
      ...form({ csrf: csrfIn(await login.text()), key: KEYS.bob }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieOf(login) },
    });
    const session = res.headers.getSetCookie().find((c) => c.startsWith('gatehouse_console='));
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Strict/);
    expect(session).not.toMatch(/Secure/); // loopback over plain HTTP
    const record = await t.approvals.create(writeRequest('carol', 'title: "pay\u202Egnp.exe" <b>bold</b>'));
    const html = await (
      await fetch(url('/'), { headers: { cookie: cookieOf(res).split('; ')[0] as string } })
    ).text();
    expect(html).toContain(`id="approval-${record.id}"`);
    expect(html).toContain('pay\\u202Egnp.exe');
    expect(html).not.toContain('\u202E');
    expect(html).toContain('&lt;b&gt;bold&lt;/b&gt;');
    expect(html).toContain('<dd>notebook:demo</dd>');
    expect(html).toContain('<dd>carol</dd>');
  });

  it('refuses a sign-in that did not come from its own form (no or another pre-session token)', async () => {
    const login = await fetch(url('/login'));
    const token = csrfIn(await login.text());
    const noCookie = await fetch(url('/login'), form({ csrf: token, key: KEYS.bob }));
    expect(noCookie.status).toBe(403);
    const forged = await fetch(url('/login'), {
      ...form({ csrf: 'forged-token', key: KEYS.bob }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieOf(login) },
    });
    expect(forged.status).toBe(403);
    for (const res of [noCookie, forged]) {
      expect(res.headers.getSetCookie().join()).not.toContain('gatehouse_console=');
    }
  });

  it('refuses a decision without the session’s CSRF token, and the request stays pending', async () => {
    const bob = await signIn(KEYS.bob);
    const record = await t.approvals.create(writeRequest('carol'));
    for (const csrf of [undefined, 'forged-token', (await signIn(KEYS.dana)).csrf]) {
      const res = await decide(bob, record.id, { action: 'grant', ...(csrf ? { csrf } : {}) });
      expect(res.status).toBe(403);
      expect(res.headers.get('x-gatehouse-error')).toBe('csrf_invalid');
    }
    expect((await t.approvals.get(record.id))?.status).toBe('pending');
  });

  it('never lets an approver decide their own request', async () => {
    const bob = await signIn(KEYS.bob);
    const own = await t.approvals.create(writeRequest('bob'));
    const html = await (await fetch(url('/'), { headers: { cookie: bob.cookie } })).text();
    expect(html).toContain('Your own request');
    for (const action of ['grant', 'deny']) {
      const res = await decide(bob, own.id, { csrf: bob.csrf, action });
      expect(res.status).toBe(403);
      expect(res.headers.get('x-gatehouse-error')).toBe('self_approval');
    }
    expect((await t.approvals.get(own.id))?.status).toBe('pending');
  });

  it('lets only approvers decide', async () => {
    const carol = await signIn(KEYS.carol);
    const record = await t.approvals.create(writeRequest('erin'));
    const res = await decide(carol, record.id, { csrf: carol.csrf, action: 'grant' });
    expect(res.status).toBe(403);
    expect(res.headers.get('x-gatehouse-error')).toBe('forbidden');
    expect((await t.approvals.get(record.id))?.status).toBe('pending');
  });

  it('records a denial with its reason, the approver and the console as channel; a second decision is refused', async () => {
    const dana = await signIn(KEYS.dana); // an approver by scope, not role
    const record = await t.approvals.create(writeRequest('carol'));
    const res = await decide(dana, record.id, {
      csrf: dana.csrf,
      action: 'deny',
      reason: 'not this quarter',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/?decided=deny');
    expect(await t.approvals.get(record.id)).toMatchObject({
      status: 'denied',
      decidedBy: 'dana',
      decidedVia: 'console',
      reason: 'not this quarter',
    });
    const again = await decide(dana, record.id, { csrf: dana.csrf, action: 'grant' });
    expect(again.status).toBe(409);
    expect(again.headers.get('x-gatehouse-error')).toBe('approval_invalid');
  });

  it('ends the session on sign-out', async () => {
    const bob = await signIn(KEYS.bob);
    const out = await fetch(url('/logout'), {
      ...form({ csrf: bob.csrf }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: bob.cookie },
    });
    expect(out.status).toBe(303);
    const home = await fetch(url('/'), { redirect: 'manual', headers: { cookie: bob.cookie } });
    expect(home.headers.get('location')).toBe('/login');
  });
});
