// The whole flow in a real browser (Debian's chromium, driven by playwright-core) against real parts: the example
// notes server as its own process on PostgreSQL, the official MCP SDK client, and the console on the same store.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { discoverServers, queryAuditRecords } from '@gatehouse/kit/operator';
import {
  approvalIdOf,
  errorCodeOf,
  type ServerProcess,
  startServerProcess,
  textOf,
} from '@gatehouse/kit/testing';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, startTestConsole, TEST_API_KEYS, type TestConsole, writeRequest } from './test-database.ts';
import { startTestAuthorizationServer, type TestAuthorizationServer } from './test-oauth.ts';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const NOTES = fileURLToPath(new URL('../../kit/example/main.ts', import.meta.url));
/** Screenshots of each page, kept as the run's artefacts (git ignores the folder). */
const SHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));

let t: TestConsole;
let provider: TestAuthorizationServer;
let notes: ServerProcess;
let carol: Client;
let browser: Browser;
let page: Page;
const blocked: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  provider = await startTestAuthorizationServer();
  t = await startTestConsole({
    oauth: provider.options,
    servers: discoverServers(REPO),
    rootReadme: `${REPO}README.md`,
    live: { pollMs: 100 },
  });
  notes = await startServerProcess(NOTES, {
    GATEHOUSE_DATABASE_URL: t.databaseUrl,
    GATEHOUSE_API_KEYS: JSON.stringify(TEST_API_KEYS),
    GATEHOUSE_SIGNING_KEY: randomBytes(32).toString('base64'),
  });
  carol = new Client({ name: 'console-browser-test', version: '1.0.0' });
  await carol.connect(
    new StreamableHTTPClientTransport(new URL(notes.url), {
      requestInit: { headers: { authorization: `Bearer ${KEYS.carol}` } },
    }),
  );
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
  });
  await page.goto(t.console.url);
  expect(new URL(page.url()).pathname).toBe('/login');
  await page.screenshot({ path: `${SHOTS}login.png` });
  await page.getByLabel('API key').fill(KEYS.bob);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(t.console.url);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await carol?.close().catch(() => {});
  await notes?.stop();
  await t?.stop();
  await provider?.close();
});

const addNote = (title: string, approval?: string) =>
  carol.callTool({
    name: 'add_note',
    arguments: { title, body: 'from the browser test' },
    ...(approval === undefined ? {} : { _meta: { 'dev.gatehouse/approval': approval } }),
  });

