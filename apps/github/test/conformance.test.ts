import { describeConformance } from '@gatehouse/kit/testing/conformance';

// The server as deployed (src/main.ts on its embedded defaults, its own process, an API key) against the official
// MCP conformance suite, 2025-11-25 and 2026-07-28; each run must match conformance/<revision>.json exactly.
describeConformance(
  'the GitHub server (unconfigured: lists its tools, each call explains what to set)',
  new URL('../src/main.ts', import.meta.url),
  new URL('./conformance/', import.meta.url),
);
