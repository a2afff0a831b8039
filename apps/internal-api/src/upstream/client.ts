// Sends one request to a service and reads its answer within the service's limits: a deadline (and the call's
// own AbortSignal), a cap on the bytes read, no redirect off the base URL (and none at all unless the operator
// allows same-base ones), retries with backoff only where repeating is safe. It knows nothing of MCP.
import { ErrorCode, ToolError } from '@gatehouse/kit';
import type { Credentials } from './auth.ts';
import { type UpstreamRequest, withinBase } from './request.ts';
import type { ServiceFetch } from './tls-fetch.ts';

export interface ClientOptions {
  readonly name: string;
  readonly baseUrl: URL;
  readonly credentials: Credentials;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  readonly retries: number;
  readonly followRedirects: boolean;
  /** Base delay of the first retry; doubles each time. */
  readonly retryBaseMs?: number;
  /** The service's fetch (its TLS settings); default: the platform's. */
  readonly transport?: ServiceFetch;
  /** Where the service is configured (`services[0]`), named by errors the operator fixes. */
  readonly setting?: string;
}

export interface UpstreamResponse {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
}

const IDEMPOTENT = new Set(['get', 'head', 'put', 'delete', 'options']);
const RETRYABLE = new Set([502, 503, 504]);
const MAX_REDIRECTS = 3;

export class ServiceClient {
  readonly options: ClientOptions;

  constructor(options: ClientOptions) {
    this.options = options;
  }

  /** The answer, whatever its status; a transport failure, a cap or a refused redirect is a ToolError. */
  async send(request: UpstreamRequest, signal: AbortSignal, repeatable = false): Promise<UpstreamResponse> {
    const attempts = IDEMPOTENT.has(request.method) || repeatable ? this.options.retries + 1 : 1;
    for (let attempt = 1; ; attempt++) {
      let answer: UpstreamResponse | undefined;
      let failure: unknown;
      try {
        answer = await this.#once(request, signal);
      } catch (error) {
        if (error instanceof ToolError || signal.aborted) throw error;
        failure = error;
      }
      if (answer && !RETRYABLE.has(answer.status)) return answer;
      if (attempt >= attempts) {
        if (answer) return answer;
        throw this.#unreachable(failure);
      }
      await delay((this.options.retryBaseMs ?? 200) * 2 ** (attempt - 1), signal);
    }
  }

  async #once(request: UpstreamRequest, signal: AbortSignal): Promise<UpstreamResponse> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': 'gatehouse-internal-api',
      ...request.headers,
    };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    await this.options.credentials.apply(headers, signal);
    const deadline = AbortSignal.any([signal, AbortSignal.timeout(this.options.timeoutMs)]);
    let url = request.url;
    for (let hop = 0; ; hop++) {
      let response: Response;
      try {
        response = await (this.options.transport?.fetch ?? fetch)(url, {
          method: request.method.toUpperCase(),
          headers,
          body: request.body,
          redirect: 'manual',
          signal: deadline,
        });
      } catch (error) {
        if (signal.aborted) throw error;
        if (deadline.aborted) {
          throw new ToolError(
            ErrorCode.UpstreamUnavailable,
            `The ${this.options.name} API did not answer within ${this.options.timeoutMs} ms.`,
          );
        }
        throw (await this.#tlsError(error, url)) ?? error;
      }
      if (response.status >= 300 && response.status < 400 && response.headers.has('location')) {
        await response.body?.cancel();
        url = this.#redirect(url, response.headers.get('location') ?? '', request.method, hop);
        continue;
      }
      return {
        status: response.status,
        contentType: response.headers.get('content-type') ?? '',
        text: await this.#read(response, deadline),
      };
    }
  }

  /** Where a redirect may go: nowhere by default; with followRedirects, only a GET/HEAD on the base URL. */
  #redirect(from: URL, location: string, method: string, hop: number): URL {
    let next: URL;
    try {
      next = new URL(location, from);
    } catch {
      next = new URL('invalid:');
    }
    const allowed =
      this.options.followRedirects &&
      (method === 'get' || method === 'head') &&
      hop < MAX_REDIRECTS &&
      withinBase(next, this.options.baseUrl);
    if (allowed) return next;
    const where = withinBase(next, this.options.baseUrl)
      ? 'another path of the service'
      : 'outside the service';
    throw new ToolError(
      'upstream_redirect',
      `The ${this.options.name} API redirected the request ${where}; redirects are not followed${
        this.options.followRedirects ? ' off the base URL' : ''
      }.`,
    );
  }

  async #read(response: Response, signal: AbortSignal): Promise<string> {
    const cap = this.options.maxResponseBytes;
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (declared > cap) {
      await response.body?.cancel();
      throw this.#tooLarge();
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    const reader = response.body?.getReader();
    if (!reader) return '';
    try {
      for (;;) {
        signal.throwIfAborted();
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > cap) throw this.#tooLarge();
        chunks.push(value);
      }
    } finally {
      await reader.cancel().catch(() => {});
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  /** A failed TLS handshake is not retried: it fails the same way until the operator fixes a setting. */
  async #tlsError(error: unknown, url: URL): Promise<ToolError | undefined> {
    const failure = await this.options.transport?.explain(error, url);
    if (!failure) return undefined;
    const setting = `${this.options.setting ?? 'the service'}.${failure.setting}`;
    return new ToolError(
      'upstream_tls',
      `The ${this.options.name} API's TLS connection failed: ${failure.reason}; check ${setting}.`,
      { details: { tls: failure.code, setting } },
    );
  }

  #tooLarge(): ToolError {
    return new ToolError(
      'upstream_too_large',
      `The ${this.options.name} API answered with more than ${this.options.maxResponseBytes} bytes; narrow the request.`,
    );
  }

  #unreachable(cause: unknown): ToolError {
    return new ToolError(
      ErrorCode.UpstreamUnavailable,
      `The ${this.options.name} API could not be reached.`,
      {
        cause,
      },
    );
  }
}

/** The standard reason phrase of a status, never the upstream's own wording (that is third-party text). */
export function reasonPhrase(status: number): string {
  // Node's table, taken without `import ... from 'node:http'`: an ESM import of node:http reads every export of
  // the module, and its WebSocket getter loads Node's bundled undici (about 45 ms of CPU at every start).
  return process.getBuiltinModule('node:http').STATUS_CODES[status] ?? 'Unknown status';
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
