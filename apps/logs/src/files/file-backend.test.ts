import { afterAll, describe, expect, it } from 'vitest';
import { ecs, fileBackend, logFolder } from '../../test/fixtures.ts';
import type { LogQuery } from '../backend.ts';

const T0 = Date.UTC(2026, 11, 7, 10, 0, 0);
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
const signal = new AbortController().signal;

// Real files: today's log, yesterday's rotated `.1`, an older gzip'd `.2.gz`, pino and plain-text services, a
// broken JSON line, a partial last line, and a service whose clock runs 2 minutes ahead of its file's mtime.
const folder = await logFolder({
  'api.log': {
    text: [
      ecs(at(50), 'api', 'info', 'request ok', { trace: { id: 't1' } }),
      '{"@timestamp": "2026-12-07T10:51:00Z", "message": "broken',
      ecs(at(55), 'api', 'error', 'upstream timeout after 3000ms', { trace: { id: 't2' } }),
      ecs(at(58), 'api', 'info', 'half written'),
    ]
      .join('\n')
      .slice(0, -20),
    modified: T0 + 60 * 60_000,
  },
  'api.log.1': {
    text: `${ecs(at(20), 'api', 'error', 'upstream timeout after 900ms', { trace: { id: 't1' } })}\n`,
    modified: T0 + 30 * 60_000,
  },
  'api.log.2.gz': {
    text: `${ecs(at(-600), 'api', 'info', 'old news')}\n`.repeat(50),
    modified: T0 - 590 * 60_000,
  },
  'worker.log': {
    text: `${JSON.stringify({ level: 50, time: T0 + 21 * 60_000, name: 'worker', msg: 'job failed', reqId: 't1' })}\n`,
    modified: T0 + 30 * 60_000,
  },
  // This service's clock is 2 minutes ahead: its line says 10:40 though the file was last written at 10:38.
  'skewed.log': { text: `${at(40)} ERROR [billing] charge failed trace=t1\n`, modified: T0 + 38 * 60_000 },
  'notes.md': 'not a log file',
});
afterAll(() => folder.remove());

const everything = ['api.log', 'api.log.1', 'api.log.2.gz', 'worker.log', 'skewed.log'];
const query = (extra: Partial<LogQuery> = {}): LogQuery => ({
  from: T0,
  to: T0 + 3_600_000,
  origins: everything,
  ...extra,
});

describe('FileBackend', () => {
  it('lists log files (rotated and gzip too) with size and first-line time, not other files', async () => {
    const origins = await fileBackend(folder.root).origins(signal);
    expect(origins.map((o) => o.name).sort()).toEqual([...everything].sort());
    expect(origins.find((o) => o.name === 'api.log.2.gz')?.oldest).toBe(T0 - 600 * 60_000);
  });

  it('searches across rotated files and formats newest first, and says what it could not read', async () => {
    const page = await fileBackend(folder.root).search(
      query(),
      { offset: 0, limit: 10, order: 'desc' },
      signal,
    );
    expect(page.entries.map((e) => [e.origin, e.message])).toEqual([
      ['api.log', 'upstream timeout after 3000ms'],
      ['api.log', 'request ok'],
      ['skewed.log', 'charge failed trace=t1'],
      ['worker.log', 'job failed'],
      ['api.log.1', 'upstream timeout after 900ms'],
    ]);
    expect(page.matched).toBe(5);
    expect(page.warnings).toEqual([
      "api.log: 1 line(s) not readable in this source's format, skipped",
      'api.log: its last line is incomplete (still being written), skipped',
    ]);
  });

  it('pages by offset and stops early once the page is full', async () => {
    const backend = fileBackend(folder.root);
    const second = await backend.search(query(), { offset: 2, limit: 2, order: 'desc' }, signal);
    expect(second.entries.map((e) => e.message)).toEqual(['charge failed trace=t1', 'job failed']);
    const first = await backend.search(
      query({ from: T0 + 45 * 60_000 }),
      { offset: 0, limit: 1, order: 'desc' },
      signal,
    );
    expect(first.entries.map((e) => e.message)).toEqual(['upstream timeout after 3000ms']);
  });

  it('keeps a line whose clock runs ahead of its file, within clockSkew; prunes it without', async () => {
    const late = query({ from: T0 + 39 * 60_000 });
    const withSkew = await fileBackend(folder.root).search(
      late,
      { offset: 0, limit: 10, order: 'desc' },
      signal,
    );
    expect(withSkew.entries.map((e) => e.origin)).toContain('skewed.log');
    const noSkew = await fileBackend(folder.root, { clockSkewMs: 0 }).search(
      late,
      { offset: 0, limit: 10, order: 'desc' },
      signal,
    );
    expect(noSkew.entries.map((e) => e.origin)).not.toContain('skewed.log');
  });

  it('follows one trace across services and formats, oldest first', async () => {
    const page = await fileBackend(folder.root).search(
      query({ traceId: 't1' }),
      { offset: 0, limit: 10, order: 'asc' },
      signal,
    );
    expect(page.entries.map((e) => [e.service, e.message])).toEqual([
      ['api', 'upstream timeout after 900ms'],
      ['worker', 'job failed'],
      ['billing', 'charge failed trace=t1'],
      ['api', 'request ok'],
    ]);
  });

  it('filters by level, service, words and fields', async () => {
    const backend = fileBackend(folder.root);
    const errors = await backend.search(
      query({ levels: ['error', 'fatal'], services: ['api'], text: 'TIMEOUT upstream' }),
      { offset: 0, limit: 10, order: 'desc' },
      signal,
    );
    expect(errors.entries.map((e) => e.message)).toEqual([
      'upstream timeout after 3000ms',
      'upstream timeout after 900ms',
    ]);
    const byField = await backend.search(
      query({ fields: { 'trace.id': 't2' } }),
      { offset: 0, limit: 10, order: 'desc' },
      signal,
    );
    expect(byField.entries.map((e) => e.message)).toEqual(['upstream timeout after 3000ms']);
  });

  it('estimates the scan from file sizes (a gzip file by its uncompressed size), only files that can be in range', async () => {
    const backend = fileBackend(folder.root);
    const all = await backend.estimate(query({ from: T0 - 700 * 60_000 }), signal);
    const recent = await backend.estimate(query(), signal);
    const gzText = `${ecs(at(-600), 'api', 'info', 'old news')}\n`.repeat(50);
    expect(all.amount - recent.amount).toBe(Buffer.byteLength(gzText));
    expect(all.unit).toBe('bytes');
  });

  it('histogram and sample count only matching lines', async () => {
    const backend = fileBackend(folder.root);
    const { buckets } = await backend.histogram(query({ levels: ['error', 'fatal'] }), 15 * 60_000, signal);
    expect(buckets.map((b) => b.count)).toEqual([0, 2, 1, 1]);
    const seen: string[] = [];
    const sample = await backend.sample(
      query({ levels: ['error', 'fatal'] }),
      2,
      (e) => seen.push(e.message),
      signal,
    );
    expect(sample).toMatchObject({ visited: 2, matched: 4, complete: false });
  });
});

