import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';

/*
 * A fake GitHub REST API that answers from GitHub's own OpenAPI description (@octokit/openapi): every route the
 * description has is served, with the response the description gives for it — its named example, or a body
 * sampled from its schema the way Prism's static mode does. Prism itself (the dev dependency meant for this)
 * cannot start in this workspace: its packages require `tslib`, which is not installed. This fake therefore does
 * what Prism would, plus what Prism cannot express: Link pagination across pages, rate-limit headers, delays,
 * the 302 of a log download, and a record of every request (to prove a refused call never reached GitHub).
 * Tests may adjust an example's values for a scenario (`patch`), never invent a response shape.
 */

type Json = Record<string, unknown>;
type Spec = { paths: Record<string, Record<string, Json>>; components: Record<string, Record<string, Json>> };

const require = createRequire(import.meta.url);
const specs = new Map<string, Spec>();
function loadSpec(name: string): Spec {
  let spec = specs.get(name);
  if (!spec) {
    const file = require.resolve(`@octokit/openapi/generated/${name}.json`);
    spec = JSON.parse(readFileSync(file, 'utf8')) as Spec;
    specs.set(name, spec);
  }
  return spec;
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage['headers'];
  readonly body: unknown;
  readonly operationId: string | undefined;
}

export interface Override {
  /** Answer with this status (its response from the description). */
  readonly status?: number;
  /** Name of the description's example to use. */
  readonly example?: string;
  readonly headers?: Record<string, string>;
  /** Adjust the example's values for the scenario. */
  readonly patch?: (body: unknown, request: RecordedRequest) => unknown;
  /** Serve Link headers as GitHub does, as if the list had this many pages. */
  readonly pages?: number;
  readonly delayMs?: number;
  /** The text behind a 302 download (job logs). */
  readonly download?: string;
  /** Answer only this many times, then fall back. */
  times?: number;
}

interface Route {
  readonly method: string;
  readonly template: string;
  readonly regex: RegExp;
  readonly operation: Json;
}

export interface FakeGitHub {
  readonly url: string;
  readonly requests: RecordedRequest[];
  on(operationId: string, override: Override): void;
  reset(): void;
  close(): Promise<void>;
}

