import { readFile } from 'node:fs/promises';
import { Client as ElasticsearchClient } from '@elastic/elasticsearch';
import { ConfigError } from '@gatehouse/kit';
import { Client as OpenSearchClient } from '@opensearch-project/opensearch';
import type { LogBackend } from '../backend.ts';
import { type ClusterSourceConfig, sourceSetting } from '../config.ts';
import { ClusterBackend } from './cluster-backend.ts';
import { elasticsearchApi } from './es-api.ts';
import { openSearchApi } from './os-api.ts';

/**
 * A cluster source's backend over its official client, with the server's own credentials (API key, basic or
 * bearer) and, for a private CA, its certificate. The clients connect lazily: an unreachable cluster is reported
 * by the calls, not at start-up.
 */
export async function clusterBackend(config: ClusterSourceConfig, index: number): Promise<LogBackend> {
  const setting = sourceSetting(index, config.name);
  let ca: string | undefined;
  if (config.caFile !== undefined) {
    try {
      ca = await readFile(config.caFile, 'utf8');
    } catch (error) {
      throw new ConfigError([
        `${setting}.caFile: cannot read ${config.caFile} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      ]);
    }
  }
  const auth = config.auth;
  if (config.kind === 'elasticsearch') {
    const client = new ElasticsearchClient({
      ...(config.node !== undefined ? { node: config.node } : {}),
      ...(config.cloudId !== undefined ? { cloud: { id: config.cloudId } } : {}),
      ...(auth ? { auth } : {}),
      ...(ca ? { tls: { ca } } : {}),
      requestTimeout: config.requestTimeoutMs,
      maxRetries: 1,
    });
    return new ClusterBackend('elasticsearch', elasticsearchApi(client), config.fields, setting);
  }
  // OpenSearch's client takes basic auth itself; an API key or bearer token travels as a header.
  const header =
    auth && 'apiKey' in auth
      ? `ApiKey ${auth.apiKey}`
      : auth && 'bearer' in auth
        ? `Bearer ${auth.bearer}`
        : undefined;
  const client = new OpenSearchClient({
    node: config.node as string,
    ...(auth && 'username' in auth ? { auth: { username: auth.username, password: auth.password } } : {}),
    ...(header ? { headers: { authorization: header } } : {}),
    ...(ca ? { ssl: { ca } } : {}),
    requestTimeout: config.requestTimeoutMs,
    maxRetries: 1,
  });
  return new ClusterBackend('opensearch', openSearchApi(client), config.fields, setting);
}
