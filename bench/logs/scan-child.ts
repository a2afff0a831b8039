// One find_recent_errors call over a folder of log files, through the kit's whole pipeline with the official SDK
// client, in its own process so its peak RSS is its own. Prints one JSON line: cpu ms, wall ms, max RSS, answer.
import { fileURLToPath } from 'node:url';
import { createMemoryAuditSink, loadPolicyFile } from '@gatehouse/kit/operator';
import { connectInMemory, structuredOf } from '@gatehouse/kit/testing';
import {
  backendOf,
  LogsSettingsSchema,
  logsServer,
  SourceSchema,
  Sources,
  sourceBoundaries,
  sourceOf,
} from '@gatehouse/logs/in-process';

const dir = process.argv[2] as string;
const policy = await loadPolicyFile(
  fileURLToPath(
    import.meta.resolve('@gatehouse/logs/in-process').replace('src/in-process.ts', 'policy.default.yaml'),
  ),
);
const { sources: _, ...limits } = LogsSettingsSchema.parse({});
const config = SourceSchema.parse({ name: 'bench', kind: 'files', root: dir, allow: ['**/*'] });
const sources = new Sources([sourceOf(config, await backendOf(config, limits, 0))]);
const { client, close } = await connectInMemory(logsServer(sources, limits), {
  policy,
  identity: { actor: 'bench', roles: ['reader'], scopes: [], via: 'stdio' },
  audit: createMemoryAuditSink(),
  boundaries: sourceBoundaries([config]),
  defaultTimeoutMs: 600_000,
});
const cpu = process.cpuUsage();
const started = performance.now();
const result = await client.callTool({ name: 'find_recent_errors', arguments: { since: '12h' } });
const wallMs = performance.now() - started;
const used = process.cpuUsage(cpu);
const out = structuredOf<{ errors: number; patterns: unknown[] }>(result);
await close();
process.stdout.write(
  `${JSON.stringify({ cpuMs: (used.user + used.system) / 1000, wallMs, maxRssMb: process.resourceUsage().maxRSS / 1024, errors: out.errors, patterns: out.patterns.length })}\n`,
);
