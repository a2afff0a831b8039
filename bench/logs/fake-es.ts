// A loopback Elasticsearch for the token bench: both servers' official clients talk to it over real HTTP and get
// the same answers, each typed against the client's own response types. The documents are ECS as Elastic Agent
// writes them (host, agent, ecs, event, log.file fields beside the message): what a search really returns.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { estypes } from '@elastic/elasticsearch';

type Doc = Record<string, unknown>;
export const INDEX = 'logs-billing';
const NOW = Date.UTC(2026, 11, 7, 10, 0, 0);

const PATTERNS = [
  (i: number) => `payment provider returned 502 for invoice inv_${88213409 + i} after ${1000 + i * 37}ms`,
  (i: number) => `connect ECONNREFUSED 10.0.3.${17 + (i % 5)}:5432`,
  () => "TypeError: Cannot read properties of undefined (reading 'currency')",
  (i: number) => `subscription sub_${(900000 + i * 7919).toString(36)} not found`,
];

function doc(i: number): Doc {
  const time = new Date(NOW - i * 41_000).toISOString();
  const service = ['billing-api', 'invoice-worker'][i % 2] as string;
  return {
    '@timestamp': time,
    message: (PATTERNS[i % PATTERNS.length] as (i: number) => string)(i),
    log: {
      level: 'error',
      logger: `${service}.handler`,
      file: { path: `/var/log/${service}/app.log` },
      offset: 4096 * i,
    },
    service: { name: service, version: '2026.11.30-1', environment: 'production' },
    trace: { id: `5f1c2a9e${(0x0b7d4e11 + i * 7919).toString(16)}` },
    transaction: { id: (0xa1b2c3d4 + i).toString(16) },
    host: {
      name: `${service}-7c9d${i % 3}`,
      hostname: `${service}-7c9d${i % 3}`,
      architecture: 'x86_64',
      os: { platform: 'linux', kernel: '6.1.0-18-amd64' },
    },
    agent: {
      type: 'filebeat',
      version: '8.15.0',
      name: `${service}-7c9d${i % 3}`,
      id: 'b1f9c3a2-1111-4c2d-9e8f-2a7b6c5d4e3f',
      ephemeral_id: 'e2a1c3b4-2222-4d5e-8f90-1234567890ab',
    },
    ecs: { version: '8.11.0' },
    event: { dataset: `${service}.log`, module: 'generic', ingested: time },
    input: { type: 'filestream' },
    data_stream: { type: 'logs', dataset: service, namespace: 'default' },
  };
}

export const DOCS: Doc[] = Array.from({ length: 40 }, (_, i) => doc(i));

/** The documents in the query's @timestamp range (both servers send one), newest first. */
function inRange(query: unknown): Doc[] {
  const text = JSON.stringify(query ?? {});
  const gte = /"gte":"([^"]+)"/.exec(text)?.[1];
  const lt = /"lt":"([^"]+)"/.exec(text)?.[1];
  return DOCS.filter((d) => {
    const t = Date.parse(String(d['@timestamp']));
    return (gte === undefined || t >= Date.parse(gte)) && (lt === undefined || t < Date.parse(lt));
  });
}

function search(docs: Doc[], size: number, from: number): estypes.SearchResponse<Doc> {
  const hits = docs.slice(from, from + size);
  return {
    took: 4,
    timed_out: false,
    _shards: { total: 1, successful: 1, skipped: 0, failed: 0 },
    hits: {
      total: { value: docs.length, relation: 'eq' },
      max_score: null,
      hits: hits.map((d, i) => ({
        _index: `.ds-${INDEX}-2026.12.07-000001`,
        _id: `id${from + i}`,
        _score: null,
        _source: d,
        sort: [Date.parse(String(d['@timestamp'])), i],
      })),
    },
  };
}

const mapping: estypes.IndicesGetMappingResponse = {
  [INDEX]: {
    mappings: {
      properties: {
        '@timestamp': { type: 'date' },
        message: { type: 'match_only_text' },
        log: { properties: { level: { type: 'keyword' } } },
        service: { properties: { name: { type: 'keyword' } } },
      },
    },
  },
};
const catIndices: estypes.CatIndicesResponse = [
  { index: `.ds-${INDEX}-2026.12.07-000001`, 'docs.count': '40', 'store.size': '81920' },
];
const dataStreams: estypes.IndicesGetDataStreamResponse = {
  data_streams: [
    {
      name: INDEX,
      timestamp_field: { name: '@timestamp' },
      indices: [
        {
          index_name: `.ds-${INDEX}-2026.12.07-000001`,
          index_uuid: 'u1',
          prefer_ilm: true,
          managed_by: 'Index Lifecycle Management',
        },
      ],
      generation: 1,
      status: 'green',
      template: 'logs',
      hidden: false,
      system: false,
      allow_custom_routing: false,
      replicated: false,
      next_generation_managed_by: 'Index Lifecycle Management',
      prefer_ilm: true,
      rollover_on_write: false,
      settings: {},
    },
  ],
};
const count: estypes.CountResponse = {
  count: DOCS.length,
  _shards: { total: 1, successful: 1, skipped: 0, failed: 0 },
};

export async function startFakeEs(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => {
      raw += c;
    });
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0] as string;
      const body = raw ? (JSON.parse(raw) as { size?: number; from?: number; query?: unknown }) : {};
      let answer: unknown = { error: { type: 'no_route', reason: path }, status: 404 };
      if (path.endsWith('/_search')) answer = search(inRange(body.query), body.size ?? 10, body.from ?? 0);
      else if (path.endsWith('/_count')) answer = count;
      else if (path.endsWith('/_mapping')) answer = mapping;
      else if (path.startsWith('/_cat/indices')) answer = catIndices;
      else if (path.startsWith('/_data_stream')) answer = dataStreams;
      res.writeHead(answer && (answer as { status?: number }).status === 404 ? 404 : 200, {
        'content-type': 'application/json',
        'x-elastic-product': 'Elasticsearch',
      });
      res.end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

export const WINDOW = { since: new Date(NOW - 3_600_000).toISOString(), until: new Date(NOW).toISOString() };
