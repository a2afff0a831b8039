import { describeConformance } from '../../src/testing/conformance-suite.ts';

// The example notes server as deployed (its own process, an API key) against the official MCP conformance suite,
// 2025-11-25 and 2026-07-28; each run must match example/<revision>.json exactly.
describeConformance(
  'the example notes server',
  new URL('../../example/main.ts', import.meta.url),
  new URL('./example/', import.meta.url),
);
