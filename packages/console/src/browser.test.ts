// One real browser (Debian's chromium, driven by playwright-core): sign in, approve a pending write, see it go.
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { KEYS, startTestConsole, type TestConsole, writeRequest } from './test-database.ts';

let t: TestConsole;
beforeAll(async () => {
  t = await startTestConsole();
});
afterAll(async () => {
  await t?.stop();
});

it('signs in with a key, approves a pending write and sees it leave the inbox', async () => {
  const record = await t.approvals.create(writeRequest('carol'));
  const other = await t.approvals.create(writeRequest('erin'));
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage();
    const blocked: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
    });
    await page.goto(t.console.url);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.getByLabel('API key').fill(KEYS.bob);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(t.console.url);
    const item = page.locator(`#approval-${record.id}`);
    await expect.poll(() => item.count()).toBe(1);
    expect(await page.locator('header').textContent()).toContain('bob');

    await item.getByRole('button', { name: 'Approve' }).click();
    await page.waitForURL(/decided=grant/);
    expect(await page.getByRole('status').textContent()).toBe('Approved.');
    expect(await item.count()).toBe(0);
    expect(await page.locator(`#approval-${other.id}`).count()).toBe(1);
    expect(await t.approvals.get(record.id)).toMatchObject({
      status: 'granted',
      decidedBy: 'bob',
      decidedVia: 'console',
    });
    // The stylesheet loads under the CSP, and the page needs nothing the CSP refuses.
    expect(
      await page
        .locator('header')
        .evaluate((el) => el.ownerDocument.defaultView?.getComputedStyle(el).display),
    ).toBe('flex');
    expect(blocked).toEqual([]);
  } finally {
    await browser.close();
  }
});
