import { z } from 'zod';

/** Names a generated tool may take (the kit's rule: snake_case, 2-64 characters). */
export const TOOL_NAME = /^[a-z][a-z0-9_]{1,63}$/;

// Secrets never sit in the settings themselves: each credential names the environment variable or the file that
// holds it, so a settings file can be committed and a secret is read once, at start, and never logged.
const Secret = z
  .object({
    env: z
      .string()
      .regex(/^[A-Z_][A-Z0-9_]*$/, 'expected an environment variable name')
      .optional(),
    file: z.string().min(1).optional(),
  })
  .strict()
  .refine((s) => (s.env === undefined) !== (s.file === undefined), 'set exactly one of env or file');

const Auth = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }).strict(),
  z
    .object({
      type: z.literal('apiKey'),
      header: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'expected a header name'),
      secret: Secret,
    })
    .strict(),
  z.object({ type: z.literal('bearer'), secret: Secret }).strict(),
  z
    .object({
      type: z.literal('oauth2'),
      tokenUrl: z.url({ protocol: /^https?$/ }),
      clientId: z.string().min(1),
      clientSecret: Secret,
      scopes: z.array(z.string().min(1)).default([]),
    })
    .strict(),
]);
export type AuthSettings = z.infer<typeof Auth>;

// TLS towards a service: `cert` + `key` present a client certificate (mTLS); `ca` replaces the system's roots for
// this service. Each is a secret reference like the others, read and checked at start (src/upstream/tls.ts).
const Tls = z
  .object({
    cert: Secret.optional().describe('Client certificate (PEM; the chain may follow it) for mTLS.'),
    key: Secret.optional().describe("The certificate's private key (PEM)."),
    passphrase: Secret.optional().describe('Passphrase of an encrypted key.'),
    ca: Secret.optional().describe(
      "CA bundle (PEM) the service's certificate must chain to; default: system roots.",
    ),
  })
  .strict();
export type TlsSettings = z.infer<typeof Tls>;

/**
 * One allowlist entry: an operationId (`getOrder`), every operation of a tag (`tag:orders`), or a method and a
 * path glob (`GET /orders/*`, `* /flags/**`; `*` is one path segment, `**` any number).
 */
const AllowEntry = z
  .string()
  .min(1)
  .max(300)
  .regex(
    /^(tag:.+|(\*|GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS) \/\S*|[A-Za-z0-9_.\-/]+)$/i,
    'expected an operationId, tag:<tag>, or "<METHOD> /path/glob"',
  );

const OperationOptions = z
  .object({
    name: z.string().regex(TOOL_NAME, 'expected snake_case, 2-64 characters').optional(),
    version: z
      .string()
      .regex(/^\d+\.\d+\.\d+$/, 'expected semver such as 1.2.0')
      .default('1.0.0')
      .describe('Contract version of the tool; bump it when the document changes the tool.'),
    fields: z
      .array(z.string().regex(/^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/, 'expected a dotted field path'))
      .max(50)
      .optional()
      .describe('Response fields the tool returns (dotted; lists are looked through).'),
    inputs: z
      .array(z.string().min(1).max(100))
      .max(50)
      .optional()
      .describe('Optional parameters offered as inputs (by name); default all. Required ones always are.'),
    destructive: z.boolean().optional().describe('Mark an operation that cannot be undone.'),
    description: z.string().min(1).max(300).optional(),
  })
  .strict();
export type OperationSettings = z.infer<typeof OperationOptions>;

const Service = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9-]{0,30}$/, 'expected a short lowercase name such as billing'),
    spec: z.string().min(1).describe('OpenAPI document: a file path or an http(s) URL, read at start.'),
    baseUrl: z
      .url({ protocol: /^https?$/ })
      .optional()
      .describe("The only origin and path prefix requests may reach; default: the document's server URL."),
    auth: Auth.default({ type: 'none' }),
    tls: Tls.optional().describe('Client certificate (mTLS) and CA bundle; https only.'),
    allow: z.array(AllowEntry).default([]).describe('Operations that become tools; nothing else exists.'),
    operations: z.record(z.string(), OperationOptions).default({}).describe('Per-operationId tool options.'),
    timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
    maxResponseBytes: z
      .number()
      .int()
      .min(1024)
      .max(64 * 1024 * 1024)
      .default(2 * 1024 * 1024),
    retries: z
      .number()
      .int()
      .min(0)
      .max(5)
      .default(2)
      .describe('Retries of GET/HEAD/PUT/DELETE on 502/503/504.'),
    followRedirects: z
      .boolean()
      .default(false)
      .describe('Follow redirects that stay on the base URL (never to another origin).'),
  })
  .strict();
export type ServiceSettings = z.infer<typeof Service>;

/** The internal-api server's own settings (`GATEHOUSE_INTERNAL_API_*`, or keys of the file named by GATEHOUSE_INTERNAL_API_CONFIG). */
export const InternalApiSettingsSchema = z.object({
  services: z
    .array(Service)
    .default([])
    .describe('The APIs to expose (JSON list); none: the embedded demo service.'),
  maxSpecBytes: z
    .number()
    .int()
    .min(1024)
    .max(256 * 1024 * 1024)
    .default(64 * 1024 * 1024)
    .describe('Largest OpenAPI document read at start.'),
  contractsDir: z
    .string()
    .min(1)
    .optional()
    .describe(
      "Snapshots the generated tools are compared with at start (drift); default for the demo: the app's contracts/.",
    ),
  cacheDir: z
    .string()
    .min(1)
    .optional()
    .describe(
      'Folder keeping the part of each document file its allowlist uses, for faster starts; off: none. Default: one of this user under the temp folder.',
    ),
  catalog: z
    .boolean()
    .default(false)
    .describe('Serve find_operation / call_operation instead of one tool per operation.'),
});

export type InternalApiSettings = z.infer<typeof InternalApiSettingsSchema>;