export async function startFakeGitHub(
  options: { spec?: string; enterpriseVersion?: string; without?: readonly string[] } = {},
): Promise<FakeGitHub> {
  const spec = loadSpec(options.spec ?? 'api.github.com');
  const routes: Route[] = [];
  for (const [template, methods] of Object.entries(spec.paths)) {
    if (options.without?.includes(template)) continue;
    const regex = new RegExp(
      `^${template.replace(/[.+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, (m) => (m === '{path}' ? '(.+)' : '([^/]+)'))}$`,
    );
    for (const [method, operation] of Object.entries(methods)) {
      if (typeof operation === 'object' && operation && 'responses' in operation)
        routes.push({ method: method.toUpperCase(), template, regex, operation });
    }
  }
  // Literal segments first: /repos/{o}/{r}/readme must not be taken by a {path} route.
  routes.sort((a, b) => a.template.split('{').length - b.template.split('{').length);

  const overrides = new Map<string, Override[]>();
  const downloads = new Map<string, string>();
  const requests: RecordedRequest[] = [];
  let base = '';

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', base);
    // GitHub decodes an encoded path (Octokit sends contents/a%2Fb for contents/a/b).
    const pathname = decodeURIComponent(url.pathname);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const download = downloads.get(pathname);
    if (download !== undefined) {
      res.writeHead(200, { 'content-type': 'text/plain' }).end(download);
      return;
    }
    // GitHub Enterprise Server serves the REST API under /api/v3.
    const routePath = options.enterpriseVersion ? pathname.replace(/^\/api\/v3(?=\/)/, '') : pathname;
    const route = routes.find((r) => r.method === req.method && r.regex.test(routePath));
    const operationId = route?.operation.operationId as string | undefined;
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: pathname,
      query: url.searchParams,
      headers: req.headers,
      body: text ? JSON.parse(text) : undefined,
      operationId,
    };
    requests.push(recorded);
    if (!route || !operationId) {
      // What GitHub answers for a route it does not have.
      const docs = options.enterpriseVersion
        ? `https://docs.github.com/enterprise-server@${options.enterpriseVersion}/rest`
        : 'https://docs.github.com/rest';
      send(res, 404, commonHeaders(), { message: 'Not Found', documentation_url: docs });
      return;
    }
    const queue = overrides.get(operationId) ?? [];
    const override = queue[0];
    if (override?.times !== undefined && --override.times <= 0) queue.shift();
    if (override?.delayMs) await new Promise((r) => setTimeout(r, override.delayMs));
    if (res.destroyed) return;
    const prefer = parsePrefer(req.headers.prefer);
    const responses = route.operation.responses as Record<string, Json>;
    const status =
      override?.status ?? (prefer.code ? Number(prefer.code) : defaultStatus(Object.keys(responses)));
    const response = resolve(spec, responses[String(status)] ?? { description: 'undocumented' });
    const headers = { ...commonHeaders(), ...override?.headers };
    if (override?.pages) {
      const page = Number(url.searchParams.get('page') ?? '1');
      const link = (n: number) => {
        const next = new URL(url);
        next.searchParams.set('page', String(n));
        return `<${next}>`;
      };
      const parts = [];
      if (page < override.pages)
        parts.push(`${link(page + 1)}; rel="next"`, `${link(override.pages)}; rel="last"`);
      if (page > 1) parts.push(`${link(1)}; rel="first"`, `${link(page - 1)}; rel="prev"`);
      if (parts.length) headers.link = parts.join(', ');
    }
    if (status === 302) {
      const location = (response.headers as Json | undefined)?.Location as Json | undefined;
      const target = new URL(String(location?.example ?? '/download'));
      const local = `${base}${target.pathname}${target.search}`;
      downloads.set(target.pathname, override?.download ?? '');
      res.writeHead(302, { ...headers, location: local }).end();
      return;
    }
    const content = (response.content as Record<string, Json> | undefined)?.['application/json'];
    let body: unknown = content ? exampleOf(spec, content, override?.example ?? prefer.example) : undefined;
    if (override?.patch) body = override.patch(structuredClone(body), recorded);
    send(res, status, headers, body);
  });

  function commonHeaders(): Record<string, string> {
    return {
      'content-type': 'application/json; charset=utf-8',
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '4999',
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
      'x-github-api-version-selected': '2022-11-28',
      ...(options.enterpriseVersion ? { 'x-github-enterprise-version': options.enterpriseVersion } : {}),
    };
  }

  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: options.enterpriseVersion ? `${base}/api/v3` : base,
    requests,
    on(operationId, override) {
      if (!routes.some((r) => r.operation.operationId === operationId))
        throw new Error(`the description has no operation ${operationId}`);
      overrides.set(operationId, [...(overrides.get(operationId) ?? []), { ...override }]);
    },
    reset() {
      overrides.clear();
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** Prism's choice when none is asked for: the lowest 2xx, else the lowest 3xx (e.g. a download's 302). */
function defaultStatus(codes: readonly string[]): number {
  const sorted = [...codes].sort();
  return Number(
    sorted.find((c) => c.startsWith('2')) ?? sorted.find((c) => c.startsWith('3')) ?? sorted[0] ?? 200,
  );
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: unknown) {
  if (body === undefined) res.writeHead(status, headers).end();
  else res.writeHead(status, headers).end(JSON.stringify(body));
}

function parsePrefer(header: string | string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of String(header ?? '').split(/[,;]/)) {
    const [k, v] = part.trim().split('=');
    if (k && v) out[k] = v;
  }
  return out;
}

function resolve(spec: Spec, node: Json): Json {
  let current = node;
  for (let i = 0; i < 10 && typeof current.$ref === 'string'; i++) {
    const [, , group, name] = (current.$ref as string).split('/');
    current = spec.components[group as string]?.[name as string] as Json;
  }
  return current;
}

function exampleOf(spec: Spec, content: Json, name: string | undefined): unknown {
  const examples = content.examples as Record<string, Json> | undefined;
  if (examples) {
    const chosen = examples[name ?? ''] ?? Object.values(examples)[0];
    if (chosen) {
      // Examples are written both ways: `$ref` to a components example, or `value: {$ref}` to one.
      const value = resolve(spec, chosen).value as Json | undefined;
      return value && typeof value.$ref === 'string' ? resolve(spec, value).value : value;
    }
  }
  if (content.example !== undefined) return content.example;
  return sample(spec, content.schema as Json, 0);
}

/** A value of the schema, as Prism's static mode makes one: examples and defaults first, else placeholders. */
function sample(spec: Spec, node: Json | undefined, depth: number): unknown {
  if (!node || depth > 8) return null;
  const schema = resolve(spec, node);
  if (schema.example !== undefined) return schema.example;
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  const options = (schema.anyOf ?? schema.oneOf ?? schema.allOf) as Json[] | undefined;
  if (options?.[0]) return sample(spec, options[0], depth + 1);
  switch (schema.type) {
    case 'object': {
      const out: Json = {};
      for (const [key, value] of Object.entries((schema.properties as Record<string, Json>) ?? {}))
        out[key] = sample(spec, value, depth + 1);
      return out;
    }
    case 'array':
      return [sample(spec, schema.items as Json, depth + 1)];
    case 'integer':
    case 'number':
      return 0;
    case 'boolean':
      return true;
    case 'string':
      return schema.format === 'date-time' ? '2019-08-24T14:15:22Z' : 'string';
    default:
      return null;
  }
}
