import { beforeAll, describe, expect, it } from 'vitest';
import {
  CONFORMANCE_REVISIONS,
  type ConformanceReport,
  type ConformanceRevision,
  checkServerConformance,
} from '../../src/testing/index.ts';

// The example notes server as deployed (its own process, an API key) against the official conformance suite,
// both revisions; baselines in example/<revision>.json.
let reports: Record<ConformanceRevision, ConformanceReport>;

beforeAll(async () => {
  reports = await checkServerConformance(
    new URL('../../example/main.ts', import.meta.url),
    new URL('./example/', import.meta.url),
  );
}, 120_000);

describe('the example notes server against the official MCP conformance suite', () => {
  it.each(CONFORMANCE_REVISIONS)(
    '%s: fails only where its baseline says, and every entry still fails',
    (revision) => {
      expect(reports[revision].problems).toEqual([]);
    },
  );
});
