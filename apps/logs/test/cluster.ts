import { createRequire } from 'node:module';
import type { Client as EsClient } from '@elastic/elasticsearch';
import type { Identity } from '@gatehouse/kit';
import { connectInMemory, createMemoryAuditSink } from '@gatehouse/kit/testing';
import type { Client as OsClient } from '@opensearch-project/opensearch';
import { type SourceConfig, SourceSchema, sourceSetting } from '../src/config.ts';
import { ClusterBackend } from '../src/elastic/cluster-backend.ts';
import { elasticsearchApi } from '../src/elastic/es-api.ts';
import { openSearchApi } from '../src/elastic/os-api.ts';
import { logsServer } from '../src/server.ts';
import { sourceOf } from '../src/setup.ts';
import { Sources } from '../src/sources.ts';
import { sourceBoundaries } from '../src/targets.ts';
import { policy, reader } from './connect.ts';
import { LIMITS, type Limits } from './fixtures.ts';
import { OpenSearchMock } from './opensearch-mock.ts';

// The mock layers plug into the clients' CommonJS builds (their Connection classes): load those builds here.
const require = createRequire(import.meta.url);
const es = require('@elastic/elasticsearch') as typeof import('@elastic/elasticsearch');
const ElasticMock =
  require('@elastic/elasticsearch-mock') as typeof import('@elastic/elasticsearch-mock').default;
const os = require('@opensearch-project/opensearch') as typeof import('@opensearch-project/opensearch');

export const esErrors = es.errors;
export const osErrors = os.errors;

export function elasticMock() {
  const mock = new ElasticMock();
  const client = new es.Client({
    node: 'http://es.test:9200',
    // The mock's Connection is typed from the CommonJS build, the options from the ESM one: same class at run time.
    Connection: mock.getConnection() as never,
    maxRetries: 0,
  }) as EsClient;
  return { mock, client };
}

export function openSearchMock() {
  const mock = new OpenSearchMock();
  const client = new os.Client({
    node: 'http://os.test:9200',
    Connection: mock.connection(os.Connection),
    maxRetries: 0,
  }) as OsClient;
  return { mock, client };
}

/** The server over one cluster source, with its allow/deny as kit boundaries, and the SDK client in memory. */
export async function connectCluster(
  kind: 'elasticsearch' | 'opensearch',
  client: EsClient | OsClient,
  options: { allow?: string[]; deny?: string[]; limits?: Partial<Limits>; identity?: Identity } = {},
) {
  const config: SourceConfig = SourceSchema.parse({
    name: 'prod',
    kind,
    node: 'http://cluster.test:9200',
    allow: options.allow ?? ['logs-*', 'app-*'],
    deny: options.deny ?? [],
  });
  const api =
    kind === 'elasticsearch' ? elasticsearchApi(client as EsClient) : openSearchApi(client as OsClient);
  const backend = new ClusterBackend(kind, api, config.fields, sourceSetting(0, 'prod'));
  const sources = new Sources([sourceOf(config, backend)]);
  const audit = createMemoryAuditSink();
  const connection = await connectInMemory(logsServer(sources, { ...LIMITS, ...options.limits }), {
    policy,
    identity: options.identity ?? reader,
    audit,
    boundaries: sourceBoundaries([config]),
  });
  return { ...connection, audit };
}