describe('the console in a real browser', () => {
  it('approve: the client is told to wait, a person approves in the console, the repeated call runs', async () => {
    const first = await addNote('approved in the console');
    expect(errorCodeOf(first)).toBe('approval_required');
    const id = approvalIdOf(first);
    // The refusal's audit record (which names the client) rides the server's buffer for a moment.
    await expect.poll(() => queryAuditRecords(t.pool, { approvalId: id })).toHaveLength(1);

    await page.goto(t.console.url);
    const item = page.locator(`#approval-${id}`);
    await expect.poll(() => item.count()).toBe(1);
    expect(await item.textContent()).toContain('add_note');
    expect(await item.textContent()).toContain('carol');
    // The server's audit record of the refusal says how the caller signed in (its client name, when it had one).
    expect(await item.textContent()).toMatch(/Client.*\(api-key\)/);
    await page.screenshot({ path: `${SHOTS}inbox.png`, fullPage: true });
    await item.getByRole('button', { name: 'Approve' }).click();
    await page.waitForURL(/decided=grant/);
    expect(await page.getByRole('status').textContent()).toBe('Approved.');
    expect(await item.count()).toBe(0);

    const repeated = await addNote('approved in the console', id);
    expect(repeated.isError).toBeFalsy();
    expect(repeated.structuredContent).toMatchObject({ id: expect.stringMatching(/^n\d+$/) });

    // The trail shows the approval's records: the refusal that asked, the console's decision, the call that ran.
    await page.goto(new URL(`/audit?approval=${id}`, t.console.url).href);
    await expect.poll(() => page.locator('#trail tbody tr').count()).toBeGreaterThanOrEqual(4);
    const rows = await page.locator('#trail tbody tr').allTextContents();
    expect(rows.some((r) => r.includes('approval_required'))).toBe(true);
    expect(rows.some((r) => r.includes('approved') && r.includes('bob'))).toBe(true);
    expect(rows.some((r) => r.includes('carol') && r.includes('ok'))).toBe(true);
    await page.screenshot({ path: `${SHOTS}audit-approval.png`, fullPage: true });
    await page.locator('#trail tbody tr a').first().click();
    await page.waitForURL(/\/audit\/\d+$/);
    expect(await page.locator('main').textContent()).toContain(id);
    await page.screenshot({ path: `${SHOTS}audit-detail.png`, fullPage: true });
  });

  it('deny: the repeated call is refused, and the client is told who denied it and why', async () => {
    const first = await addNote('denied in the console');
    const id = approvalIdOf(first);
    await page.goto(t.console.url);
    const item = page.locator(`#approval-${id}`);
    await item.getByLabel('Reason').fill('wrong notebook, use team-notes');
    await item.getByRole('button', { name: 'Deny' }).click();
    await page.waitForURL(/decided=deny/);
    const repeated = await addNote('denied in the console', id);
    expect(errorCodeOf(repeated)).toBe('approval_rejected');
    expect(textOf(repeated)).toContain('bob denied');
    expect(textOf(repeated)).toContain('wrong notebook, use team-notes');

    await page.getByRole('link', { name: 'History' }).click();
    const row = page.locator(`#decided-${id}`);
    expect(await row.textContent()).toContain('wrong notebook, use team-notes');
    await page.screenshot({ path: `${SHOTS}history.png`, fullPage: true });
  });

  it('an approver sees no way to decide their own request, and a forged form is refused', async () => {
    const own = await t.approvals.create(writeRequest('bob'));
    await page.goto(t.console.url);
    const item = page.locator(`#approval-${own.id}`);
    expect(await item.textContent()).toContain('Your own request');
    expect(await item.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    // A POST with the session cookie but without its CSRF token (what another site's form would send).
    const forged = await page.request.post(new URL(`/approvals/${own.id}/decide`, t.console.url).href, {
      form: { action: 'grant' },
      maxRedirects: 0,
    });
    expect(forged.status()).toBe(403);
    expect(forged.headers()['x-gatehouse-error']).toBe('csrf_invalid');
    expect((await t.approvals.get(own.id))?.status).toBe('pending');
  });

  it('filters the trail and tails new records live', async () => {
    await page.goto(t.console.url);
    await page.getByRole('link', { name: 'Audit trail' }).click();
    await page.getByLabel('Server').fill('notes');
    await page.getByLabel('Tool').fill('list_notes');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/tool=list_notes/);
    await expect.poll(() => page.locator('#live-status').textContent()).toBe('Live tail: on');
    const before = await page.locator('#trail tbody tr').count();
    const listed = await carol.callTool({ name: 'list_notes', arguments: {} });
    expect(listed.isError).toBeFalsy();
    await expect.poll(() => page.locator('#trail tbody tr.fresh').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.locator('#trail tbody tr').count()).toBe(before + 1);
    expect(await page.locator('#trail tbody tr.fresh').textContent()).toContain('list_notes');
    // Another server's call does not match the filter and never shows.
    await page.screenshot({ path: `${SHOTS}audit-live.png`, fullPage: true });
  });

  it('shows the chain verification and the inventory', async () => {
    await page.goto(new URL('/audit/verify', t.console.url).href);
    expect(await page.locator('#verdict').getAttribute('data-ok')).toBe('true');
    await page.screenshot({ path: `${SHOTS}audit-verify.png`, fullPage: true });
    await page.goto(new URL('/audit/charts?window=1h', t.console.url).href);
    expect(await page.locator('#chart-server ~ svg rect').count()).toBeGreaterThan(0);
    expect(await page.locator('section.chart').count()).toBe(3);
    await page.screenshot({ path: `${SHOTS}audit-charts.png`, fullPage: true });
    await page.getByRole('link', { name: 'Inventory' }).click();
    expect(await page.locator('#server-notes #tool-add_note').textContent()).toContain('writer');
    expect(await page.locator('section.server').count()).toBe(discoverServers(REPO).length);
    await page.screenshot({ path: `${SHOTS}inventory.png`, fullPage: true });
    // Every page so far loaded its stylesheet and script under the CSP, and needed nothing it refuses.
    expect(
      await page
        .locator('header')
        .evaluate((el) => el.ownerDocument.defaultView?.getComputedStyle(el).display),
    ).toBe('flex');
    expect(blocked).toEqual([]);
  });

  it('signs in through the identity provider (another site), as the token’s subject', async () => {
    provider.signInAs({ sub: 'olivia', roles: ['approver'] });
    const context = await browser.newContext();
    try {
      const fresh = await context.newPage();
      await fresh.goto(new URL('/login', t.console.url).href);
      await fresh.screenshot({ path: `${SHOTS}login-oauth.png` });
      await fresh.getByRole('link', { name: 'sign in with your identity provider' }).click();
      // Back from the provider's site, the page continues to the inbox, where the Strict session cookie is sent.
      await fresh.waitForURL(t.console.url);
      expect(await fresh.locator('header').textContent()).toContain('olivia');
      expect(await fresh.locator('h2').textContent()).toMatch(/^Approvals waiting/);
    } finally {
      await context.close();
    }
  });
});
