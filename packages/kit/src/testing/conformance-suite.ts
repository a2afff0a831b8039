import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONFORMANCE_REVISIONS,
  type ConformanceReport,
  type ConformanceRevision,
  checkAllRevisions,
  startConformanceTarget,
} from './conformance.ts';

// Its own entry point (`@gatehouse/kit/testing/conformance`), not in the testing index: it declares vitest tests,
// and the index is also loaded by benches running under plain node.

/** A running MCP endpoint to test, and how to stop it. */
export interface ConformanceEndpoint {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Declares the conformance tests of one server: before them, starts it (a server entry file is run as its own
 * process with an API key, see startConformanceTarget; or `start` is called), runs both revisions of the official
 * suite at once, stops it; then one test per revision asserts that the run matches `<baselineDir>/<revision>.json`
 * exactly (no new failure, no entry that now passes). Returns the reports, for further tests in the same file.
 */
export function describeConformance(
  name: string,
  server: string | URL | (() => Promise<ConformanceEndpoint>),
  baselineDir: URL,
): () => Record<ConformanceRevision, ConformanceReport> {
  let reports: Record<ConformanceRevision, ConformanceReport> | undefined;
  let endpoint: ConformanceEndpoint | undefined;
  beforeAll(async () => {
    endpoint = typeof server === 'function' ? await server() : await startConformanceTarget(server);
    reports = await checkAllRevisions(endpoint.url, baselineDir);
  }, 150_000);
  afterAll(async () => {
    await endpoint?.close();
  });
  describe(`${name} against the official MCP conformance suite`, () => {
    it.each(CONFORMANCE_REVISIONS)(
      '%s: fails only where its baseline says, and every entry still fails',
      (revision) => {
        expect(reports?.[revision].problems).toEqual([]);
      },
    );
  });
  return () => {
    if (!reports) throw new Error('the conformance runs have not finished');
    return reports;
  };
}
