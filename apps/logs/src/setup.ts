import { ConfigError, type StartContext } from '@gatehouse/kit';
import type { LogBackend } from './backend.ts';
import type { Limits, LogsSettings, SourceConfig } from './config.ts';
import { DEMO_END, demoSourceConfig } from './demo/source.ts';
import { FileBackend } from './files/file-backend.ts';
import { logsServer } from './server.ts';
import { type Source, Sources } from './sources.ts';
import { sourceBoundaries } from './targets.ts';

/** The backend of one configured source; a cluster's client is opened here (it connects lazily). */
export async function backendOf(
  config: SourceConfig,
  limits: Limits,
  index: number,
  shiftMs = 0,
): Promise<LogBackend> {
  if (config.kind === 'files') {
    return new FileBackend({
      root: config.root,
      format: config.format,
      linePattern: new RegExp(config.linePattern),
      fields: config.fields,
      maxLineBytes: limits.maxLineBytes,
      clockSkewMs: config.clockSkewSeconds * 1000,
      ...(shiftMs !== 0 ? { shiftMs } : {}),
    });
  }
  // Loaded only for a cluster source: the two official clients are ~50 MB of a files-only server's memory.
  const { clusterBackend } = await import('./elastic/connect.ts');
  return clusterBackend(config, index);
}

export function sourceOf(config: SourceConfig, backend: LogBackend): Source {
  return {
    name: config.name,
    kind: config.kind,
    fields: config.fields,
    allow: config.allow,
    deny: config.deny,
    deploy: config.deployMarker,
    backend,
  };
}

/**
 * The logs server from its settings: the configured sources, or with none the demo logs in examples/logs,
 * replayed as if their last line were written at start-up. Each source's allow/deny lists are kit boundaries.
 */
export async function startLogs(settings: LogsSettings, ctx: StartContext) {
  const { sources: configured, ...limits } = settings;
  let configs = configured;
  let shiftMs = 0;
  if (configs.length === 0) {
    configs = [demoSourceConfig()];
    shiftMs = Math.floor((Date.now() - DEMO_END) / 60_000) * 60_000;
    ctx.log(
      'no sources configured (GATEHOUSE_LOGS_SOURCES): serving the demo logs in examples/logs, replayed to end now',
    );
  }
  const backends: LogBackend[] = [];
  ctx.onShutdown(() => Promise.all(backends.map((b) => b.close?.())));
  const problems: string[] = [];
  const sources: Source[] = [];
  for (const [i, config] of configs.entries()) {
    try {
      const backend = await backendOf(config, limits, i, shiftMs);
      backends.push(backend);
      sources.push(sourceOf(config, backend));
    } catch (error) {
      if (error instanceof ConfigError) problems.push(...error.problems);
      else throw error;
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { definition: logsServer(new Sources(sources), limits), boundaries: sourceBoundaries(configs) };
}
