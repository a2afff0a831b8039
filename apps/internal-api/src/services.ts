// The configured services made into tools: each document loaded, its allowlist applied, each allowed operation
// built and checked. An operation that cannot become a valid tool is left out and reported with the reason at
// start (never at call time); an allowlist entry that names nothing is reported too.
import { type Boundary, ConfigError, type ToolDefinition } from '@gatehouse/kit';
import type { InternalApiSettings, ServiceSettings } from './config.ts';
import { applyAllowlist } from './openapi/allowlist.ts';
import { type BuiltOperation, buildOperation, operationTarget } from './openapi/build.ts';
import { validateTool } from './openapi/check-tool.ts';
import type { DescriptionCache } from './openapi/description-cache.ts';
import { type LoadedSpec, loadSpec, SpecError, specFromDocument } from './openapi/load.ts';
import { declaredBaseUrl, listOperations } from './openapi/operations.ts';
import { pruneDocument } from './openapi/prune.ts';
import { SchemaError } from './openapi/schema-zod.ts';
import { type SharedInputs, sharedInputs } from './openapi/shared-inputs.ts';
import { baseToolName, uniqueName } from './openapi/tool-names.ts';
import { credentialsFor } from './upstream/auth.ts';
import { ServiceClient } from './upstream/client.ts';
import { tlsFor } from './upstream/tls.ts';
import { type Fetch, type ServiceFetch, serviceFetch } from './upstream/tls-fetch.ts';

// The document itself is not kept: once its allowed operations are built, nothing needs it, and a 10 MB
// description held for the life of the process is most of its memory.
export interface LoadedService {
  readonly settings: ServiceSettings;
  readonly client: ServiceClient;
  readonly operations: readonly BuiltOperation[];
  /** Input descriptions its tools share, said once in the server's instructions. */
  readonly shared: SharedInputs;
}

export interface LoadedServices {
  readonly services: readonly LoadedService[];
  /** What start-up tells the operator: skipped operations with their reason, allowlist entries naming nothing. */
  readonly notices: readonly string[];
  /** One per service: only its allowlisted operations' targets exist (kit policy, intersected with every role). */
  readonly boundaries: readonly Boundary[];
  /** Closes the services' pooled TLS connections (at shutdown). */
  close(): Promise<void>;
}

export interface LoadOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** A document already read, by service name (the embedded demo and tests). */
  readonly specs?: ReadonlyMap<string, LoadedSpec>;
  /** Where the part of each document file its allowlist uses is kept between starts (description-cache.ts). */
  readonly cache?: DescriptionCache;
}

export async function loadServices(
  settings: InternalApiSettings,
  options: LoadOptions = {},
): Promise<LoadedServices> {
  const taken = new Set<string>();
  const notices: string[] = [];
  const services: LoadedService[] = [];
  const names = new Set<string>();
  const transports: ServiceFetch[] = [];
  const close = async () => {
    await Promise.all(transports.map((t) => t.close()));
  };
  for (const [index, service] of settings.services.entries()) {
    const setting = `services[${index}]`;
    if (names.has(service.name)) throw new ConfigError([`${setting}.name: "${service.name}" is used twice`]);
    names.add(service.name);
    const { spec, client, credentials, cached, key } = await connect(
      service,
      setting,
      settings,
      options,
      transports,
    ).catch(async (error: unknown) => {
      await close();
      throw error;
    });
    const all = listOperations(spec);
    const { allowed, unmatched } = applyAllowlist(service.allow, all);
    for (const entry of unmatched)
      notices.push(`${setting}.allow: "${entry}" names no operation of ${service.spec}`);
    const operations: BuiltOperation[] = [];
    const shared = cached ?? sharedInputs(spec, all);
    if (key !== undefined && options.cache) {
      const doc = pruneDocument(
        spec.doc,
        allowed.map((a) => a.operation),
      );
      if (doc) options.cache.write(key, { doc, shared });
    }
    for (const { operation } of allowed) {
      const options = operation.operationId ? service.operations[operation.operationId] : undefined;
      const label = `${service.name}: ${operation.method.toUpperCase()} ${operation.path}${
        operation.operationId ? ` (${operation.operationId})` : ''
      }`;
      try {
        const wanted = options?.name ?? baseToolName(operation);
        if (taken.has(wanted) && options?.name) throw new SchemaError(`tool name ${wanted} is already taken`);
        const name = uniqueName(wanted, service.name, taken);
        const built = buildOperation(
          spec,
          service.name,
          operation,
          name,
          options,
          credentials.header,
          shared,
        );
        validateTool(built);
        operations.push(built);
      } catch (error) {
        if (!(error instanceof SchemaError)) throw error;
        notices.push(`${label} is not served: ${error.message}`);
      }
    }
    for (const id of Object.keys(service.operations)) {
      if (!allowed.some((a) => a.operation.operationId === id)) {
        notices.push(`${setting}.operations.${id}: no allowlisted operation has this operationId`);
      }
    }
    services.push({ settings: service, client, operations, shared });
  }
  const boundaries = services.map((s, index) => ({
    setting: `services[${index}].allow (${s.settings.name})`,
    within: [`api:${s.settings.name}/**`],
    allow: s.operations.map((o) => operationTarget(s.settings.name, o.name)),
  }));
  return { services, notices, boundaries, close };
}

