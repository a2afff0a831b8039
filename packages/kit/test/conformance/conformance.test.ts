import { describe, expect, it } from 'vitest';
import { describeConformance } from '../../src/testing/conformance-suite.ts';
import { CONFORMANCE_REVISIONS } from '../../src/testing/index.ts';
import { startConformanceFixture } from './fixture-server.ts';

// The official MCP conformance suite against the kit's fixture (the suite's own tools, resources and prompts, as
// far as a kit server can express them) over loopback HTTP, 2025-11-25 and 2026-07-28; each run must match
// fixture/<revision>.json exactly.
let fixture: Awaited<ReturnType<typeof startConformanceFixture>>;
const reports = describeConformance(
  'the kit fixture',
  async () => {
    fixture = await startConformanceFixture();
    return { url: fixture.http.url, close: () => fixture.close() };
  },
  new URL('./fixture/', import.meta.url),
);

describe('the kit fixture, beyond its baselines', () => {
  // dns-rebinding-protection must pass on every server; the refusals it provokes are audited.
  it('audits the requests refused for their Host', () => {
    expect(fixture.audit.records.some((r) => r.kind === 'request' && r.code === 'forbidden')).toBe(true);
  });

  it.each(CONFORMANCE_REVISIONS)(
    '%s: passes the tool, resource and prompt scenarios outright (it has the suite names they call)',
    (revision) => {
      const { passed } = reports()[revision];
      for (const scenario of [
        'tools-call-simple-text',
        'tools-call-error',
        'resources-read-text',
        'resources-read-binary',
        'resources-templates-read',
        'prompts-get-simple',
        'prompts-get-with-args',
      ])
        expect(passed, scenario).toContain(scenario);
    },
  );
});
