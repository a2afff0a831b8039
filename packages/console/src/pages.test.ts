import { fileURLToPath } from 'node:url';
import { createPostgresAuditSink, discoverServers } from '@gatehouse/kit/operator';
import { sampleAuditRecord } from '@gatehouse/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formPost, KEYS, signIn, startTestConsole, type TestConsole, writeRequest } from './test-database.ts';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
let t: TestConsole;
let session: { cookie: string; csrf: string };
const minute = (n: number) => new Date(Date.UTC(2030, 0, 1, 0, n)).toISOString();

beforeAll(async () => {
  t = await startTestConsole({
    servers: discoverServers(REPO),
    rootReadme: `${REPO}README.md`,
    live: { pollMs: 50 },
  });
  const sink = createPostgresAuditSink(t.pool);
  for (let i = 0; i < 120; i++) {
    await sink.write(
      sampleAuditRecord({
        time: minute(i),
        server: i % 2 === 0 ? 'notes' : 'github',
        name: i % 2 === 0 ? 'list_notes' : 'get_file',
        actor: i % 3 === 0 ? 'alice' : 'erin',
        decision: i % 10 === 0 ? 'denied' : 'allowed',
        outcome: i % 10 === 0 ? 'not_run' : 'ok',
        target: i === 7 ? 'repo:acme/\u202Eevil<b>' : 'notebook:demo',
        redactions: i === 7 ? { email: 2 } : {},
      }),
    );
  }
  await sink.flush();
  await sink.close();
  session = await signIn(t.console.url, KEYS.bob);
});
afterAll(async () => {
  await t?.stop();
});

const get = (path: string) => fetch(new URL(path, t.console.url), { headers: { cookie: session.cookie } });
const ids = (html: string) => [...html.matchAll(/<tr id="record-(\d+)"/g)].map((m) => m[1] as string);

describe('audit trail', () => {
  it('pages newest first with a cursor: every record once, 50 to a page', async () => {
    const seen: string[] = [];
    let path: string | undefined = '/audit?server=notes&server=&tool=list_notes';
    let pages = 0;
    while (path !== undefined) {
      const html = await (await get(path)).text();
      const page = ids(html);
      expect(page.length).toBeLessThanOrEqual(50);
      seen.push(...page);
      pages++;
      path = /<a rel="next" href="([^"]+)"/.exec(html)?.[1]?.replaceAll('&amp;', '&');
    }
    expect(pages).toBe(2);
    expect(seen).toHaveLength(60);
    expect(new Set(seen).size).toBe(60);
    expect(seen.map(Number)).toEqual([...seen.map(Number)].sort((a, b) => b - a));
  });

  it('filters by person, decision, outcome and time range, and refuses a filter it cannot apply', async () => {
    const html = await (
      await get(
        '/audit?actor=alice&decision=denied&outcome=not_run&since=2030-01-01T00:30&until=2030-01-01T01:31',
      )
    ).text();
    // i in 30..90 with i % 3 === 0 and i % 10 === 0: 30, 60, 90.
    expect(ids(html)).toHaveLength(3);
    expect(html).toContain('<option selected>denied</option>');
    const bad = await get('/audit?decision=maybe');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('x-gatehouse-error')).toBe('invalid_filter');
    expect(await bad.text()).toContain('decision: expected one of allowed, denied');
    expect((await get('/audit?after=1%20OR%201=1')).headers.get('x-gatehouse-error')).toBe('invalid_cursor');
  });

  it('shows a record’s detail escaped: digests, redaction counts, chain', async () => {
    // The audit stores a bidi control as its visible escape (the kit's auditText); the page escapes the markup.
    const stored = 'repo:acme/\\u202eevil<b>';
    const trail = await (await get(`/audit?target=${encodeURIComponent(stored)}`)).text();
    const [id, ...others] = ids(trail);
    expect(others).toEqual([]);
    expect(trail).toContain('<td>repo:acme/\\u202eevil&lt;b&gt;</td>');
    const detail = await get(`/audit/${id}`);
    const html = await detail.text();
    expect(detail.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(html).not.toContain('\u202E');
    expect(html).not.toContain('<b>evil');
    expect(html).toContain('email: 2');
    expect(html).toContain('sha256:abc');
    expect(html).toMatch(/<dt>Hash<\/dt><dd><code>[0-9a-f]{64}<\/code>/);
    expect((await get('/audit/99999999')).status).toBe(404);
  });

  it('verifies the hash chains and says so', async () => {
    const html = await (await get('/audit/verify')).text();
    expect(html).toMatch(/id="verdict" data-ok="true">Every chain intact: \d+ records/);
  });

  it('tails new records live (server-sent events), filtered like the page', async () => {
    const controller = new AbortController();
    const res = await fetch(new URL('/audit/live?server=jira', t.console.url), {
      headers: { cookie: session.cookie },
      signal: controller.signal,
    });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const sink = createPostgresAuditSink(t.pool);
    await sink.write(
      sampleAuditRecord({ server: 'notes', name: 'not_for_this_tail', time: new Date().toISOString() }),
    );
    await sink.write(
      sampleAuditRecord({ server: 'jira', name: 'get_issue', time: new Date().toISOString() }),
    );
    await sink.flush();
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    let text = '';
    while (!text.includes('event: record')) text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    await sink.close();
    const data = JSON.parse(/data: (.*)\n/.exec(text)?.[1] as string);
    expect(data).toMatchObject({ server: 'jira', name: 'get_issue' });
    expect(text).not.toContain('not_for_this_tail');
    const stranger = await fetch(new URL('/audit/live', t.console.url), { redirect: 'manual' });
    expect(stranger.status).toBe(401);
  });
});

