import { z } from 'zod';
import { ASYMMETRIC_ALGORITHMS, DEFAULT_ALGORITHMS } from '../auth/jwt-algorithms.ts';
import { DEFAULTS } from '../server.ts';
import { DEFAULT_MAX_BODY_BYTES } from '../transport/http-limits.ts';

const ApiKeySchema = z.object({
  hash: z.string().regex(/^(sha256:)?[0-9a-fA-F]{64}$/, 'expected sha256:<64 hex digits>'),
  actor: z.string().min(1),
  scopes: z.array(z.string()).default([]),
  roles: z.array(z.string()).default([]),
});

const RedactionRuleSchema = z.object({
  kind: z.string().min(1),
  pattern: z.string().min(1),
  flags: z.string().optional(),
});

/**
 * The settings every Gatehouse server shares (env `GATEHOUSE_*`, or keys of the file named by
 * `GATEHOUSE_CONFIG`). Each app adds its own settings with its own schema.
 */
export const KitSettingsSchema = z.object({
  transport: z
    .enum(['http', 'stdio'])
    .default('http')
    .describe('How clients connect: http (Streamable HTTP) or stdio.'),
  host: z.string().min(1).default('127.0.0.1').describe('Address the HTTP server binds to.'),
  port: z.number().int().min(0).max(65535).optional().describe("HTTP port (default: the server's own)."),
  policy: z
    .string()
    .optional()
    .describe("Path to the policy file (YAML or JSON); default: the server's demo policy."),
  apiKeys: z
    .array(ApiKeySchema)
    .default([])
    .describe('JSON array of {hash, actor, scopes, roles}; hashes from `gatehouse keys create`.'),
  oauthIssuer: z
    .string()
    .optional()
    .describe('OAuth issuer URL (exact iss); when set, HTTP accepts its access tokens (JWT).'),
  oauthResource: z
    .string()
    .optional()
    .describe("This server's public URL, e.g. https://mcp.example.com/mcp: the audience tokens must carry."),
  oauthJwksUrl: z
    .string()
    .optional()
    .describe("The issuer's JWKS URL (default: jwks_uri from the issuer's discovery document)."),
  oauthRolesClaim: z
    .string()
    .min(1)
    .default('roles')
    .describe('Token claim with the roles: a name or dotted path (realm_access.roles).'),
  oauthActorClaim: z.string().min(1).default('sub').describe('Token claim naming the actor (sub, email).'),
  oauthClockSkewSeconds: z
    .number()
    .int()
    .min(0)
    .max(300)
    .default(60)
    .describe('Leeway for token exp, nbf and iat.'),
  oauthRequireTyp: z
    .boolean()
    .default(true)
    .describe(
      'Require the access-token header typ at+jwt (RFC 9068); false only for an issuer that does not set it.',
    ),
  oauthAlgorithms: z
    .array(
      z.enum(ASYMMETRIC_ALGORITHMS, {
        error: `expected asymmetric JWS algorithms (${ASYMMETRIC_ALGORITHMS.join(', ')}); none and HS* are never accepted`,
      }),
    )
    .min(1)
    .default([...DEFAULT_ALGORITHMS])
    .describe('Token signature algorithms accepted.'),
  actor: z.string().optional().describe('Actor for stdio sessions (default: the OS user).'),
  stdioRoles: z.array(z.string()).default(['writer']).describe('Roles given to the stdio actor.'),
  allowedHosts: z
    .array(z.string())
    .default([])
    .describe('Host header names accepted (default: loopback names).'),
  allowedOrigins: z.array(z.string()).default([]).describe('Browser origins allowed to call.'),
  metricsKey: z
    .string()
    .min(16, { error: 'expected sha256:<64 hex digits> or a key of at least 16 characters' })
    .optional()
    .describe(
      'When set, /metrics answers only Authorization: Bearer <key>; give the key or its sha256:<hex> hash.',
    ),
  auditLog: z.string().optional().describe('File for the audit log (JSON lines); default: stderr.'),
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// or postgresql:// URL')
    .optional()
    .describe(
      "The kit's own PostgreSQL (shared by replicas): audit log (besides the log file), approvals, rate limits.",
    ),
  auditStore: z
    .enum(['database', 'log'])
    .default('database')
    .describe(
      'With GATEHOUSE_DATABASE_URL: database = audit to the PostgreSQL table and the log; log = the log only (e.g. shipped by a log pipeline).',
    ),
  auditUnavailableReads: z
    .enum(['allow', 'refuse'])
    .default('allow')
    .describe('Reads while the audit store is down: allow (records buffered) or refuse. Writes are refused.'),
  migrate: z
    .enum(['auto', 'off'])
    .default('auto')
    .describe('auto: apply pending database migrations at start; off: refuse to start if any are pending.'),
  signingKey: z
    .string()
    .optional()
    .describe('Base64 key (>= 32 bytes) signing cursors and approval state; replicas must share it.'),
  outputBudgetBytes: z
    .number()
    .int()
    .min(1024)
    .max(1_048_576)
    .default(DEFAULTS.outputBudgetBytes)
    .describe('Largest result size.'),
  timeoutMs: z
    .number()
    .int()
    .min(100)
    .max(600_000)
    .default(DEFAULTS.defaultTimeoutMs)
    .describe('Default deadline per call.'),
  rateLimitCapacity: z
    .number()
    .int()
    .min(1)
    .default(DEFAULTS.rateLimit.capacity)
    .describe('Calls an actor may burst per tool.'),
  rateLimitRefillPerSecond: z
    .number()
    .min(0.001)
    .default(DEFAULTS.rateLimit.refillPerSecond)
    .describe('Calls per second the bucket refills.'),
  approvalTtlSeconds: z
    .number()
    .int()
    .min(30)
    .max(86_400)
    .default(DEFAULTS.approvalTtlSeconds)
    .describe('How long an approval request lives.'),
  approvalCommand: z
    .string()
    .trim()
    .min(1)
    .max(300)
    .refine((text) => !/[\u0000-\u001f\u007f]/.test(text), 'expected one line without control characters')
    .default(DEFAULTS.approvalCommand)
    .describe(
      'The command a person runs to grant an approval (the id is appended), named in the approval_required answer.',
    ),
  maxBodyBytes: z
    .number()
    .int()
    .min(1024)
    .max(16 * 1024 * 1024)
    .default(DEFAULT_MAX_BODY_BYTES)
    .describe('Largest HTTP body.'),
  redactPatterns: z
    .array(RedactionRuleSchema)
    .default([])
    .describe('Extra redaction rules: JSON [{kind, pattern}].'),
  redactDisabledKinds: z.array(z.string()).default([]).describe('Built-in redaction kinds to turn off.'),
});

export type KitSettings = z.infer<typeof KitSettingsSchema>;