// A container runtime's JSON envelope (Docker's json-file driver) around a service that prints logfmt: the level,
// service, trace id and message live inside `log`, as text.
describe('FileBackend over logfmt inside JSON', async () => {
  const docker = (minutes: number, logfmt: string) =>
    JSON.stringify({ log: `${logfmt}\n`, stream: 'stderr', time: at(minutes) });
  const wrapped = await logFolder({
    'containers/pay.log': [
      docker(5, 'level=info service=pay msg="charge ok" trace_id=a1 amount=12'),
      docker(6, 'level=error service=pay msg="charge failed: card declined" trace_id=b2 err=CardError'),
      docker(7, 'retry=3 then gave up'),
      '',
    ].join('\n'),
  });
  afterAll(() => wrapped.remove());
  const q = (extra: Partial<LogQuery> = {}): LogQuery => ({
    from: T0,
    to: T0 + 3_600_000,
    origins: ['containers/pay.log'],
    ...extra,
  });

  it('reads the pairs as fields: level, service, trace id, error type and the msg as the message', async () => {
    const page = await fileBackend(wrapped.root).search(
      q({ levels: ['error', 'fatal'] }),
      { offset: 0, limit: 10, order: 'desc' },
      signal,
    );
    expect(page.entries).toEqual([
      {
        time: T0 + 6 * 60_000,
        level: 'error',
        service: 'pay',
        message: 'charge failed: card declined',
        traceId: 'b2',
        errorType: 'CardError',
        origin: 'containers/pay.log',
      },
    ]);
  });

  it('filters on any pair as a field, and keeps a message that is prose as it is', async () => {
    const backend = fileBackend(wrapped.root);
    const byField = await backend.search(
      q({ fields: { amount: '12' } }),
      { offset: 0, limit: 10, order: 'desc' },
      signal,
    );
    expect(byField.entries.map((e) => [e.traceId, e.fields])).toEqual([['a1', { amount: '12' }]]);
    const all = await backend.search(q(), { offset: 0, limit: 10, order: 'asc' }, signal);
    expect(all.entries.at(-1)).toMatchObject({ message: 'retry=3 then gave up\n' });
    expect(all.entries.at(-1)?.level).toBeUndefined();
  });

  it('error scans keep the wrapped error line (the level key is found inside the JSON string)', async () => {
    const seen: string[] = [];
    await fileBackend(wrapped.root).sample(
      q({ levels: ['error', 'fatal'] }),
      10,
      (e) => seen.push(e.message),
      signal,
    );
    expect(seen).toEqual(['charge failed: card declined']);
  });
});