describe('charts', () => {
  it('counts the last hour per server, tool and decision, as SVG bars and a table of totals', async () => {
    const sink = createPostgresAuditSink(t.pool);
    const now = new Date().toISOString();
    for (const server of ['jira', 'jira', 'docs']) await sink.write(sampleAuditRecord({ server, time: now }));
    await sink.flush();
    await sink.close();
    const res = await get('/audit/charts?window=1h');
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('<h3 id="chart-server">Per server</h3>');
    const servers =
      /<section class="chart" aria-labelledby="chart-server">[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    expect(servers).toMatch(/<rect class="k\d" x="[\d.]+" y="[\d.]+" width="[\d.]+" height="[\d.]+"><title>/);
    // Totals: the live-tail test's records may be there too, so at least what this test wrote.
    const total = (key: string) =>
      Number(new RegExp(`</svg> ${key}</td><td class="num">(\\d+)<`).exec(servers)?.[1]);
    expect(total('jira')).toBeGreaterThanOrEqual(2);
    expect(total('docs')).toBeGreaterThanOrEqual(1);
    expect(html).toContain('<h3 id="chart-decision">Per decision</h3>');
    const bad = await get('/audit/charts?window=1y');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('window: expected one of 1h, 24h, 7d');
  });
});

describe('decided approvals', () => {
  it('lists who decided what, through which channel, with the reason', async () => {
    const record = await t.approvals.create(writeRequest('carol'));
    await fetch(
      new URL(`/approvals/${record.id}/decide`, t.console.url),
      formPost({ csrf: session.csrf, action: 'deny', reason: 'wrong <notebook>' }, session.cookie),
    );
    const html = await (await get('/approvals/history')).text();
    const row = new RegExp(`<tr id="decided-${record.id}">[\\s\\S]*?</tr>`).exec(html)?.[0] ?? '';
    expect(row).toContain('status-denied');
    expect(row).toContain('<td>bob</td><td>console</td>');
    expect(row).toContain('wrong &lt;notebook&gt;');
    // Its audit records are one click away.
    const audit = await (await get(`/audit?approval=${record.id}`)).text();
    expect(ids(audit)).toHaveLength(2);
  });
});

describe('inventory', () => {
  it('shows every discovered server with its tools, versions, tokens and the roles allowed', async () => {
    const html = await (await get('/inventory')).text();
    for (const server of discoverServers(REPO)) expect(html).toContain(`id="server-${server.name}"`);
    const createIssue = /<tr id="tool-create_issue">[\s\S]*?<\/tr>/.exec(html)?.[0] ?? '';
    expect(createIssue).toMatch(/<td>\d+\.\d+\.\d+<\/td>/);
    expect(createIssue).toContain('github:write');
    expect(createIssue).toMatch(/<td class="num">\d+ \/ \d+<\/td>/);
    // A reader lacks github:write; a writer may ask, a person approves; an approver may approve in band.
    expect(createIssue).not.toContain('reader');
    expect(createIssue).toContain('writer <span class="muted">(approval (a person, out of band))');
    expect(createIssue).toContain('approver <span class="muted">(approval (in band))');
    const getFile = /<tr id="tool-get_file">[\s\S]*?<\/tr>/.exec(html)?.[0] ?? '';
    expect(getFile).toContain('reader <span class="muted">(no approval)');
    expect(getFile).toContain('read-only');
  });
});
