import { errorCodeOf, structuredOf } from '@gatehouse/kit/testing';
import { describe, expect, it } from 'vitest';
import { connectFiles } from '../../test/connect.ts';
import { DEMO_END, DEMO_ROOT } from '../demo/source.ts';

// The demo logs' incident, found the way an on-call engineer would: billing-api's deploy at 09:50 on the last
// day is followed by 500s (an unhandled TypeError) that invoice-worker sees as failed payments, until the
// rollback at 11:20.
const iso = (ms: number) => new Date(ms).toISOString();
const HOUR = 3_600_000;
const DEPLOY = DEMO_END - 2 * HOUR - 10 * 60_000;

interface Patterns {
  errors: number;
  patterns: {
    trend: string;
    count: number;
    before: number;
    pattern: string;
    services: string;
    example: string;
  }[];
}

describe('the demo incident', () => {
  it('find_recent_errors: the new patterns after the deploy come first, with their services', async () => {
    const { client, close } = await connectFiles(DEMO_ROOT);
    try {
      const result = await client.callTool({
        name: 'find_recent_errors',
        arguments: { since: iso(DEMO_END - 3 * HOUR), until: iso(DEMO_END) },
      });
      const out = structuredOf<Patterns>(result);
      const top = out.patterns.slice(0, 2);
      expect(top.map((p) => p.trend)).toEqual(['new', 'new']);
      expect(top.map((p) => p.services).sort()).toEqual(['billing-api', 'invoice-worker']);
      expect(top.find((p) => p.services === 'billing-api')?.pattern).toBe(
        'TypeError: Cannot read properties of undefined (reading <str>): unhandled exception',
      );
      expect(top.every((p) => p.count >= 5 && p.before === 0)).toBe(true);
      expect(out.errors).toBe(out.patterns.reduce((sum, p) => sum + p.count, 0));
      // The payment provider's background 502s were there before too: not new.
      expect(
        out.patterns.find((p) => p.pattern.includes('payment provider error'))?.trend ?? 'steady',
      ).not.toBe('new');
    } finally {
      await close();
    }
  });

  it('error_timeline: the burst starts after the deploy marker and ends at the rollback', async () => {
    const { client, close } = await connectFiles(DEMO_ROOT);
    try {
      const result = await client.callTool({
        name: 'error_timeline',
        arguments: {
          since: iso(DEMO_END - 4 * HOUR),
          until: iso(DEMO_END),
          service: 'billing-api',
          interval: '15m',
        },
      });
      const out = structuredOf<{
        buckets: { start: string; count: number }[];
        deploys: { time: string; message: string }[];
      }>(result);
      expect(out.deploys.map((d) => d.message)).toEqual(['deploy finished', 'rollback finished']);
      expect(out.deploys[0]?.time).toBe(iso(DEPLOY));
      const before = out.buckets.filter((b) => Date.parse(b.start) < DEPLOY - 15 * 60_000);
      const during = out.buckets.filter(
        (b) => Date.parse(b.start) >= DEPLOY && Date.parse(b.start) < DEMO_END - 45 * 60_000,
      );
      expect(Math.max(...before.map((b) => b.count))).toBeLessThanOrEqual(1);
      expect(Math.min(...during.map((b) => b.count))).toBeGreaterThanOrEqual(1);
      expect(during.reduce((s, b) => s + b.count, 0)).toBeGreaterThan(5);
    } finally {
      await close();
    }
  });

  it('error_timeline: a pattern as find_recent_errors names it counts the same lines (its error type templated too)', async () => {
    const { client, close } = await connectFiles(DEMO_ROOT);
    try {
      const range = { since: iso(DEMO_END - 3 * HOUR), until: iso(DEMO_END) };
      const errors = structuredOf<Patterns>(
        await client.callTool({ name: 'find_recent_errors', arguments: range }),
      );
      // The billing-api pattern's error type carries a value ('currency'), shown as <str>.
      const typeError = errors.patterns.find((p) => p.pattern.startsWith('TypeError: '));
      expect(typeError?.pattern).toContain('<str>');
      const timeline = structuredOf<{ buckets: { count: number }[] }>(
        await client.callTool({
          name: 'error_timeline',
          arguments: { ...range, interval: '1h', pattern: typeError?.pattern },
        }),
      );
      expect(timeline.buckets.reduce((sum, b) => sum + b.count, 0)).toBe(typeError?.count);
    } finally {
      await close();
    }
  });

  it('error_timeline: any duration is an interval; a malformed one or too many buckets is refused by name', async () => {
    const { client, close } = await connectFiles(DEMO_ROOT);
    try {
      const range = { since: iso(DEMO_END - 4 * HOUR), until: iso(DEMO_END), service: 'billing-api' };
      const out = structuredOf<{ interval: string; buckets: { start: string; count: number }[] }>(
        await client.callTool({ name: 'error_timeline', arguments: { ...range, interval: '20m' } }),
      );
      expect(out.interval).toBe('20m');
      expect(out.buckets).toHaveLength(12);
      expect(Date.parse(out.buckets[1]?.start ?? '') - Date.parse(out.buckets[0]?.start ?? '')).toBe(
        20 * 60_000,
      );
      const auto = structuredOf<{ interval: string }>(
        await client.callTool({ name: 'error_timeline', arguments: range }),
      );
      expect(auto.interval).toBe('15m');
      for (const interval of ['0m', '5 minutes', '500ms']) {
        const bad = await client.callTool({ name: 'error_timeline', arguments: { ...range, interval } });
        expect(errorCodeOf(bad)).toBe('invalid_input');
        expect(JSON.stringify(bad.content)).toContain('interval');
      }
      const fine = await client.callTool({ name: 'error_timeline', arguments: { ...range, interval: '1m' } });
      expect(errorCodeOf(fine)).toBe('too_many_buckets');
    } finally {
      await close();
    }
  });

  it('get_trace: one failed request across billing-api and invoice-worker, in order', async () => {
    const { client, close } = await connectFiles(DEMO_ROOT);
    try {
      const errors = await client.callTool({
        name: 'search_logs',
        arguments: {
          since: iso(DEPLOY),
          until: iso(DEMO_END),
          service: 'billing-api',
          level: 'error',
          limit: 1,
        },
      });
      const traceId = structuredOf<{ lines: { traceId?: string }[] }>(errors).lines[0]?.traceId;
      expect(traceId).toMatch(/^[0-9a-f]{16}$/);
      const trace = await client.callTool({
        name: 'get_trace',
        arguments: { traceId, since: iso(DEMO_END - 24 * HOUR), until: iso(DEMO_END) },
      });
      const lines = structuredOf<{ lines: { service: string; message: string; time: string }[] }>(
        trace,
      ).lines;
      expect(lines.map((l) => l.service)).toEqual(['billing-api', 'invoice-worker']);
      expect(Date.parse(lines[0]?.time ?? '')).toBeLessThan(Date.parse(lines[1]?.time ?? ''));
    } finally {
      await close();
    }
  });

  it('list_sources: every demo file, rotated and gzip included, with size and oldest line', async () => {
    const { client, close } = await connectFiles(DEMO_ROOT);
    try {
      const out = structuredOf<{ origins: { name: string; size?: string; oldest?: string }[] }>(
        await client.callTool({ name: 'list_sources', arguments: {} }),
      );
      expect(out.origins).toHaveLength(15);
      const gz = out.origins.find((o) => o.name === 'billing-api.log.2.gz');
      expect(gz?.oldest?.slice(0, 10)).toBe(iso(DEMO_END - 3 * 24 * HOUR).slice(0, 10));
    } finally {
      await close();
    }
  });
});
