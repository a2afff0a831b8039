import { describeConformance } from '@gatehouse/kit/testing/conformance';

// The server as deployed (src/main.ts on its embedded defaults, its own process, an API key) against the official
// MCP conformance suite, 2025-11-25 and 2026-07-28; each run must match conformance/<revision>.json exactly.
describeConformance(
  'the docs server (embedded examples/docs)',
  new URL('../src/main.ts', import.meta.url),
  new URL('./conformance/', import.meta.url),
);
