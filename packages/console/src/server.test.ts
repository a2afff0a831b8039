import {
  AuditVerifier,
  auditRecordsToVerify,
  createMemoryAuditSink,
  queryAuditRecords,
} from '@gatehouse/kit/operator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsole } from './server.ts';
import {
  cookieOf,
  csrfIn,
  formPost,
  KEYS,
  signIn as signInAs,
  startTestConsole,
  TEST_API_KEYS,
  type TestConsole,
  writeRequest,
} from './test-database.ts';

let t: TestConsole;
beforeAll(async () => {
  t = await startTestConsole();
});
afterAll(async () => {
  await t?.stop();
});

const url = (path: string) => new URL(path, t.console.url).href;
const form = (fields: Record<string, string>) => formPost(fields);
const signIn = (key: string) => signInAs(t.console.url, key);

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

  it('audits each decision through the kit’s audit: intent, then outcome, chained and verifiable', async () => {
    const bob = await signIn(KEYS.bob);
    const record = await t.approvals.create(writeRequest('carol'));
    const res = await decide(bob, record.id, { csrf: bob.csrf, action: 'grant' });
    expect(res.status).toBe(303);
    const rows = await queryAuditRecords(t.pool, { approvalId: record.id });
    expect(rows.map((r) => [r.phase ?? 'outcome', r.outcome])).toEqual([
      ['intent', 'not_run'],
      ['outcome', 'ok'],
    ]);
    for (const r of rows) {
      expect(r).toMatchObject({
        actor: 'bob',
        via: 'console',
        server: 'notes',
        name: 'add_note',
        decision: 'approved',
        approver: 'bob',
        approvalChannel: 'console',
        target: 'notebook:demo',
      });
      expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
    }
    const verifier = new AuditVerifier();
    for await (const input of auditRecordsToVerify(t.pool)) verifier.add(input);
    expect(verifier.finish().findings.filter((f) => f.severity === 'failure')).toEqual([]);
  });

  it('audits a refused decision (own request) without touching the request', async () => {
    const dana = await signIn(KEYS.dana);
    const own = await t.approvals.create(writeRequest('dana'));
    await decide(dana, own.id, { csrf: dana.csrf, action: 'grant' });
    // A refusal that changed nothing rides the sink's buffer: it is stored shortly after the answer.
    await expect.poll(() => queryAuditRecords(t.pool, { approvalId: own.id })).toHaveLength(1);
    const [refused] = await queryAuditRecords(t.pool, { approvalId: own.id });
    expect(refused).toMatchObject({
      actor: 'dana',
      decision: 'denied',
      outcome: 'not_run',
      code: 'self_approval',
    });
  });

  it('makes no decision when the audit cannot take its intent (503 audit_unavailable)', async () => {
    const sink = createMemoryAuditSink();
    sink.failWith(new Error('audit store down'));
    const other = await startConsole({ pool: t.pool, apiKeys: TEST_API_KEYS, audit: sink });
    try {
      const bob = await signInAs(other.url, KEYS.bob);
      const record = await t.approvals.create(writeRequest('carol'));
      const res = await fetch(
        new URL(`/approvals/${record.id}/decide`, other.url),
        formPost({ csrf: bob.csrf, action: 'grant' }, bob.cookie),
      );
      expect(res.status).toBe(503);
      expect(res.headers.get('x-gatehouse-error')).toBe('audit_unavailable');
      expect((await t.approvals.get(record.id))?.status).toBe('pending');
    } finally {
      await other.close();
    }
  });
});

describe('sign-in throttling', () => {
  it('holds an address back after repeated failures, refuses even a right key meanwhile, and audits it', async () => {
    const other = await startConsole({
      pool: t.pool,
      apiKeys: TEST_API_KEYS,
      throttle: { free: 2, baseMs: 60_000 },
    });
    const attempt = async (key: string) => {
      const login = await fetch(new URL('/login', other.url));
      return fetch(
        new URL('/login', other.url),
        formPost({ csrf: csrfIn(await login.text()), key }, cookieOf(login)),
      );
    };
    try {
      const before = new Date();
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await attempt('gh_wrong_key_guess')).status);
      expect(statuses).toEqual([401, 401, 401]);
      const held = await attempt(KEYS.bob);
      expect(held.status).toBe(429);
      expect(held.headers.get('x-gatehouse-error')).toBe('rate_limited');
      expect(Number(held.headers.get('retry-after'))).toBeGreaterThan(50);
      expect(held.headers.getSetCookie().join()).not.toContain('gatehouse_console=');
      // Another console (another process's memory) has its own count: the right key still signs in there.
      expect((await signInAs(t.console.url, KEYS.bob)).cookie).toMatch(/^gatehouse_console=/);
      const refusals = () => queryAuditRecords(t.pool, { server: 'console', tool: 'sign_in', since: before });
      await expect.poll(refusals).toHaveLength(3);
      expect((await refusals()).map((r) => r.code)).toEqual([
        'unauthenticated',
        'unauthenticated',
        'rate_limited',
      ]);
      expect((await refusals())[0]).toMatchObject({
        target: 'address:127.0.0.1',
        decision: 'denied',
        actor: 'anonymous',
      });
    } finally {
      await other.close();
    }
  });
});
