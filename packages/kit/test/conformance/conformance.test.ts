import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONFORMANCE_REVISIONS,
  type ConformanceReport,
  type ConformanceRevision,
  checkAllRevisions,
} from '../../src/testing/index.ts';
import { startConformanceFixture } from './fixture-server.ts';

// The official MCP conformance suite (its CLIs, as child processes) against the kit's fixture over loopback HTTP:
// the 0.1.x suite for 2025-11-25, the 0.2.x suite's 2026-07-28 requirement set at the 2026 wire. Each run is
// compared with fixture/<revision>.json; a new failure fails, and so does a baseline entry that now passes.

let fixture: Awaited<ReturnType<typeof startConformanceFixture>>;
let reports: Record<ConformanceRevision, ConformanceReport>;

beforeAll(async () => {
  fixture = await startConformanceFixture();
  reports = await checkAllRevisions(fixture.http.url, new URL('./fixture/', import.meta.url));
}, 120_000);

afterAll(async () => {
  await fixture?.close();
});

describe('the kit fixture against the official MCP conformance suite over HTTP', () => {
  it.each(CONFORMANCE_REVISIONS)(
    '%s: fails only where its baseline says, and every entry still fails',
    (revision) => {
      expect(reports[revision].problems).toEqual([]);
    },
  );

  // dns-rebinding-protection is in MUST_PASS; the refusals it provokes are audited.
  it('audits the requests refused for their Host', () => {
    expect(fixture.audit.records.some((r) => r.kind === 'request' && r.code === 'forbidden')).toBe(true);
  });

  // The fixture has the suite's own tools, resources and prompts: these pass outright on both wires.
  it.each(CONFORMANCE_REVISIONS)(
    '%s: passes the tool, resource and prompt scenarios outright',
    (revision) => {
      const passed = reports[revision].passed;
      for (const scenario of [
        'tools-list',
        'tools-call-simple-text',
        'tools-call-error',
        'resources-list',
        'resources-read-text',
        'resources-read-binary',
        'resources-templates-read',
        'prompts-list',
        'prompts-get-simple',
        'prompts-get-with-args',
      ])
        expect(passed, scenario).toContain(scenario);
    },
  );
});
