import {
  CONFORMANCE_REVISIONS,
  type ConformanceReport,
  type ConformanceRevision,
  checkServerConformance,
} from '@gatehouse/kit/testing';
import { beforeAll, describe, expect, it } from 'vitest';

// The server as deployed (src/main.ts on its embedded defaults, its own process, an API key) against the official
// MCP conformance suite, both revisions; baselines in conformance/<revision>.json.
let reports: Record<ConformanceRevision, ConformanceReport>;

beforeAll(async () => {
  reports = await checkServerConformance(
    new URL('../src/main.ts', import.meta.url),
    new URL('./conformance/', import.meta.url),
  );
}, 120_000);

describe('the docs server against the official MCP conformance suite', () => {
  it.each(CONFORMANCE_REVISIONS)(
    '%s: fails only where its baseline says, and every entry still fails',
    (revision) => {
      expect(reports[revision].problems).toEqual([]);
    },
  );
});
