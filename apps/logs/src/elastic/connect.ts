import { ConfigError } from '@gatehouse/kit';
import type { LogBackend } from '../backend.ts';
import type { ClusterSourceConfig } from '../config.ts';

export async function clusterBackend(config: ClusterSourceConfig, index: number): Promise<LogBackend> {
  throw new ConfigError([
    `GATEHOUSE_LOGS_SOURCES[${index}] (${config.name}): ${config.kind} sources are not served yet`,
  ]);
}