/** One service's document and client: its TLS settings checked, its document read, its base URL settled. */
async function connect(
  service: ServiceSettings,
  setting: string,
  settings: InternalApiSettings,
  options: LoadOptions,
  transports: ServiceFetch[],
) {
  const tls = tlsFor(service.tls, `${setting}.tls`, options.env);
  if (tls && /^http:/i.test(service.spec)) {
    throw new ConfigError([
      `${setting}.spec: ${service.spec} is plain HTTP, but ${setting}.tls is set; use an https:// URL or a file`,
    ]);
  }
  const transport = await serviceFetch(tls);
  transports.push(transport);
  const given = options.specs?.get(service.name);
  const { spec, cached, key } = given
    ? { spec: given, cached: undefined, key: undefined }
    : await describe(
        service,
        setting,
        settings.maxSpecBytes,
        options.cache,
        tls ? transport.fetch : undefined,
      );
  const baseUrl = service.baseUrl ?? declaredBaseUrl(spec);
  if (!baseUrl) {
    throw new ConfigError([
      `${setting}.baseUrl: not set, and ${service.spec} declares no absolute server URL`,
    ]);
  }
  // Where the settings ask for TLS (a client certificate, a CA), a plain-HTTP base would send the requests without
  // either: refused at start, never downgraded.
  if (tls && new URL(baseUrl).protocol !== 'https:') {
    const whose = service.baseUrl ? '' : " (the document's server URL)";
    throw new ConfigError([
      `${setting}.baseUrl: ${baseUrl}${whose} is plain HTTP, but ${setting}.tls is set (mTLS); use an https:// URL`,
    ]);
  }
  const credentials = credentialsFor(service.auth, `${setting}.auth`, options.env);
  const client = new ServiceClient({
    name: service.name,
    setting,
    baseUrl: new URL(baseUrl),
    credentials,
    timeoutMs: service.timeoutMs,
    maxResponseBytes: service.maxResponseBytes,
    retries: service.retries,
    followRedirects: service.followRedirects,
    transport,
  });
  return { spec, client, credentials, cached, key };
}

/**
 * A service's document: from the description cache when it holds this file with these settings (`cached` is then
 * its shared inputs), else read whole (`key` is then where to keep its cut). A URL is always read whole.
 */
async function describe(
  service: ServiceSettings,
  setting: string,
  maxBytes: number,
  cache: DescriptionCache | undefined,
  fetch: Fetch | undefined,
): Promise<{ spec: LoadedSpec; cached: SharedInputs | undefined; key: string | undefined }> {
  const key =
    cache && !/^https?:\/\//i.test(service.spec)
      ? cache.keyOf(service.spec, [service.allow, maxBytes])
      : undefined;
  const hit = key === undefined ? undefined : cache?.read(key);
  if (hit) return { spec: await specFromDocument(hit.doc, service.spec), cached: hit.shared, key: undefined };
  return { spec: await load(service, setting, maxBytes, fetch), cached: undefined, key };
}

async function load(
  service: ServiceSettings,
  setting: string,
  maxBytes: number,
  fetch: Fetch | undefined,
): Promise<LoadedSpec> {
  try {
    return await loadSpec(service.spec, {
      maxBytes,
      timeoutMs: service.timeoutMs,
      ...(fetch ? { fetch } : {}),
    });
  } catch (error) {
    if (error instanceof SpecError) throw new ConfigError([`${setting}.spec: ${error.message}`]);
    throw error;
  }
}

export function toolsOf(
  loaded: LoadedServices,
  make: (built: BuiltOperation, client: ServiceClient) => ToolDefinition,
) {
  return loaded.services.flatMap((s) => s.operations.map((o) => make(o, s.client)));
}
