import { describe, expect, it } from 'vitest';
import { extractLogTail } from './log-tail.ts';

// The shape of a job log as GitHub Actions writes it: a timestamp per line, ##[group] per step, ##[error]
// annotations, ANSI colours from the tools.
const LOG = [
  '2026-11-20T10:00:00.0000000Z ##[group]Run actions/checkout@v4',
  '2026-11-20T10:00:01.0000000Z Syncing repository: acme/api',
  '2026-11-20T10:00:02.0000000Z ##[endgroup]',
  '2026-11-20T10:00:03.0000000Z ##[group]Run npm test',
  ...Array.from({ length: 200 }, (_, i) => `2026-11-20T10:00:04.0000000Z   ✓ test ${i} passes`),
  '2026-11-20T10:00:05.0000000Z \u001b[31m  ✕ invoices are rounded to cents\u001b[0m',
  '2026-11-20T10:00:05.1000000Z     Expected: 10.01',
  '2026-11-20T10:00:05.2000000Z     Received: 10.009999',
  '2026-11-20T10:00:06.0000000Z ##[error]Process completed with exit code 1.',
  '2026-11-20T10:00:07.0000000Z Post job cleanup.',
  '',
].join('\n');

describe('extractLogTail', () => {
  it('returns the lines leading to the first error annotation, in its step, without timestamps or colours', () => {
    const tail = extractLogTail(LOG, { maxLines: 12, maxBytes: 4000 });
    expect(tail.step).toBe('Run npm test');
    expect(tail.lines).toContain('  ✕ invoices are rounded to cents');
    expect(tail.lines).toContain('    Received: 10.009999');
    expect(tail.lines.at(-1)).toBe('Post job cleanup.');
    expect(tail.lines).toHaveLength(12);
    expect(tail.errors).toEqual(['Process completed with exit code 1.']);
    expect(tail.totalLines).toBe(209);
    expect(tail.firstLine).toBe(209 - 12 + 1);
    expect(tail.lines.join('\n')).not.toMatch(/2026-11-20T/);
  });

  it('keeps the window within the byte budget by dropping the oldest lines first', () => {
    const tail = extractLogTail(LOG, { maxLines: 100, maxBytes: 120 });
    const bytes = tail.lines.reduce((n, l) => n + Buffer.byteLength(l) + 1, 0);
    expect(bytes).toBeLessThanOrEqual(120);
    expect(tail.lines).toContain('##[error]Process completed with exit code 1.');
  });

  it('anchors on the last error-looking line when there is no annotation, else on the end', () => {
    const plain = 'step one ok\nFATAL: database "app" does not exist\nretrying\ndone';
    expect(extractLogTail(plain, { maxLines: 2, maxBytes: 1000 }).lines).toEqual([
      'step one ok',
      'FATAL: database "app" does not exist',
    ]);
    expect(extractLogTail('a\nb\nc', { maxLines: 2, maxBytes: 1000 }).lines).toEqual(['b', 'c']);
  });
});
