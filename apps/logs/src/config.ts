import { z } from 'zod';
import { FieldMappingSchema } from './fields.ts';
import { DEFAULT_LINE_PATTERN } from './files/parse.ts';

const sourceName = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,39}$/, 'expected a lowercase name (letters, digits, _ and -)')
  .describe('Name used in tool inputs and policy targets logs:<name>/<index or file>');
/** Target globs after `logs:<name>/`: file paths (`**\/*.log`) or index names (`logs-*`). */
const allowGlob = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^\s:]+$/, 'expected a glob of file paths or index names, e.g. **/*.log or logs-*');

const common = {
  name: sourceName,
  allow: z
    .array(allowGlob)
    .min(1)
    .describe('Files (paths under root) or indices/data streams this source may read (globs)'),
  deny: z.array(allowGlob).default([]).describe('Files or indices refused whatever allow says'),
  fields: FieldMappingSchema.default(FieldMappingSchema.parse({})),
  deployMarker: z
    .strictObject({ field: z.string().min(1).max(100), value: z.string().min(1).max(200) })
    .default({ field: 'event.action', value: 'deploy' })
    .describe('Lines with this field value are deploy markers on error_timeline'),
};

const FileSourceSchema = z.strictObject({
  ...common,
  kind: z.literal('files'),
  root: z.string().min(1).describe('Folder holding the log files'),
  format: z.enum(['auto', 'ndjson', 'logfmt', 'text']).default('auto'),
  linePattern: z
    .string()
    .max(1000)
    .default(DEFAULT_LINE_PATTERN)
    .refine((pattern) => {
      try {
        const groups = new RegExp(pattern).source;
        return groups.includes('(?<time>') && groups.includes('(?<message>');
      } catch {
        return false;
      }
    }, 'expected a regular expression with named groups time and message (and optionally level, service, trace, error)'),
  clockSkewSeconds: z.number().int().min(0).max(86_400).default(300),
});

const clusterAuth = z
  .union([
    z.strictObject({ apiKey: z.string().min(1) }),
    z.strictObject({ username: z.string().min(1), password: z.string().min(1) }),
    z.strictObject({ bearer: z.string().min(1) }),
  ])
  .optional();

const ClusterSourceSchema = z.strictObject({
  ...common,
  kind: z.enum(['elasticsearch', 'opensearch']),
  node: z.url().optional().describe('Cluster URL, e.g. https://es.internal:9200'),
  cloudId: z.string().min(1).optional().describe('Elastic Cloud id (Elasticsearch only), instead of node'),
  auth: clusterAuth,
  caFile: z.string().min(1).optional().describe('PEM file of the CA that signed the cluster certificate'),
  requestTimeoutMs: z.number().int().min(100).max(300_000).default(30_000),
});

export const SourceSchema = z.discriminatedUnion('kind', [FileSourceSchema, ClusterSourceSchema]);
export type SourceConfig = z.infer<typeof SourceSchema>;
export type FileSourceConfig = z.infer<typeof FileSourceSchema>;
export type ClusterSourceConfig = z.infer<typeof ClusterSourceSchema>;

/** Where a source's settings live, as refusals and errors name them. */
export const sourceSetting = (index: number, name: string) => `GATEHOUSE_LOGS_SOURCES[${index}] (${name})`;

/** The environment variables of the limits, named in every refusal so the operator knows what to change. */
export const LIMIT_SETTINGS = {
  maxRangeHours: 'GATEHOUSE_LOGS_MAX_RANGE_HOURS',
  maxScanBytes: 'GATEHOUSE_LOGS_MAX_SCAN_BYTES',
  maxScanDocuments: 'GATEHOUSE_LOGS_MAX_SCAN_DOCUMENTS',
  maxResults: 'GATEHOUSE_LOGS_MAX_RESULTS',
  maxGroupingLines: 'GATEHOUSE_LOGS_MAX_GROUPING_LINES',
  rawQueries: 'GATEHOUSE_LOGS_RAW_QUERIES',
} as const;

/** The logs server's own settings (`GATEHOUSE_LOGS_*`, or keys of the file named by GATEHOUSE_LOGS_CONFIG). */
export const LogsSettingsSchema = z.object({
  sources: z
    .array(SourceSchema)
    .default([])
    .superRefine((sources, ctx) => {
      const seen = new Set<string>();
      sources.forEach((source, i) => {
        if (seen.has(source.name))
          ctx.addIssue({
            code: 'custom',
            path: [i, 'name'],
            message: `duplicate source name ${source.name}`,
          });
        seen.add(source.name);
        if (source.kind !== 'files' && (source.node === undefined) === (source.cloudId === undefined)) {
          ctx.addIssue({ code: 'custom', path: [i, 'node'], message: 'set exactly one of node and cloudId' });
        }
        if (source.kind === 'opensearch' && source.cloudId !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: [i, 'cloudId'],
            message: 'cloudId is for Elasticsearch; set node for OpenSearch',
          });
        }
      });
    })
    // Sensitive: cluster credentials live here, so a malformed value is never echoed back.
    .meta({
      sensitive: true,
      description:
        'JSON array of sources: {name, kind: files, root, allow, deny, format, linePattern, fields, clockSkewSeconds} or {name, kind: elasticsearch|opensearch, node|cloudId, auth, caFile, allow, deny, fields, requestTimeoutMs}; empty: the demo logs in examples/logs.',
    }),
  maxRangeHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 366)
    .default(24 * 7)
    .describe('Widest time range one call may cover'),
  maxScanBytes: z
    .number()
    .int()
    .min(1024)
    .default(4 * 1024 ** 3)
    .describe('Most bytes of log files one call may read (estimated from file sizes before reading)'),
  maxScanDocuments: z
    .number()
    .int()
    .min(1)
    .default(50_000_000)
    .describe('Most documents in range one call may touch on a cluster (from _count before searching)'),
  maxResults: z
    .number()
    .int()
    .min(10)
    .max(10_000)
    .default(500)
    .describe('Deepest a search may page (offset + limit)'),
  maxGroupingLines: z
    .number()
    .int()
    .min(100)
    .max(1_000_000)
    .default(20_000)
    .describe('Most error lines a cluster returns for grouping (newest first; files are grouped whole)'),
  maxLineBytes: z
    .number()
    .int()
    .min(1024)
    .max(16 * 1024 * 1024)
    .default(256 * 1024)
    .describe('Longer lines are skipped'),
  rawQueries: z
    .boolean()
    .default(false)
    .describe('Offer query_logs (ES|QL, query DSL, PPL), still bound to each source allowlist'),
});

export type LogsSettings = z.infer<typeof LogsSettingsSchema>;
export type Limits = Omit<LogsSettings, 'sources'>;
